/**
 * Limited-memory BFGS (Nocedal & Wright, "Numerical Optimization", algorithm 7.4 with the two-loop
 * recursion 7.5) with a backtracking Armijo line search. It minimises the smooth convex losses of the
 * text classifiers here, whose parameter vectors are too long for Newton's method and too
 * ill-conditioned for plain gradient descent to converge in reasonable time.
 */
export interface LbfgsOptions {
  /** Correction pairs kept (default 10). */
  memory?: number;
  maxIterations?: number;
  /** Stop when the largest gradient component is at most this times max(1, |f|) (default 1e-6). */
  gradientTolerance?: number;
  /** Stop when f decreases by less than this fraction of max(1, |f|) in one step (default 1e-10). */
  relativeTolerance?: number;
}

export interface LbfgsResult {
  x: Float64Array;
  value: number;
  iterations: number;
  /** Why it stopped: a small gradient or a stalled value (both count as converged), the cap, or a failed line search. */
  stop: 'gradient' | 'value' | 'iterations' | 'line-search';
}

/** f(x) returns the value and writes the gradient into `gradient`. */
export type Objective = (x: Float64Array, gradient: Float64Array) => number;

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] as number));
  return m;
}

export function minimizeLbfgs(
  objective: Objective,
  x0: Float64Array,
  options: LbfgsOptions = {},
): LbfgsResult {
  const memory = options.memory ?? 10;
  const maxIterations = options.maxIterations ?? 500;
  const gtol = options.gradientTolerance ?? 1e-6;
  const ftol = options.relativeTolerance ?? 1e-10;
  const n = x0.length;
  const x = Float64Array.from(x0);
  const g = new Float64Array(n);
  let f = objective(x, g);
  const s: Float64Array[] = [];
  const y: Float64Array[] = [];
  const rho: number[] = [];
  const direction = new Float64Array(n);
  const xNew = new Float64Array(n);
  const gNew = new Float64Array(n);
  const alpha = new Float64Array(memory);

  for (let iteration = 0; iteration < maxIterations; iteration++) {
    if (maxAbs(g) <= gtol * Math.max(1, Math.abs(f))) {
      return { x, value: f, iterations: iteration, stop: 'gradient' };
    }
    // Two-loop recursion: direction = -H g, with H the L-BFGS inverse-Hessian estimate.
    for (let i = 0; i < n; i++) direction[i] = -(g[i] as number);
    for (let k = s.length - 1; k >= 0; k--) {
      const a = (rho[k] as number) * dot(s[k] as Float64Array, direction);
      alpha[k] = a;
      const yk = y[k] as Float64Array;
      for (let i = 0; i < n; i++) direction[i] = (direction[i] as number) - a * (yk[i] as number);
    }
    if (s.length > 0) {
      const last = s.length - 1;
      const yLast = y[last] as Float64Array;
      const gamma = dot(s[last] as Float64Array, yLast) / dot(yLast, yLast);
      for (let i = 0; i < n; i++) direction[i] = (direction[i] as number) * gamma;
    }
    for (let k = 0; k < s.length; k++) {
      const b = (rho[k] as number) * dot(y[k] as Float64Array, direction);
      const sk = s[k] as Float64Array;
      const a = alpha[k] as number;
      for (let i = 0; i < n; i++) direction[i] = (direction[i] as number) + (a - b) * (sk[i] as number);
    }
    let slope = dot(g, direction);
    if (!(slope < 0)) {
      // Not a descent direction (rounding, or a stale pair): restart from steepest descent.
      s.length = 0;
      y.length = 0;
      rho.length = 0;
      for (let i = 0; i < n; i++) direction[i] = -(g[i] as number);
      slope = dot(g, direction);
    }
    // The first step has no curvature estimate, so it is scaled to move x by about one unit.
    let step = s.length === 0 ? Math.min(1, 1 / Math.sqrt(-slope)) : 1;
    let fNew = Number.NaN;
    for (let tries = 0; tries < 60; tries++) {
      for (let i = 0; i < n; i++) xNew[i] = (x[i] as number) + step * (direction[i] as number);
      fNew = objective(xNew, gNew);
      if (Number.isFinite(fNew) && fNew <= f + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    if (!(Number.isFinite(fNew) && fNew <= f))
      return { x, value: f, iterations: iteration, stop: 'line-search' };
    const sNew = new Float64Array(n);
    const yNew = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      sNew[i] = (xNew[i] as number) - (x[i] as number);
      yNew[i] = (gNew[i] as number) - (g[i] as number);
    }
    const sy = dot(sNew, yNew);
    // Keep only pairs with positive curvature, so the estimate stays positive definite. The test is
    // relative: near the optimum s and y are tiny and an absolute floor would drop every new pair.
    if (sy > Number.EPSILON * dot(yNew, yNew)) {
      if (s.length === memory) {
        s.shift();
        y.shift();
        rho.shift();
      }
      s.push(sNew);
      y.push(yNew);
      rho.push(1 / sy);
    }
    const decrease = f - fNew;
    x.set(xNew);
    g.set(gNew);
    f = fNew;
    if (decrease <= ftol * Math.max(1, Math.abs(f))) {
      return { x, value: f, iterations: iteration + 1, stop: 'value' };
    }
  }
  return { x, value: f, iterations: maxIterations, stop: 'iterations' };
}
