import { describe, expect, it } from 'vitest';
import { fromRows, matrix } from '../../../ml/matrix.js';
import { seededRandom } from '../../../ml/random.js';
import { cholesky, forwardSolve } from './cholesky.js';
import { fitWhitener } from './shrunkCovariance.js';

describe('Cholesky', () => {
  it('factors a positive-definite matrix and solves with it', () => {
    const a = Float64Array.of(4, 2, 2, 3);
    const l = cholesky(a, 2) as Float64Array;
    expect(Array.from(l)).toEqual([2, 0, 1, Math.sqrt(2)]);
    const y = forwardSolve(l, 2, [2, 1 + Math.sqrt(2)], new Float64Array(2));
    expect(y[0]).toBeCloseTo(1, 12);
    expect(y[1]).toBeCloseTo(1, 12);
  });

  it('refuses a singular matrix', () => {
    expect(cholesky(Float64Array.of(1, 1, 1, 1), 2)).toBeUndefined();
  });
});

describe('shrunk-covariance whitening', () => {
  it('stays defined with fewer samples than features', () => {
    const rng = seededRandom(3);
    const random = () => rng.next();
    const x = matrix(4, 10);
    for (let i = 0; i < x.data.length; i++) x.data[i] = 100 + 20 * random();
    const w = fitWhitener(x);
    expect(w.lambda).toBeGreaterThan(0);
    const out = w.whiten(x.data.subarray(0, 10), new Float64Array(10));
    expect(out.every(Number.isFinite)).toBe(true);
  });

  it('shrinks little with many samples, and its distance is Mahalanobis under D·R*·D', () => {
    const rng = seededRandom(5);
    const random = () => rng.next();
    const n = 400;
    const x = matrix(n, 2);
    for (let i = 0; i < n; i++) {
      const a = random() - 0.5;
      x.data[2 * i] = a;
      x.data[2 * i + 1] = 0.8 * a + 0.2 * (random() - 0.5);
    }
    const w = fitWhitener(x);
    expect(w.lambda).toBeLessThan(0.05);
    // Along the correlation a step is cheap; across it, expensive.
    const along = w.whiten([0.3, 0.24], new Float64Array(2));
    const across = w.whiten([0.3, -0.24], new Float64Array(2));
    const norm = (v: Float64Array) => (v[0] as number) ** 2 + (v[1] as number) ** 2;
    expect(norm(across)).toBeGreaterThan(10 * norm(along));
  });

  it('treats a constant feature with a tiny floor, so deviating in it dominates', () => {
    const w = fitWhitener(
      fromRows([
        [1, 5],
        [2, 5],
        [3, 5],
      ]),
    );
    const out = w.whiten([2, 6], new Float64Array(2));
    expect(Math.abs(out[1] as number)).toBeGreaterThan(1e5);
  });
});
