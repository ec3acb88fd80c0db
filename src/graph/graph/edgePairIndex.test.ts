import { describe, expect, it } from 'vitest';
import { EdgePairIndex } from './edgePairIndex.js';

describe('EdgePairIndex', () => {
  it('finds every inserted pair through rehashes and tells direction apart', () => {
    const from: number[] = [];
    const to: number[] = [];
    const index = new EdgePairIndex(
      (e) => from[e] as number,
      (e) => to[e] as number,
      1,
    );
    for (let a = 0; a < 60; a++) {
      for (let b = 0; b < 60; b += 7) {
        if (a === b) continue;
        expect(index.findOrInsert(a, b, from.length)).toBe(-1);
        from.push(a);
        to.push(b);
      }
    }
    for (let e = 0; e < from.length; e++) {
      expect(index.find(from[e] as number, to[e] as number)).toBe(e);
      expect(index.findOrInsert(from[e] as number, to[e] as number, 999_999)).toBe(e);
    }
    expect(index.find(7, 0)).toBe(from.findIndex((f, e) => f === 7 && to[e] === 0));
    expect(index.find(0, 1)).toBe(-1);
    expect(index.find(1000, 1000)).toBe(-1);
  });
});
