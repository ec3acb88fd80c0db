import { describe, expect, it } from 'vitest';
import { charNgrams } from './charNgrams.js';

describe('charNgrams', () => {
  it('pads each word with spaces and never crosses words', () => {
    expect(charNgrams(['ab', 'c'], [2, 3])).toEqual([
      '# a',
      '#ab',
      '#b ',
      '# ab',
      '#ab ',
      '# c',
      '#c ',
      '# c ',
    ]);
  });

  it('gives run-together and split spellings shared features', () => {
    const joined = new Set(charNgrams(['flashloan'], [3, 4]));
    const split = charNgrams(['flash', 'loan'], [3, 4]);
    expect(split.filter((g) => joined.has(g)).length).toBeGreaterThan(split.length / 2);
  });

  it('refuses a bad range', () => {
    expect(() => charNgrams(['a'], [0, 2])).toThrow(RangeError);
  });
});
