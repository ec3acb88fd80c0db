import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../core/errors.js';
import { seededRandom } from '../../ml/random.js';
import { kleinbergBursts } from './kleinberg.js';

/** The cost of one state path, written out from the definition (binomial coefficients included). */
function pathCost(states: number[], d: number[], n: number[], p0: number, p1: number, enter: number): number {
  let cost = 0;
  let previous = 0;
  for (let t = 0; t < d.length; t++) {
    const p = states[t] === 1 ? p1 : p0;
    const dt = d[t] as number;
    const nt = n[t] as number;
    let logChoose = 0;
    for (let k = 1; k <= dt; k++) logChoose += Math.log((nt - dt + k) / k);
    cost -= logChoose + dt * Math.log(p) + (nt - dt) * Math.log(1 - p);
    if (states[t] === 1 && previous === 0) cost += enter;
    previous = states[t] as number;
  }
  return cost;
}

describe('kleinbergBursts', () => {
  it('finds the one burst planted in a flat series, with its weight and counts', () => {
    const n = [10, 10, 10, 10, 10, 10, 10, 10, 10, 10];
    const d = [1, 1, 1, 1, 6, 7, 6, 1, 1, 1];
    const result = kleinbergBursts(d, n);
    expect(result.p0).toBeCloseTo(26 / 100, 12);
    expect(result.p1).toBeCloseTo(52 / 100, 12);
    expect(Array.from(result.states)).toEqual([0, 0, 0, 0, 1, 1, 1, 0, 0, 0]);
    expect(result.bursts).toHaveLength(1);
    const burst = result.bursts[0];
    expect(burst?.start).toBe(4);
    expect(burst?.end).toBe(6);
    expect(burst?.count).toBe(19);
    expect(burst?.expected).toBeCloseTo(0.26 * 30, 12);
    // weight = sum over the interval of cost0 - cost1 = sum of d ln(p1/p0) + (n-d) ln((1-p1)/(1-p0)).
    const w = 19 * Math.log(2) + 11 * Math.log(0.48 / 0.74);
    expect(burst?.weight).toBeCloseTo(w, 10);
  });

  it('returns the cheapest path: equal to brute force over every path of a short random series', () => {
    const random = seededRandom(7);
    for (let trial = 0; trial < 30; trial++) {
      const T = 9;
      const n = Array.from({ length: T }, () => 1 + random.int(8));
      const d = n.map((nt) => random.int(nt + 1));
      const gamma = [0.5, 1, 2][trial % 3] as number;
      const s = [1.5, 2, 3][trial % 3] as number;
      const result = kleinbergBursts(d, n, { s, gamma });
      if (result.p0 === 0 || result.p0 === 1) continue;
      const enter = gamma * Math.log(T);
      const got = pathCost(Array.from(result.states), d, n, result.p0, result.p1, enter);
      let best = Number.POSITIVE_INFINITY;
      for (let mask = 0; mask < 1 << T; mask++) {
        const states = Array.from({ length: T }, (_, t) => (mask >> t) & 1);
        best = Math.min(best, pathCost(states, d, n, result.p0, result.p1, enter));
      }
      expect(got).toBeCloseTo(best, 9);
    }
  });

  it('needs a stronger burst as gamma grows, and none for an unchanging share', () => {
    const n = [10, 10, 10, 10, 10, 10];
    const d = [1, 1, 4, 1, 1, 1];
    expect(kleinbergBursts(d, n, { gamma: 0.1 }).bursts).toHaveLength(1);
    expect(kleinbergBursts(d, n, { gamma: 3 }).bursts).toHaveLength(0);
    expect(kleinbergBursts([2, 2, 2, 2], [10, 10, 10, 10]).bursts).toHaveLength(0);
  });

  it('models the share, so a surge of all documents is no burst but a surge of the relevant ones is', () => {
    const n = [20, 20, 20, 40, 40, 20, 20, 20];
    expect(kleinbergBursts([2, 2, 2, 4, 4, 2, 2, 2], n).bursts).toHaveLength(0);
    expect(kleinbergBursts([2, 2, 2, 20, 20, 2, 2, 2], n).bursts.map((b) => [b.start, b.end])).toEqual([
      [3, 4],
    ]);
  });

  it('handles empty buckets, series without relevant documents and series of nothing else', () => {
    expect(kleinbergBursts([0, 0, 0], [3, 0, 5]).bursts).toEqual([]);
    expect(kleinbergBursts([3, 0, 5], [3, 0, 5]).bursts).toEqual([]);
    expect(kleinbergBursts([], []).bursts).toEqual([]);
    const withGap = kleinbergBursts([1, 0, 0, 9, 1, 1], [10, 0, 0, 10, 10, 10]);
    expect(withGap.bursts.map((b) => b.start)).toEqual([3]);
  });

  it('keeps the burst rate below 1 when the base share is dominant', () => {
    const result = kleinbergBursts([6, 6, 10, 6], [10, 10, 10, 10]);
    expect(result.p0).toBeCloseTo(0.7, 12);
    expect(result.p1).toBeCloseTo(0.85, 12);
    expect(Number.isFinite(result.bursts[0]?.weight ?? 0)).toBe(true);
  });

  it('rejects counts above their totals, negative counts and mismatched lengths', () => {
    expect(() => kleinbergBursts([3], [2])).toThrow(ValidationError);
    expect(() => kleinbergBursts([-1], [2])).toThrow(ValidationError);
    expect(() => kleinbergBursts([1, 1], [2])).toThrow(ValidationError);
    expect(() => kleinbergBursts([1], [2], { s: 1 })).toThrow(RangeError);
  });
});
