import { describe, expect, it } from 'vitest';
import { minimizeLbfgs } from './lbfgs.js';

describe('minimizeLbfgs', () => {
  it('finds the minimum of an ill-conditioned quadratic', () => {
    // f = sum_i c_i (x_i - i)^2 with c from 1 to 1e4: minimum 0 at x_i = i. (SciPy's L-BFGS-B, memory 10,
    // needs about 700 iterations for this one.)
    const n = 20;
    const c = Float64Array.from({ length: n }, (_, i) => 10 ** ((4 * i) / (n - 1)));
    const result = minimizeLbfgs(
      (x, g) => {
        let f = 0;
        for (let i = 0; i < n; i++) {
          const d = (x[i] as number) - i;
          f += (c[i] as number) * d * d;
          g[i] = 2 * (c[i] as number) * d;
        }
        return f;
      },
      new Float64Array(n),
      { gradientTolerance: 1e-10, relativeTolerance: 0, maxIterations: 5000 },
    );
    expect(result.stop).toBe('gradient');
    result.x.forEach((v, i) => {
      expect(v).toBeCloseTo(i, 5);
    });
  });

  it('minimises the Rosenbrock function', () => {
    const result = minimizeLbfgs(
      (x, g) => {
        const a = x[0] as number;
        const b = x[1] as number;
        g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
        g[1] = 200 * (b - a * a);
        return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
      },
      Float64Array.from([-1.2, 1]),
      { gradientTolerance: 1e-9, maxIterations: 1000 },
    );
    expect(result.x[0]).toBeCloseTo(1, 4);
    expect(result.x[1]).toBeCloseTo(1, 4);
  });

  it('stops at the iteration cap and says so', () => {
    const result = minimizeLbfgs(
      (x, g) => {
        g[0] = 2 * ((x[0] as number) - 3);
        return ((x[0] as number) - 3) ** 2;
      },
      new Float64Array(1),
      { maxIterations: 0 },
    );
    expect(result).toMatchObject({ iterations: 0, stop: 'iterations' });
  });
});
