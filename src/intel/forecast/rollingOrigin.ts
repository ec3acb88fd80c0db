import type { Forecast } from './forecast.js';
import { seasonalNaiveMae } from './seasonalNaive.js';

/**
 * Forecasts `horizon` steps after the training series (which it must not modify): the point forecasts,
 * or a Forecast whose intervals are then scored for coverage too.
 */
export type Forecaster = (train: Float64Array, horizon: number) => ArrayLike<number> | Forecast;

export interface RollingOriginOptions {
  /** Observations in the first training window. */
  minTrain: number;
  /** Steps forecast from each origin. */
  horizon: number;
  /** Observations the origin advances each round. */
  step?: number;
  /**
   * Season length of MASE's scale: in-sample seasonal naive (1: naive) on each training window. A
   * function chooses it from the training window alone (a period detected on it), so that the scale
   * looks no further ahead than the forecast.
   */
  scalePeriod: number | ((train: Float64Array) => number);
}

export interface LeadScore {
  /** Steps ahead, 1..horizon. */
  lead: number;
  /** Forecasts scored at this lead (origins whose target lies inside the series). */
  forecasts: number;
  mae: number;
  /** Mean absolute scaled error (Hyndman & Koehler 2006). */
  mase: number;
  /** Share of actuals inside the prediction interval; NaN when the forecaster gives none. */
  coverage: number;
}

/** One scored forecast: which origin and lead, what was forecast and what happened. */
export interface ScoredPoint {
  /** Index of the first forecast step (the training window is y[0, origin)). */
  origin: number;
  lead: number;
  actual: number;
  mean: number;
  /** Interval ends; NaN when the forecaster gives none. */
  lower: number;
  upper: number;
  /** MASE's scale on this origin's training window. */
  scale: number;
}

export interface RollingOriginResult {
  origins: number;
  leads: LeadScore[];
  /** Every scored forecast, so that two forecasters can be compared on the same points. */
  points: ScoredPoint[];
  /** Origins left out because their training window had a zero scale (a constant series). */
  unscaled: number;
}

/**
 * Rolling-origin evaluation (Tashman 2000): train on y[0, o), forecast y[o, o + horizon), move o on by
 * step, from o = minTrain to the last observation. Every lead is scored on every origin whose target
 * exists, so lead 1 has more forecasts than lead 3. Each error is scaled by the MAE of the in-sample
 * seasonal naive forecast on that origin's own training window, as MASE prescribes: below 1, the
 * forecaster beat the one-step seasonal naive forecast of the data it was given. When the forecaster
 * returns intervals, each lead also gets their empirical coverage: 1 - coverage is the rate at which
 * forecastAlert would have fired.
 */
export function rollingOrigin(
  y: ArrayLike<number>,
  forecaster: Forecaster,
  options: RollingOriginOptions,
): RollingOriginResult {
  const { minTrain, horizon } = options;
  const step = options.step ?? 1;
  const n = y.length;
  if (!(Number.isInteger(minTrain) && minTrain >= 1 && minTrain < n)) {
    throw new RangeError(`rollingOrigin: minTrain must be an integer in [1, ${n - 1}], got ${minTrain}`);
  }
  if (!(Number.isInteger(horizon) && horizon >= 1))
    throw new RangeError('rollingOrigin: horizon must be >= 1');
  if (!(Number.isInteger(step) && step >= 1)) throw new RangeError('rollingOrigin: step must be >= 1');
  const series = Float64Array.from(y);
  const absolute = new Float64Array(horizon);
  const scaled = new Float64Array(horizon);
  const counts = new Uint32Array(horizon);
  const inside = new Uint32Array(horizon);
  let intervals = true;
  let origins = 0;
  let unscaled = 0;
  const points: ScoredPoint[] = [];
  for (let o = minTrain; o < n; o += step) {
    origins++;
    const train = series.slice(0, o);
    const period = typeof options.scalePeriod === 'number' ? options.scalePeriod : options.scalePeriod(train);
    const scale = seasonalNaiveMae(train, period);
    if (!(scale > 0)) {
      unscaled++;
      continue;
    }
    const output = forecaster(train, horizon);
    const forecast = 'mean' in output ? output : undefined;
    const mean = forecast?.mean ?? (output as ArrayLike<number>);
    if (forecast === undefined) intervals = false;
    for (let i = 0; i < horizon && o + i < n; i++) {
      const actual = series[o + i] as number;
      const error = Math.abs(actual - (mean[i] as number));
      if (forecast && actual >= (forecast.lower[i] as number) && actual <= (forecast.upper[i] as number)) {
        inside[i] = (inside[i] as number) + 1;
      }
      absolute[i] = (absolute[i] as number) + error;
      scaled[i] = (scaled[i] as number) + error / scale;
      counts[i] = (counts[i] as number) + 1;
      points.push({
        origin: o,
        lead: i + 1,
        actual,
        mean: mean[i] as number,
        lower: forecast ? (forecast.lower[i] as number) : Number.NaN,
        upper: forecast ? (forecast.upper[i] as number) : Number.NaN,
        scale,
      });
    }
  }
  const leads: LeadScore[] = [];
  for (let i = 0; i < horizon; i++) {
    const c = counts[i] as number;
    leads.push({
      lead: i + 1,
      forecasts: c,
      mae: c > 0 ? (absolute[i] as number) / c : Number.NaN,
      mase: c > 0 ? (scaled[i] as number) / c : Number.NaN,
      coverage: c > 0 && intervals ? (inside[i] as number) / c : Number.NaN,
    });
  }
  return { origins, leads, points, unscaled };
}
