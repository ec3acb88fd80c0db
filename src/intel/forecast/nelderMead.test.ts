import { describe, expect, it } from 'vitest';
import { nelderMead } from './nelderMead.js';

describe('nelderMead', () => {
  it('finds the minimum of a shifted quadratic bowl', () => {
    const f = (x: Float64Array) => ((x[0] as number) - 3) ** 2 + 10 * ((x[1] as number) + 1) ** 2 + 5;
    const result = nelderMead(f, [0, 0]);
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(3, 4);
    expect(result.x[1]).toBeCloseTo(-1, 4);
    expect(result.fx).toBeCloseTo(5, 8);
  });

  it('follows the Rosenbrock valley from the classic start (-1.2, 1) to (1, 1)', () => {
    const f = (x: Float64Array) => {
      const a = x[0] as number;
      const b = x[1] as number;
      return 100 * (b - a * a) ** 2 + (1 - a) ** 2;
    };
    const result = nelderMead(f, [-1.2, 1], { maxIterations: 2000 });
    expect(result.x[0]).toBeCloseTo(1, 3);
    expect(result.x[1]).toBeCloseTo(1, 3);
  });

  it('steps back from infeasible points marked Infinity', () => {
    // Minimum of (x-2)^2 restricted to x <= 1 lies on the boundary at 1.
    const f = (x: Float64Array) =>
      (x[0] as number) > 1 ? Number.POSITIVE_INFINITY : ((x[0] as number) - 2) ** 2;
    const result = nelderMead(f, [0], { maxIterations: 500 });
    expect(result.x[0]).toBeLessThanOrEqual(1);
    expect(result.x[0]).toBeGreaterThan(0.999);
  });

  it('stops at the iteration limit without claiming convergence', () => {
    const f = (x: Float64Array) => (x[0] as number) ** 2 + (x[1] as number) ** 2;
    const result = nelderMead(f, [5, 5], { maxIterations: 3 });
    expect(result.iterations).toBe(3);
    expect(result.converged).toBe(false);
  });
});
