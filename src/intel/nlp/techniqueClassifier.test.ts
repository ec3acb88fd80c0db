import { describe, expect, it } from 'vitest';
import { TechniqueClassifier } from './techniqueClassifier.js';

const texts = [
  'Re-entrancy in withdraw lets the attacker drain the vault',
  'reentrancy through the ERC777 callback',
  'Read-only reentrancy in getVirtualPrice',
  'Price oracle can be manipulated with a flash loan',
  'spot price manipulation of the pool',
  'TWAP oracle manipulation',
  'Lack of access control on mint()',
  'anyone can call setOwner: missing onlyOwner',
  'Unprotected initialize function',
];
const labels = [
  'reentrancy',
  'reentrancy',
  'reentrancy',
  'price-manipulation',
  'price-manipulation',
  'price-manipulation',
  'access-control',
  'access-control',
  'access-control',
];

describe('TechniqueClassifier', () => {
  it('classifies new phrasings and gives probabilities over its classes', () => {
    const model = new TechniqueClassifier().fit(texts, labels);
    expect(model.classes).toEqual(['access-control', 'price-manipulation', 'reentrancy']);
    expect(
      model.predict(['cross-function reentrancy', 'oracle price manipulated', 'missing access control']),
    ).toEqual(['reentrancy', 'price-manipulation', 'access-control']);
    const [p] = model.predictWithProbabilities(['reentrant call in withdraw']);
    expect(p?.label).toBe('reentrancy');
    const total = Object.values(p?.probabilities ?? {}).reduce((s, v) => s + v, 0);
    expect(total).toBeCloseTo(1, 12);
    expect(p?.probabilities.reentrancy).toBeGreaterThan(0.5);
  });

  it('saves as versioned JSON and loads to identical predictions', () => {
    const model = new TechniqueClassifier({ c: 3 }).fit(texts, labels);
    const saved = JSON.parse(JSON.stringify(model.save()));
    expect(saved).toMatchObject({ format: 'argus-model', kind: 'intel-technique-classifier', version: 1 });
    const copy = TechniqueClassifier.load(saved);
    const probe = ['flash loan oracle attack', 'onlyOwner missing'];
    expect(copy.predictProba(probe)).toEqual(model.predictProba(probe));
    expect(copy.options.c).toBe(3);
    expect(() => TechniqueClassifier.load({ ...saved, version: 2 })).toThrow(/version/);
    expect(() => TechniqueClassifier.load({ ...saved, kind: 'isolation-forest' })).toThrow(/not a saved/);
  });

  it('works with words only, and refuses to predict before fit', () => {
    const model = new TechniqueClassifier({ charNgrams: null }).fit(texts, labels);
    expect(model.predict(['reentrancy'])).toEqual(['reentrancy']);
    expect(() => new TechniqueClassifier().predict(['x'])).toThrow(/before fit/);
    expect(() => new TechniqueClassifier().fit(['a'], [])).toThrow(RangeError);
  });
});
