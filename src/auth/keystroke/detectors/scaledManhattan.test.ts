import { describe, expect, it } from 'vitest';
import { fromRows } from '../../../ml/matrix.js';
import { scaledManhattan } from './scaledManhattan.js';

describe('scaled Manhattan (Killourhy & Maxion)', () => {
  it('is Σ |x − mean| / mean absolute deviation, as published', () => {
    // Feature 0: mean 2, mad (1+0+1)/3 = 2/3; feature 1: mean 20, mad 20/3.
    const score = scaledManhattan.fit(
      fromRows([
        [1, 10],
        [2, 20],
        [3, 30],
      ]),
    );
    expect(score(Float64Array.of(2, 20))).toBe(0);
    expect(score(Float64Array.of(4, 10))).toBeCloseTo(2 / (2 / 3) + 10 / (20 / 3), 12);
  });

  it('gives a constant training feature 0 when matched and Infinity otherwise (the literal formula)', () => {
    const score = scaledManhattan.fit(
      fromRows([
        [5, 1],
        [5, 3],
      ]),
    );
    expect(score(Float64Array.of(5, 2))).toBe(0);
    expect(score(Float64Array.of(6, 2))).toBe(Number.POSITIVE_INFINITY);
  });
});
