import { bucketLabel } from '../calendarBuckets.js';
import type { Backtest, BacktestResult, OneStepPoint } from './backtestSeries.js';
import type { FittedForecast, OneStepCheck, SeriesForecast } from './forecastSeries.js';
import type { Series } from './series.js';
import type { SeriesUnit } from './seriesBuckets.js';

/** A point forecast with its interval, at one bucket. */
export interface IntervalPoint {
  start: number;
  label: string;
  mean: number;
  lower: number;
  upper: number;
}

/**
 * Everything a chart of one forecast needs, as JSON: the history, the model and its in-sample fit,
 * the forecast with seasonal naive beside it, and the rolling-origin check with the buckets whose
 * actual left the interval forecast for it. GET /v1/intel/forecast answers with it.
 */
export interface ForecastReport {
  series: {
    name: string;
    unit: SeriesUnit;
    measure: Series['measure'];
    notes: string[];
    history: { start: number; label: string; value: number }[];
  };
  model: {
    name: string;
    aicc: number;
    period: number;
    scale: SeriesForecast['scale'];
    params: FittedForecast['params'];
    candidates: FittedForecast['candidates'];
  };
  level: number;
  /** One per history bucket: the in-sample one-step fit (see FittedForecast.fitted). */
  fitted: IntervalPoint[];
  forecast: IntervalPoint[];
  naive: IntervalPoint[];
  /** The last bucket against the forecast fitted without it: the check `argus intel forecast` makes. */
  check: OneStepCheck;
  /** The rolling-origin check, or why there is none. */
  backtest: Backtest | { skipped: string; needed: number; have: number };
  /** Buckets whose actual left the one-step interval fitted without them, oldest first. */
  outside: OneStepPoint[];
}

function points(starts: readonly number[], unit: SeriesUnit, f: FittedForecast['forecast']): IntervalPoint[] {
  return starts.map((start, i) => ({
    start,
    label: bucketLabel(start, unit),
    mean: f.mean[i] as number,
    lower: f.lower[i] as number,
    upper: f.upper[i] as number,
  }));
}

/** Without a rolling-origin check, the last bucket's check is the only one made. */
function checkOutside(check: OneStepCheck): OneStepPoint[] {
  if (check.inside) return [];
  const { at, label, actual, mean, lower, upper } = check;
  return [{ start: at, label, actual, mean, lower, upper, position: actual > upper ? 'above' : 'below' }];
}

/** The JSON of a forecast and its rolling-origin check; non-finite numbers become null in JSON. */
export function forecastReport(
  series: Series,
  result: SeriesForecast,
  backtest: BacktestResult,
): ForecastReport {
  const { fit } = result;
  const steps = result.steps.map((s) => s.start);
  return {
    series: {
      name: series.name,
      unit: series.unit,
      measure: series.measure,
      notes: series.notes,
      history: series.starts.map((start, i) => ({
        start,
        label: bucketLabel(start, series.unit),
        value: series.values[i] as number,
      })),
    },
    model: {
      name: fit.model,
      aicc: fit.aicc,
      period: fit.period,
      scale: result.scale,
      params: fit.params,
      candidates: fit.candidates,
    },
    level: fit.forecast.level,
    fitted: points(series.starts, series.unit, fit.fitted),
    forecast: points(steps, series.unit, fit.forecast),
    naive: points(steps, series.unit, fit.naive),
    check: result.check,
    backtest: backtest.ok
      ? backtest.backtest
      : { skipped: backtest.reason, needed: backtest.needed, have: backtest.have },
    outside: backtest.ok
      ? backtest.backtest.oneStep.filter((p) => p.position !== 'inside')
      : checkOutside(result.check),
  };
}
