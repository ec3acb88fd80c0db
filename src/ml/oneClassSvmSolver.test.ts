import { describe, expect, it } from 'vitest';
import { solveOneClass } from './oneClassSvmSolver.js';

/** RBF kernel matrix of 1-D points. */
function kernel(points: number[], gamma: number): Float64Array {
  const n = points.length;
  const k = new Float64Array(n * n);
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++)
      k[a * n + b] = Math.exp(-gamma * ((points[a] as number) - (points[b] as number)) ** 2);
  }
  return k;
}

describe('solveOneClass', () => {
  const points = [-2, -1.5, -1, -0.2, 0, 0.1, 0.3, 1, 1.4, 5];
  const n = points.length;
  const k = kernel(points, 0.5);

  it('reaches a feasible point that satisfies the KKT conditions', () => {
    const nu = 0.3;
    const { alpha, rho, converged } = solveOneClass(k, n, nu, 1e-8, 100_000);
    expect(converged).toBe(true);
    expect(alpha.reduce((a, b) => a + b, 0)).toBeCloseTo(nu * n, 10);
    for (const a of alpha) expect(a >= 0 && a <= 1).toBe(true);
    // KKT for this dual: G_t = (K alpha)_t is >= rho where alpha_t = 0, <= rho where alpha_t = 1, = rho between.
    for (let t = 0; t < n; t++) {
      let g = 0;
      for (let s = 0; s < n; s++) g += (k[t * n + s] as number) * (alpha[s] as number);
      const a = alpha[t] as number;
      if (a <= 0) expect(g).toBeGreaterThanOrEqual(rho - 1e-6);
      else if (a >= 1) expect(g).toBeLessThanOrEqual(rho + 1e-6);
      else expect(g).toBeCloseTo(rho, 6);
    }
  });

  it('gives the isolated point the lowest decision value', () => {
    const { alpha, rho } = solveOneClass(k, n, 0.3, 1e-8, 100_000);
    const decision = points.map((_, t) => {
      let g = 0;
      for (let s = 0; s < n; s++) g += (k[t * n + s] as number) * (alpha[s] as number);
      return g - rho;
    });
    expect(decision.indexOf(Math.min(...decision))).toBe(n - 1);
    expect(decision[n - 1]).toBeLessThanOrEqual(1e-9);
  });

  it('reports when the iteration cap stops it first', () => {
    expect(solveOneClass(k, n, 0.3, 1e-12, 1).converged).toBe(false);
  });

  it('handles nu = 1, where every coefficient sits at the bound', () => {
    const { alpha, rho } = solveOneClass(k, n, 1, 1e-8, 1000);
    expect(Array.from(alpha)).toEqual(new Array(n).fill(1));
    expect(Number.isFinite(rho)).toBe(true);
  });
});
