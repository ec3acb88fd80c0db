import { describe, expect, it } from 'vitest';
import { BagOfWordsBaseline, defaultWordTokens } from './bagOfWordsBaseline.js';

describe('defaultWordTokens', () => {
  it('splits as scikit-learn CountVectorizer does by default', () => {
    expect(defaultWordTokens("Re-entrancy in withdraw() isn't a DoS; x 0xAB")).toEqual([
      're',
      'entrancy',
      'in',
      'withdraw',
      'isn',
      'dos',
      '0xab',
    ]);
  });
});

describe('BagOfWordsBaseline', () => {
  it('learns word-label associations', () => {
    const texts = ['reentrancy in withdraw', 'reentrancy callback', 'oracle price', 'price oracle twap'];
    const labels = ['reentrancy', 'reentrancy', 'oracle', 'oracle'];
    const model = new BagOfWordsBaseline().fit(texts, labels);
    expect(model.predict(['a reentrancy bug', 'the twap price'])).toEqual(['reentrancy', 'oracle']);
  });
});
