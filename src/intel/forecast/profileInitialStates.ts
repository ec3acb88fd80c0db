/**
 * The maximum-likelihood initial states of a linear (additive-season or non-seasonal) Holt-Winters model
 * for fixed smoothing parameters. Hyndman et al. (2008, §5.2) estimate the initial states x0 jointly
 * with the smoothing parameters; for these models the recursions x_t = (F - g·w')x_{t-1} + g·y_t are
 * linear and homogeneous in (x0, y), so every one-step forecast is μ_t(0; y) plus a linear function of
 * x0, and the x0 minimising the SSE (the Gaussian likelihood) is an ordinary least-squares fit. Solving
 * it exactly inside the smoothing-parameter search concentrates x0 out of the likelihood instead of
 * handing Nelder-Mead up to fourteen more coordinates.
 *
 * The seasonal states are constrained to sum to zero (the last is minus the others): a constant moved
 * from the seasons to the level leaves every forecast unchanged, so without the constraint the least-
 * squares problem is singular.
 */
export interface LinearSpec {
  /** Season length; 1 for none. */
  period: number;
  trend: boolean;
  alpha: number;
  beta: number;
  gamma: number;
  phi: number;
}

export interface ProfiledStates {
  level: number;
  slope: number;
  /** seasonals[j]: the seasonal term of observation j, j < period. */
  seasonals: Float64Array;
  sse: number;
}

/** Reusable buffers for one series, so that the optimiser's many calls allocate nothing. */
export interface Profiler {
  profile(spec: LinearSpec): ProfiledStates;
}

export function initialStateProfiler(y: ArrayLike<number>, period: number, trend: boolean): Profiler {
  const n = y.length;
  const m = Math.max(1, period);
  const p = 1 + (trend ? 1 : 0) + (m > 1 ? m - 1 : 0);
  // columns[k * n + t]: the forecast at t of the zero series started from the k-th basis state.
  const columns = new Float64Array(p * n);
  const base = new Float64Array(n);
  const ring = new Float64Array(m);
  const normal = new Float64Array(p * p);
  const rhs = new Float64Array(p);

  /** One pass of the recursions, writing μ_t (data y, or zeros) into out. */
  const pass = (
    spec: LinearSpec,
    data: ArrayLike<number> | undefined,
    l0: number,
    b0: number,
    out: Float64Array,
    offset: number,
  ) => {
    const { alpha, beta, gamma, phi } = spec;
    let level = l0;
    let slope = b0;
    for (let t = 0; t < n; t++) {
      const j = t % m;
      const s = ring[j] as number;
      const trendPart = level + phi * slope;
      const mu = trendPart + s;
      out[offset + t] = mu;
      const e = (data === undefined ? 0 : (data[t] as number)) - mu;
      level = trendPart + alpha * e;
      slope = phi * slope + beta * e;
      ring[j] = s + gamma * e;
    }
  };

  return {
    profile(spec: LinearSpec): ProfiledStates {
      const effective = { ...spec, beta: trend ? spec.beta : 0, phi: trend ? spec.phi : 1 };
      // Forecasts of the data from the zero state: the residual the states must explain.
      ring.fill(0);
      pass(effective, y, 0, 0, base, 0);
      let k = 0;
      ring.fill(0);
      pass(effective, undefined, 1, 0, columns, k++ * n);
      if (trend) {
        ring.fill(0);
        pass(effective, undefined, 0, 1, columns, k++ * n);
      }
      for (let j = 0; j < m - 1 && m > 1; j++) {
        ring.fill(0);
        ring[j] = 1;
        ring[m - 1] = -1;
        pass(effective, undefined, 0, 0, columns, k++ * n);
      }
      // Normal equations (columnsᵀcolumns) x = columnsᵀ(y - base), solved by Cholesky.
      for (let a = 0; a < p; a++) {
        let r = 0;
        for (let t = 0; t < n; t++)
          r += (columns[a * n + t] as number) * ((y[t] as number) - (base[t] as number));
        rhs[a] = r;
        for (let b = 0; b <= a; b++) {
          let s = 0;
          for (let t = 0; t < n; t++) s += (columns[a * n + t] as number) * (columns[b * n + t] as number);
          normal[a * p + b] = s;
          normal[b * p + a] = s;
        }
      }
      const x = solveSymmetric(normal, rhs, p);
      const level = x[0] as number;
      const slope = trend ? (x[1] as number) : 0;
      const seasonals = new Float64Array(m);
      if (m > 1) {
        let sum = 0;
        for (let j = 0; j < m - 1; j++) {
          const v = x[1 + (trend ? 1 : 0) + j] as number;
          seasonals[j] = v;
          sum += v;
        }
        seasonals[m - 1] = -sum;
      }
      let sse = 0;
      for (let t = 0; t < n; t++) {
        let fit = base[t] as number;
        for (let a = 0; a < p; a++) fit += (x[a] as number) * (columns[a * n + t] as number);
        sse += ((y[t] as number) - fit) ** 2;
      }
      return { level, slope, seasonals, sse };
    },
  };
}

/**
 * Solves A x = b for a symmetric positive semi-definite A by Cholesky. A ridge of 1e-10 of the largest
 * diagonal keeps it definite when a state barely reaches the data (a smoothing weight near 1 forgets
 * the initial level after one step); it moves the solution far less than the optimiser's tolerance.
 */
export function solveSymmetric(a: Float64Array, b: Float64Array, p: number): Float64Array {
  let maxDiagonal = 0;
  for (let i = 0; i < p; i++) maxDiagonal = Math.max(maxDiagonal, a[i * p + i] as number);
  const ridge = maxDiagonal > 0 ? 1e-10 * maxDiagonal : 1e-300;
  const l = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let s = (a[i * p + j] as number) + (i === j ? ridge : 0);
      for (let k = 0; k < j; k++) s -= (l[i * p + k] as number) * (l[j * p + k] as number);
      if (i === j) l[i * p + i] = Math.sqrt(Math.max(s, ridge));
      else l[i * p + j] = s / (l[j * p + j] as number);
    }
  }
  const z = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s = b[i] as number;
    for (let k = 0; k < i; k++) s -= (l[i * p + k] as number) * (z[k] as number);
    z[i] = s / (l[i * p + i] as number);
  }
  const x = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    let s = z[i] as number;
    for (let k = i + 1; k < p; k++) s -= (l[k * p + i] as number) * (x[k] as number);
    x[i] = s / (l[i * p + i] as number);
  }
  return x;
}
