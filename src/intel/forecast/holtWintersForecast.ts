import { quantileSorted } from '../../ml/scalers.js';
import { simulationRandom } from '../../ml/simulationRandom.js';
import { checkHorizon, checkLevel, type Forecast } from './forecast.js';
import type { HoltWintersModel } from './holtWinters.js';
import { normalQuantile } from './normalQuantile.js';

export interface HoltWintersForecastOptions {
  /** Coverage of the prediction interval. */
  level?: number;
  /**
   * 'analytic' uses the class 1 variance formula (additive season or none); 'bootstrap' simulates
   * sample paths. Default: analytic for additive or non-seasonal models, bootstrap for multiplicative.
   */
  intervals?: 'analytic' | 'bootstrap';
  /** Simulated paths, and their seed, for bootstrap intervals. */
  paths?: number;
  seed?: number;
}

/** Σ_{i=1..h} φ^i: how much of today's slope reaches h steps ahead (h itself when φ = 1). */
function dampedSum(phi: number, h: number): number {
  if (phi === 1) return h;
  return (phi * (1 - phi ** h)) / (1 - phi);
}

function pointForecast(model: HoltWintersModel, h: number): Float64Array {
  const mean = new Float64Array(h);
  const multiplicative = model.season === 'multiplicative' && model.period > 1;
  for (let i = 1; i <= h; i++) {
    const trend = model.level + dampedSum(model.params.phi, i) * model.slope;
    const s = model.seasonals[(i - 1) % model.period] as number;
    mean[i - 1] = multiplicative ? trend * s : trend + s;
  }
  return mean;
}

/**
 * Forecast variance h steps ahead for the linear (class 1) models, Hyndman et al. (2008) ch. 6:
 * σ_h² = σ²(1 + Σ_{j=1..h-1} c_j²) with c_j = α + β·Σ_{i=1..j} φ^i + γ·[j mod m = 0].
 */
export function analyticVariance(
  model: Pick<HoltWintersModel, 'params' | 'period' | 'sigma2'>,
  h: number,
): Float64Array {
  const { alpha, beta, gamma, phi } = model.params;
  const m = model.period;
  const variance = new Float64Array(h);
  let sum = 0;
  for (let i = 1; i <= h; i++) {
    variance[i - 1] = model.sigma2 * (1 + sum);
    const c = alpha + beta * dampedSum(phi, i) + (m > 1 && i % m === 0 ? gamma : 0);
    sum += c * c;
  }
  return variance;
}

/**
 * Bootstrap intervals: paths run forward through the model's own recursions with errors drawn from its
 * in-sample residuals. A multiplicative model draws relative residuals e/μ and scales them by each
 * step's forecast, since it is the model for series whose spread grows with their level.
 */
function bootstrapInterval(
  model: HoltWintersModel,
  h: number,
  level: number,
  paths: number,
  seed: number,
): { lower: Float64Array; upper: Float64Array } {
  const m = model.period;
  const multiplicative = model.season === 'multiplicative' && m > 1;
  const { alpha, beta, gamma, phi } = model.params;
  const pool: number[] = [];
  for (let t = 0; t < model.n; t++) {
    const e = model.residuals[t] as number;
    const mu = model.fitted[t] as number;
    if (!multiplicative) pool.push(e);
    else if (mu > 0) pool.push(e / mu);
  }
  const random = simulationRandom(seed);
  const draws = new Float64Array(h * paths);
  const ring = new Float64Array(m);
  for (let p = 0; p < paths; p++) {
    let l = model.level;
    let b = model.slope;
    ring.set(model.seasonals);
    for (let i = 0; i < h; i++) {
      const j = i % m;
      const s = ring[j] as number;
      const base = l + phi * b;
      const mu = multiplicative ? base * s : base + s;
      const draw = pool.length === 0 ? 0 : (pool[random.int(pool.length)] as number);
      const e = multiplicative ? mu * draw : draw;
      draws[i * paths + p] = mu + e;
      if (multiplicative) {
        l = base + (alpha * e) / s;
        b = phi * b + (beta * e) / s;
        ring[j] = s + (base === 0 ? 0 : (gamma * e) / base);
      } else {
        l = base + alpha * e;
        b = phi * b + beta * e;
        ring[j] = s + gamma * e;
      }
    }
  }
  const lower = new Float64Array(h);
  const upper = new Float64Array(h);
  for (let i = 0; i < h; i++) {
    const step = draws.subarray(i * paths, (i + 1) * paths).sort();
    lower[i] = quantileSorted(step, (1 - level) / 2);
    upper[i] = quantileSorted(step, (1 + level) / 2);
  }
  return { lower, upper };
}

export function forecastHoltWinters(
  model: HoltWintersModel,
  h: number,
  options: HoltWintersForecastOptions = {},
): Forecast {
  checkHorizon(h);
  const level = options.level ?? 0.95;
  checkLevel(level);
  const multiplicative = model.season === 'multiplicative' && model.period > 1;
  const method = options.intervals ?? (multiplicative ? 'bootstrap' : 'analytic');
  if (method === 'analytic' && multiplicative) {
    throw new RangeError('analytic intervals exist only for additive or non-seasonal Holt-Winters');
  }
  const mean = pointForecast(model, h);
  if (method === 'bootstrap') {
    const { lower, upper } = bootstrapInterval(model, h, level, options.paths ?? 2000, options.seed ?? 1);
    return { mean, lower, upper, level };
  }
  const z = normalQuantile((1 + level) / 2);
  const variance = analyticVariance(model, h);
  const lower = new Float64Array(h);
  const upper = new Float64Array(h);
  for (let i = 0; i < h; i++) {
    const half = z * Math.sqrt(variance[i] as number);
    lower[i] = (mean[i] as number) - half;
    upper[i] = (mean[i] as number) + half;
  }
  return { mean, lower, upper, level };
}
