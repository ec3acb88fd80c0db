import { ArgusError } from '../../core/errors.js';
import { nelderMead } from './nelderMead.js';
import { initialStateProfiler } from './profileInitialStates.js';

/**
 * Holt-Winters exponential smoothing with additive or multiplicative season and no, additive or
 * damped trend, written in the error-correction form of Hyndman et al., "Forecasting with Exponential
 * Smoothing" (2008): with μ the one-step forecast and e = y - μ,
 *
 *   additive season:        μ = l + φb + s      l' = l + φb + αe     b' = φb + βe     s' = s + γe
 *   multiplicative season:  μ = (l + φb)·s      l' = l + φb + αe/s   b' = φb + βe/s   s' = s + γe/(l + φb)
 *
 * which gives the same point forecasts as the classical recursions (β here is α times the classical
 * trend weight). φ = 1 for an undamped trend; without a trend b stays 0. These are the additive-error
 * models ETS(A,·,·), whose Gaussian likelihood depends on the data only through the one-step SSE
 * (Hyndman et al. 2008, §5.1): -2 log L = n·log(2π·SSE/n) + n. Smoothing parameters are fitted by
 * minimising the SSE with Nelder-Mead inside the usual region 0 < α < 1, 0 < β < α, 0 < γ < 1 - α,
 * 0.8 < φ < 0.98, and the initial states with them: exactly, by least squares, for the linear models
 * (profileInitialStates), and for a multiplicative season by adding the initial level and slope to the
 * simplex with the seasonal indices kept at the decomposition heuristic (initialStates). Every state
 * estimated from the data counts as a parameter of the AICc, as in the book and forecast::ets.
 */
export type SeasonKind = 'additive' | 'multiplicative';
export type TrendKind = 'none' | 'additive' | 'damped';

export interface HoltWintersSpec {
  season: SeasonKind;
  /** Season length in steps; 1 means no season (the model is then Holt's, whatever the season kind). */
  period: number;
  trend: TrendKind;
}

export interface HoltWintersParams {
  alpha: number;
  beta: number;
  gamma: number;
  phi: number;
}

export interface HoltWintersModel extends HoltWintersSpec {
  params: HoltWintersParams;
  /** The states before the first observation, as estimated. */
  initial: InitialStates;
  /** States after the last observation. */
  level: number;
  slope: number;
  /** seasonals[j] is the seasonal term of the (j+1)-th step ahead, j < period. */
  seasonals: Float64Array;
  /** One-step in-sample forecasts and their errors y - μ. */
  fitted: Float64Array;
  residuals: Float64Array;
  sse: number;
  /** Residual variance: SSE over n minus the number of smoothing parameters and initial states. */
  sigma2: number;
  n: number;
  /** Gaussian log-likelihood of the additive-error model at σ² = SSE/n. */
  logLik: number;
  /** Smoothing parameters, estimated initial states and σ²: the k of the AICc. */
  parameterCount: number;
  /** AIC + 2k(k+1)/(n-k-1); Infinity when n <= k + 1, where it is undefined. */
  aicc: number;
}

export interface HoltWintersOptions {
  /** Fixed smoothing parameters: no fitting of them. */
  params?: HoltWintersParams;
  /**
   * 'optimised' (default) estimates the initial states with the smoothing parameters; 'heuristic'
   * takes them from the first seasons (initialStates) as the classical method does.
   */
  initial?: 'optimised' | 'heuristic';
}

export interface InitialStates {
  level: number;
  slope: number;
  /** seasonals[j]: the seasonal term of observation j, j < period. */
  seasonals: Float64Array;
}

const PHI_MIN = 0.8;
const PHI_MAX = 0.98;

export function minimumLength(spec: Pick<HoltWintersSpec, 'period'>): number {
  return spec.period > 1 ? 2 * spec.period : 4;
}

/**
 * The initial states, after the book's heuristic (Hyndman et al. 2008, §2.6.1): seasonal indices from
 * a classical decomposition of the first (up to three) complete seasons, the series against its
 * centred moving average (2×m for even m) averaged per phase, then centred (sum 0, or mean 1); level and
 * slope from a least-squares line through the first two seasons (at least ten points) of the seasonally
 * adjusted series, the level set one step before the first observation so that its forecast is the
 * line's value there. Needs two complete seasons when period > 1.
 */
