import { ArgusError } from '../../core/errors.js';
import { checkHorizon, checkLevel, type Forecast } from './forecast.js';
import { normalQuantile } from './normalQuantile.js';

/**
 * The seasonal naive forecast: each step repeats the last observed value of the same phase,
 * ŷ_{n+h} = y_{n+h-m(k+1)} with k = ⌊(h-1)/m⌋ (plain naive when m = 1). Its interval treats the
 * in-sample seasonal differences as the errors of a seasonal random walk: σ_h = σ·√(k+1), with σ² the
 * mean squared difference (Hyndman & Athanasopoulos, "Forecasting: Principles and Practice", §5.5).
 * The baseline every other forecaster must beat, and the scale of MASE.
 */
export function seasonalNaive(y: ArrayLike<number>, period: number, h: number, level = 0.95): Forecast {
  checkHorizon(h);
  checkLevel(level);
  const m = Math.max(1, Math.floor(period));
  const n = y.length;
  if (n <= m) {
    throw new ArgusError(
      'INPUT_INVALID',
      `seasonal naive with period ${m} needs more than ${m} observations, got ${n}`,
      {
        input: n,
        hint: 'wait for one full season and one more observation',
      },
    );
  }
  let squares = 0;
  for (let t = m; t < n; t++) squares += ((y[t] as number) - (y[t - m] as number)) ** 2;
  const sigma = Math.sqrt(squares / (n - m));
  const z = normalQuantile((1 + level) / 2);
  const mean = new Float64Array(h);
  const lower = new Float64Array(h);
  const upper = new Float64Array(h);
  for (let i = 1; i <= h; i++) {
    const k = Math.floor((i - 1) / m);
    const value = y[n + i - 1 - m * (k + 1)] as number;
    const half = z * sigma * Math.sqrt(k + 1);
    mean[i - 1] = value;
    lower[i - 1] = value - half;
    upper[i - 1] = value + half;
  }
  return { mean, lower, upper, level };
}

/** In-sample MAE of the one-step seasonal naive forecast: MASE's denominator (Hyndman & Koehler 2006). */
export function seasonalNaiveMae(y: ArrayLike<number>, period: number): number {
  const m = Math.max(1, Math.floor(period));
  if (y.length <= m) return Number.NaN;
  let sum = 0;
  for (let t = m; t < y.length; t++) sum += Math.abs((y[t] as number) - (y[t - m] as number));
  return sum / (y.length - m);
}
