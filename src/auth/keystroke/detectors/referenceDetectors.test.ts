import { describe, expect, it } from 'vitest';
import { fromRows } from '../../../ml/matrix.js';
import { euclidean } from './euclidean.js';
import { mahalanobis } from './mahalanobis.js';
import { manhattan } from './manhattan.js';
import { nearestNeighborMahalanobis } from './nearestNeighborMahalanobis.js';
import { outlierCount } from './outlierCount.js';

const train = fromRows([
  [1, 10],
  [2, 20],
  [3, 30],
]);

describe("Killourhy & Maxion's other detectors", () => {
  it('Manhattan and Euclidean measure from the training mean', () => {
    expect(manhattan.fit(train)(Float64Array.of(4, 10))).toBe(12);
    expect(euclidean.fit(train)(Float64Array.of(4, 10))).toBe(104);
  });

  it('outlier count counts features beyond 1.96 training sds', () => {
    // sds: 1 and 10.
    const score = outlierCount.fit(train);
    expect(score(Float64Array.of(2, 20))).toBe(0);
    expect(score(Float64Array.of(3.9, 20))).toBe(0);
    expect(score(Float64Array.of(4, 10))).toBe(1);
    expect(score(Float64Array.of(0, 0))).toBe(2);
  });

  it('Mahalanobis is 0 at the mean and grows with distance', () => {
    const score = mahalanobis.fit(
      fromRows([
        [1, 10],
        [2, 25],
        [3, 30],
        [2, 15],
      ]),
    );
    expect(score(Float64Array.of(2, 20))).toBeCloseTo(0, 12);
    expect(score(Float64Array.of(4, 20))).toBeGreaterThan(score(Float64Array.of(3, 20)));
  });

  it('nearest-neighbour Mahalanobis is 0 on a training sample and positive between them', () => {
    const score = nearestNeighborMahalanobis.fit(train);
    expect(score(Float64Array.of(3, 30))).toBeCloseTo(0, 12);
    expect(score(Float64Array.of(2.5, 25))).toBeGreaterThan(0);
    expect(score(Float64Array.of(9, 90))).toBeGreaterThan(score(Float64Array.of(4, 40)));
  });
});