export function initialStates(y: ArrayLike<number>, spec: HoltWintersSpec): InitialStates {
  const m = Math.max(1, spec.period);
  const multiplicative = spec.season === 'multiplicative' && m > 1;
  const seasonals = new Float64Array(m).fill(multiplicative ? 1 : 0);
  if (m > 1) {
    const span = Math.min(3, Math.floor(y.length / m)) * m;
    const half = Math.floor(m / 2);
    const sums = new Float64Array(m);
    const counts = new Uint32Array(m);
    for (let t = half; t + half < span; t++) {
      const trend = centredMean(y, t, m);
      const v = y[t] as number;
      const j = t % m;
      sums[j] = (sums[j] as number) + (multiplicative ? v / trend : v - trend);
      counts[j] = (counts[j] as number) + 1;
    }
    let centre = 0;
    for (let j = 0; j < m; j++) {
      seasonals[j] =
        (counts[j] as number) > 0 ? (sums[j] as number) / (counts[j] as number) : multiplicative ? 1 : 0;
      centre += (seasonals[j] as number) / m;
    }
    for (let j = 0; j < m; j++) {
      seasonals[j] = multiplicative ? (seasonals[j] as number) / centre : (seasonals[j] as number) - centre;
    }
  }
  const k = Math.min(y.length, Math.max(10, 2 * m));
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (let t = 0; t < k; t++) {
    const s = seasonals[t % m] as number;
    const v = multiplicative ? (y[t] as number) / s : (y[t] as number) - s;
    sx += t;
    sy += v;
    sxx += t * t;
    sxy += t * v;
  }
  const slope = spec.trend === 'none' || k < 2 ? 0 : (k * sxy - sx * sy) / (k * sxx - sx * sx);
  const intercept = (sy - slope * sx) / k;
  return { level: intercept - slope, slope, seasonals };
}

/** The centred moving average of one season around t: 2×m (half weights at both ends) for even m. */
function centredMean(y: ArrayLike<number>, t: number, m: number): number {
  const half = Math.floor(m / 2);
  let sum = 0;
  if (m % 2 === 1) {
    for (let i = t - half; i <= t + half; i++) sum += y[i] as number;
    return sum / m;
  }
  sum = 0.5 * ((y[t - half] as number) + (y[t + half] as number));
  for (let i = t - half + 1; i < t + half; i++) sum += y[i] as number;
  return sum / m;
}

interface RunResult {
  sse: number;
  /** The step where a multiplicative model's level or season turned non-positive (n when none did). */
  failedAt: number;
  level: number;
  slope: number;
  /** The seasonal ring after the run: ring[t % m] belongs to time t (and t + m, ...). */
  ring: Float64Array;
}

/**
 * Runs the recursions over y. Returns SSE Infinity when a multiplicative model's level or season
 * turns non-positive: outside the feasible region.
 */
function run(
  y: ArrayLike<number>,
  spec: HoltWintersSpec,
  p: HoltWintersParams,
  init: InitialStates,
  fitted?: Float64Array,
  residuals?: Float64Array,
): RunResult {
  const m = Math.max(1, spec.period);
  const multiplicative = spec.season === 'multiplicative' && m > 1;
  const phi = spec.trend === 'damped' ? p.phi : 1;
  const beta = spec.trend === 'none' ? 0 : p.beta;
  const gamma = m > 1 ? p.gamma : 0;
  const ring = Float64Array.from(init.seasonals);
  let level = init.level;
  let slope = spec.trend === 'none' ? 0 : init.slope;
  let sse = 0;
  for (let t = 0; t < y.length; t++) {
    const j = t % m;
    const s = ring[j] as number;
    const base = level + phi * slope;
    if (multiplicative && !(base > 0 && s > 0)) {
      return { sse: Number.POSITIVE_INFINITY, failedAt: t, level, slope, ring };
    }
    const mu = multiplicative ? base * s : base + s;
    const e = (y[t] as number) - mu;
    if (fitted) fitted[t] = mu;
    if (residuals) residuals[t] = e;
    sse += e * e;
    if (multiplicative) {
      level = base + (p.alpha * e) / s;
      slope = phi * slope + (beta * e) / s;
      ring[j] = s + (gamma * e) / base;
    } else {
      level = base + p.alpha * e;
      slope = phi * slope + beta * e;
      ring[j] = s + gamma * e;
    }
  }
  return { sse, failedAt: y.length, level, slope, ring };
}

