import { describe, expect, it } from 'vitest';
import { MajorityClass } from './majorityClass.js';

describe('MajorityClass', () => {
  it('predicts the most frequent label, ties to the first in sort order', () => {
    expect(new MajorityClass().fit(['', '', ''], ['b', 'a', 'b']).predict(['x', 'y'])).toEqual(['b', 'b']);
    expect(new MajorityClass().fit(['', ''], ['b', 'a']).predict(['x'])).toEqual(['a']);
    expect(() => new MajorityClass().predict(['x'])).toThrow(/before fit/);
  });
});
