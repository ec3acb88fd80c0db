import { bucketLabel } from '../calendarBuckets.js';
import { detectPeriod } from '../detectPeriod.js';
import { rollingOrigin, type ScoredPoint } from '../rollingOrigin.js';
import { seasonalNaive } from '../seasonalNaive.js';
import { fitAndForecast, MIN_BUCKETS, PERIOD_CANDIDATE, type Scale, transformFor } from './forecastSeries.js';
import type { Series } from './series.js';

/** The smallest training window: what simple exponential smoothing needs for its AICc. */
export const MIN_TRAIN = MIN_BUCKETS - 1;

/** Fewest origins worth scoring: below this a MASE says more about luck than about the model. */
export const MIN_BACKTEST_ORIGINS = 4;

/**
 * Origins scored by default, the latest ones. Every origin refits the whole selection (up to nine
 * models), so a long daily series would otherwise cost seconds per request.
 */
export const DEFAULT_BACKTEST_ORIGINS = 26;

export interface BacktestOptions {
  horizon: number;
  level: number;
  scale?: Scale;
  /** The latest this many buckets become origins (default DEFAULT_BACKTEST_ORIGINS). */
  maxOrigins?: number;
  seed?: number;
}

/** A bucket against the forecast made one step before it, from the buckets before it alone. */
export interface OneStepPoint {
  start: number;
  label: string;
  actual: number;
  mean: number;
  lower: number;
  upper: number;
  /** Where the actual fell: the "actual leaves the interval" alert condition, at every origin. */
  position: 'inside' | 'above' | 'below';
}

export interface BacktestLead {
  lead: number;
  forecasts: number;
  /** MASE of the forecaster and of seasonal naive on the same points, and their MAE ratio. */
  mase: number;
  naiveMase: number;
  relMae: number;
  /** Share of actuals inside the forecaster's interval (nominal: the level). */
  coverage: number;
}

export interface Backtest {
  /** Buckets in the first training window, and origins scored. */
  minTrain: number;
  origins: number;
  /** The one-step forecasts, one per origin, oldest first. */
  oneStep: OneStepPoint[];
  leads: BacktestLead[];
  /** Over every scored point of every lead. */
  mase: number;
  naiveMase: number;
  relMae: number;
}

export type BacktestResult =
  | { ok: true; backtest: Backtest }
  | { ok: false; reason: string; needed: number; have: number };

/** Mean scaled error of points, and their total absolute error. */
function summarise(points: readonly ScoredPoint[]): { mase: number; absolute: number } {
  let scaled = 0;
  let absolute = 0;
  for (const p of points) {
    const error = Math.abs(p.actual - p.mean);
    scaled += error / p.scale;
    absolute += error;
  }
  return { mase: points.length > 0 ? scaled / points.length : Number.NaN, absolute };
}

function position(actual: number, lower: number, upper: number): OneStepPoint['position'] {
  if (actual > upper) return 'above';
  if (actual < lower) return 'below';
  return 'inside';
}

/**
 * Rolling-origin evaluation of the forecast forecastSeries makes (same season detection, AICc
 * selection and scale), against seasonal naive on the same origins: from each of the latest
 * `maxOrigins` buckets, refit on the buckets before it and forecast `horizon` steps. Lead 1 of each
 * origin is the honest one-step check of that bucket, so the points that left their interval are the
 * buckets where forecastSeries' check would have fired. MASE scales each error by the in-sample
 * seasonal naive MAE of the origin's own training window (at the period detected on it), as the
 * forecasting benchmark does; below 1 the model beat the one-step naive forecast of its data.
 */
export function backtestSeries(series: Series, options: BacktestOptions): BacktestResult {
  const n = series.values.length;
  const needed = MIN_TRAIN + MIN_BACKTEST_ORIGINS;
  if (n < needed) {
    return {
      ok: false,
      reason: `a rolling-origin check needs ${needed} buckets (${MIN_TRAIN} to fit, ${MIN_BACKTEST_ORIGINS} to score); the series has ${n}`,
      needed,
      have: n,
    };
  }
  const maxOrigins = Math.max(MIN_BACKTEST_ORIGINS, options.maxOrigins ?? DEFAULT_BACKTEST_ORIGINS);
  const minTrain = Math.max(MIN_TRAIN, n - maxOrigins);
  const transform = transformFor(series, options.scale ?? 'auto');
  const candidates = [PERIOD_CANDIDATE[series.unit]];
  const periods = new Map<number, number>();
  const periodOf = (train: Float64Array) => {
    let period = periods.get(train.length);
    if (period === undefined) {
      period = detectPeriod(train, { candidates }).period;
      periods.set(train.length, period);
    }
    return period;
  };
  const fitOptions = { horizon: options.horizon, level: options.level, seed: options.seed ?? 1 };
  const model = rollingOrigin(
    series.values,
    (train, h) => fitAndForecast(train, series.unit, { ...fitOptions, horizon: h }, transform).forecast,
    { minTrain, horizon: options.horizon, scalePeriod: periodOf },
  );
  const naive = rollingOrigin(
    series.values,
    (train, h) => seasonalNaive(train, periodOf(train), h, options.level),
    { minTrain, horizon: options.horizon, scalePeriod: periodOf },
  );
  const leads: BacktestLead[] = model.leads.map((l) => {
    const own = model.points.filter((p) => p.lead === l.lead);
    const base = naive.points.filter((p) => p.lead === l.lead);
    const a = summarise(own);
    const b = summarise(base);
    return {
      lead: l.lead,
      forecasts: l.forecasts,
      mase: l.mase,
      naiveMase: b.mase,
      relMae: b.absolute > 0 ? a.absolute / b.absolute : Number.NaN,
      coverage: l.coverage,
    };
  });
  const all = summarise(model.points);
  const allNaive = summarise(naive.points);
  const oneStep: OneStepPoint[] = model.points
    .filter((p) => p.lead === 1)
    .map((p) => {
      const start = series.starts[p.origin] as number;
      return {
        start,
        label: bucketLabel(start, series.unit),
        actual: p.actual,
        mean: p.mean,
        lower: p.lower,
        upper: p.upper,
        position: position(p.actual, p.lower, p.upper),
      };
    });
  return {
    ok: true,
    backtest: {
      minTrain,
      origins: model.origins - model.unscaled,
      oneStep,
      leads,
      mase: all.mase,
      naiveMase: allNaive.mase,
      relMae: allNaive.absolute > 0 ? all.absolute / allNaive.absolute : Number.NaN,
    },
  };
}