/**
 * Far above any real SSE. An infeasible point scores this times the steps it failed to run, so that
 * a simplex started where every vertex fails still slides towards parameters that survive longer.
 */
const INFEASIBLE = 1e250;

const sigmoid = (u: number) => 1 / (1 + Math.exp(-u));
const logit = (p: number) => Math.log(p / (1 - p));

/** Maps unconstrained coordinates into the admissible region, so the simplex never leaves it. */
function decode(u: Float64Array, spec: HoltWintersSpec): HoltWintersParams {
  let i = 0;
  const alpha = sigmoid(u[i++] as number);
  const beta = spec.trend === 'none' ? 0 : alpha * sigmoid(u[i++] as number);
  const gamma = spec.period > 1 ? (1 - alpha) * sigmoid(u[i++] as number) : 0;
  const phi = spec.trend === 'damped' ? PHI_MIN + (PHI_MAX - PHI_MIN) * sigmoid(u[i++] as number) : 1;
  return { alpha, beta, gamma, phi };
}

function encode(p: HoltWintersParams, spec: HoltWintersSpec): Float64Array {
  const u = [logit(p.alpha)];
  if (spec.trend !== 'none') u.push(logit(p.beta / p.alpha));
  if (spec.period > 1) u.push(logit(p.gamma / (1 - p.alpha)));
  if (spec.trend === 'damped') u.push(logit((p.phi - PHI_MIN) / (PHI_MAX - PHI_MIN)));
  return Float64Array.from(u);
}

/** Starting points of the search: a slow, a medium and a fast level. */
const STARTS: HoltWintersParams[] = [0.1, 0.3, 0.6].map((alpha) => ({
  alpha,
  beta: 0.1 * alpha,
  gamma: 0.1 * (1 - alpha),
  phi: 0.9,
}));

/** How many smoothing coordinates a spec has: α, then β with a trend, γ with a season, φ when damped. */
function smoothingCount(spec: HoltWintersSpec): number {
  return 1 + (spec.trend === 'none' ? 0 : 1) + (spec.period > 1 ? 1 : 0) + (spec.trend === 'damped' ? 1 : 0);
}

/** Mean absolute one-step change: the step size of the simplex along the initial level (1 if flat). */
function typicalChange(y: ArrayLike<number>): number {
  let sum = 0;
  for (let t = 1; t < y.length; t++) sum += Math.abs((y[t] as number) - (y[t - 1] as number));
  const mean = y.length > 1 ? sum / (y.length - 1) : 0;
  return mean > 0 ? mean : 1;
}

/**
 * The smoothing parameters (and, for a multiplicative season, the initial level and slope) minimising
 * the one-step SSE, from the best of three starts.
 */
function optimise(
  y: ArrayLike<number>,
  spec: HoltWintersSpec,
  heuristic: InitialStates,
  initial: 'optimised' | 'heuristic',
): { params: HoltWintersParams; init: InitialStates } {
  const n = y.length;
  const multiplicative = spec.season === 'multiplicative' && spec.period > 1;
  const dims = smoothingCount(spec);
  let objective: (u: Float64Array) => number;
  let states: (u: Float64Array, params: HoltWintersParams) => InitialStates;
  let extra: number[] = [];
  if (initial === 'heuristic') {
    objective = (u) => {
      const result = run(y, spec, decode(u, spec), heuristic);
      return Number.isFinite(result.sse) ? result.sse : INFEASIBLE * (n - result.failedAt);
    };
    states = () => heuristic;
  } else if (!multiplicative) {
    const profiler = initialStateProfiler(y, spec.period, spec.trend !== 'none');
    const linear = (p: HoltWintersParams) => ({ period: spec.period, trend: spec.trend !== 'none', ...p });
    objective = (u) => profiler.profile(linear(decode(u, spec))).sse;
    states = (_u, params) => profiler.profile(linear(params));
  } else {
    // Level and slope offsets from the heuristic, in units of the series' typical step.
    const scale = typicalChange(y);
    const withTrend = spec.trend !== 'none';
    const shifted = (u: Float64Array): InitialStates => ({
      level: heuristic.level + scale * (u[dims] as number),
      slope: withTrend ? heuristic.slope + (scale / spec.period) * (u[dims + 1] as number) : 0,
      seasonals: heuristic.seasonals,
    });
    objective = (u) => {
      const result = run(y, spec, decode(u, spec), shifted(u));
      return Number.isFinite(result.sse) ? result.sse : INFEASIBLE * (n - result.failedAt);
    };
    states = (u) => shifted(u);
    extra = withTrend ? [0, 0] : [0];
  }
  let best: { u: Float64Array; sse: number } | undefined;
  for (const start of STARTS) {
    const result = nelderMead(objective, [...encode(start, spec), ...extra], {
      step: 1,
      maxIterations: 300 * (dims + extra.length),
    });
    if (best === undefined || result.fx < best.sse) best = { u: result.x, sse: result.fx };
  }
  const u = (best as { u: Float64Array }).u;
  const params = decode(u, spec);
  return { params, init: states(u, params) };
}

