import { describe, expect, it } from 'vitest';
import { centredMean, poissonMeanAbsoluteDeviation, poissonNoiseFloorMase } from './poissonNoiseFloor.js';

/** E|Y − λ| by summing the Poisson probabilities directly. */
function bySum(lambda: number): number {
  let p = Math.exp(-lambda);
  let total = 0;
  for (let y = 0; y < 200; y++) {
    total += p * Math.abs(y - lambda);
    p *= lambda / (y + 1);
  }
  return total;
}

describe('poissonMeanAbsoluteDeviation', () => {
  it('matches the mean absolute deviation summed over the distribution', () => {
    for (const lambda of [0.3, 1, 2.5, 7, 19.4, 60]) {
      expect(poissonMeanAbsoluteDeviation(lambda)).toBeCloseTo(bySum(lambda), 9);
    }
  });

  it('approaches the normal value sqrt(2λ/π) for large λ and is 0 without counts', () => {
    expect(poissonMeanAbsoluteDeviation(400) / Math.sqrt((2 * 400) / Math.PI)).toBeCloseTo(1, 2);
    expect(poissonMeanAbsoluteDeviation(0)).toBe(0);
  });
});

describe('poissonNoiseFloorMase', () => {
  it('scales each target month’s noise by its origin’s scale, with the level from a centred average', () => {
    const y = Float64Array.from([10, 10, 10, 10, 10, 20, 20, 20, 20, 20]);
    expect(centredMean(y, 0, 2)).toBe(10);
    expect(centredMean(y, 5, 2)).toBe(16);
    const floor = poissonNoiseFloorMase(y, [
      { target: 2, scale: 2 },
      { target: 8, scale: 4 },
    ]);
    expect(floor).toBeCloseTo(
      (poissonMeanAbsoluteDeviation(10) / 2 + poissonMeanAbsoluteDeviation(20) / 4) / 2,
      12,
    );
  });
});