export function fitHoltWinters(
  y: ArrayLike<number>,
  spec: HoltWintersSpec,
  options: HoltWintersOptions = {},
): HoltWintersModel {
  const n = y.length;
  const m = Math.max(1, Math.floor(spec.period));
  const shape: HoltWintersSpec = { ...spec, period: m };
  const need = minimumLength(shape);
  if (n < need) {
    throw new ArgusError('INPUT_INVALID', `Holt-Winters needs at least ${need} observations, got ${n}`, {
      input: n,
      hint: m > 1 ? 'use a shorter seasonal period or wait for two full seasons' : 'wait for more data',
    });
  }
  for (let t = 0; t < n; t++) {
    const v = y[t] as number;
    if (!Number.isFinite(v) || (shape.season === 'multiplicative' && m > 1 && !(v > 0))) {
      const need =
        shape.season === 'multiplicative' && m > 1 ? 'a strictly positive series' : 'finite values';
      throw new ArgusError('INPUT_INVALID', `Holt-Winters needs ${need}, got ${v} at index ${t}`, {
        input: v,
        hint:
          shape.season === 'multiplicative'
            ? 'a multiplicative season needs a strictly positive series; use the additive one'
            : 'remove or fill missing values first',
      });
    }
  }
  const heuristic = initialStates(y, shape);
  const initialMode = options.initial ?? 'optimised';
  const multiplicative = shape.season === 'multiplicative' && m > 1;
  let params: HoltWintersParams;
  let init: InitialStates;
  if (options.params !== undefined) {
    params = options.params;
    init =
      initialMode === 'optimised' && !multiplicative
        ? initialStateProfiler(y, m, shape.trend !== 'none').profile({
            period: m,
            trend: shape.trend !== 'none',
            ...params,
          })
        : heuristic;
  } else {
    ({ params, init } = optimise(y, shape, heuristic, initialMode));
  }
  const fitted = new Float64Array(n);
  const residuals = new Float64Array(n);
  const final = run(y, shape, params, init, fitted, residuals);
  if (!Number.isFinite(final.sse)) {
    throw new ArgusError('INPUT_INVALID', 'the multiplicative Holt-Winters level fell to zero or below', {
      hint: 'use the additive season for this series',
    });
  }
  const seasonals = new Float64Array(m);
  for (let j = 0; j < m; j++) seasonals[j] = final.ring[(n + j) % m] as number;
  const smoothing = smoothingCount(shape);
  const states = 1 + (shape.trend === 'none' ? 0 : 1) + (m > 1 ? m - 1 : 0);
  const dof = n - smoothing - states;
  // k counts σ² too, as forecast::ets does; the constant terms keep logLik a true log-likelihood.
  const k = smoothing + states + 1;
  const logLik = -0.5 * n * (Math.log((2 * Math.PI * final.sse) / n) + 1);
  const aic = -2 * logLik + 2 * k;
  const aicc = n - k - 1 > 0 ? aic + (2 * k * (k + 1)) / (n - k - 1) : Number.POSITIVE_INFINITY;
  return {
    ...shape,
    params: {
      alpha: params.alpha,
      beta: shape.trend === 'none' ? 0 : params.beta,
      gamma: m > 1 ? params.gamma : 0,
      phi: shape.trend === 'damped' ? params.phi : 1,
    },
    initial: {
      level: init.level,
      slope: shape.trend === 'none' ? 0 : init.slope,
      seasonals: Float64Array.from(init.seasonals),
    },
    level: final.level,
    slope: final.slope,
    seasonals,
    fitted,
    residuals,
    sse: final.sse,
    sigma2: final.sse / (dof > 0 ? dof : n),
    n,
    logLik,
    parameterCount: k,
    aicc,
  };
}
