import type { AlertInput } from '../../../core/alert.js';
import { ArgusError } from '../../../core/errors.js';
import { bucketLabel, nextBucketStart } from '../calendarBuckets.js';
import { detectPeriod } from '../detectPeriod.js';
import { selectEts } from '../etsSelection.js';
import { checkHorizon, checkLevel, type Forecast } from '../forecast.js';
import { forecastAlert } from '../forecastAlert.js';
import type { HoltWintersModel } from '../holtWinters.js';
import { forecastHoltWinters } from '../holtWintersForecast.js';
import { normalQuantile } from '../normalQuantile.js';
import { seasonalNaive } from '../seasonalNaive.js';
import { anscombe, log1p, type Transform } from '../transform.js';
import type { Series } from './series.js';
import type { SeriesUnit } from './seriesBuckets.js';

/**
 * Forecasts a series as the forecasting benchmark judges the method (benchmark/evaluateForecasters):
 * the season is detected on the data alone (7 for days, 52 for weeks, 12 for months, kept only when its
 * autocorrelation is a significant peak over two full cycles), the Holt-Winters model is chosen by
 * AICc among trend none / additive / damped and season none / additive / multiplicative, on a
 * variance-stabilising scale for counts and amounts, and seasonal naive is forecast beside it as the
 * baseline. The one-step check refits everything on the series without its last bucket and asks
 * whether that bucket fell inside the interval: the honest question, since a model fitted with the
 * last value has already partly absorbed it.
 */
export const SCALES = ['auto', 'raw', 'anscombe', 'log'] as const;
export type Scale = (typeof SCALES)[number];

export const PERIOD_CANDIDATE: Record<SeriesUnit, number> = { day: 7, week: 52, month: 12 };

/** SES needs five values for its AICc, and the check one more held out. */
export const MIN_BUCKETS = 6;

export interface SeriesForecastOptions {
  horizon: number;
  /** Coverage of the intervals, e.g. 0.95. */
  level: number;
  scale?: Scale;
  /** Seed of the bootstrap intervals of multiplicative models, so runs repeat. */
  seed?: number;
}

export interface FittedForecast {
  /** The chosen model, e.g. ETS(A,Ad,N). */
  model: string;
  aicc: number;
  /** The season in force (1: none). */
  period: number;
  /** Other candidates: their AICc, or why they were left out. */
  candidates: { name: string; aicc: number; skipped?: string }[];
  /** The chosen model's smoothing parameters (only those its form uses; φ only when damped). */
  params: { alpha: number; beta?: number; gamma?: number; phi?: number };
  forecast: Forecast;
  /**
   * The in-sample one-step fit of the chosen model, on the raw scale: each bucket's forecast from the
   * buckets before it, with the one-step interval μ ± z·σ of the additive-error model. Parameters were
   * fitted on every bucket, so this flatters the model; rolling-origin checks (backtestSeries) do not.
   */
  fitted: Forecast;
  /** Seasonal naive at the same period, on the raw scale. */
  naive: Forecast;
}

export interface OneStepCheck {
  at: number;
  label: string;
  actual: number;
  mean: number;
  lower: number;
  upper: number;
  inside: boolean;
  model: string;
  period: number;
}

export interface SeriesForecast {
  scale: 'raw' | 'anscombe' | 'log';
  fit: FittedForecast;
  /** Bucket starts and labels of the forecast steps. */
  steps: { start: number; label: string }[];
  check: OneStepCheck;
  /** The intel.forecast alert when the last bucket left the check's interval. */
  alert?: AlertInput;
}

export function transformFor(series: Series, scale: Scale): Transform | undefined {
  const chosen =
    scale === 'auto' ? { count: 'anscombe', amount: 'log', value: 'raw' }[series.measure] : scale;
  if (chosen === 'raw') return undefined;
  for (let t = 0; t < series.values.length; t++) {
    if (!((series.values[t] as number) >= 0)) {
      throw new ArgusError(
        'INPUT_INVALID',
        `the ${chosen} scale needs values >= 0; ${series.name} has ${series.values[t]} in ${bucketLabel(series.starts[t] as number, series.unit)}`,
        { input: series.values[t], hint: 'forecast it with --scale raw' },
      );
    }
  }
  return chosen === 'anscombe' ? anscombe : log1p;
}

function usedParams(model: HoltWintersModel): FittedForecast['params'] {
  const { alpha, beta, gamma, phi } = model.params;
  return {
    alpha,
    ...(model.trend !== 'none' ? { beta } : {}),
    ...(model.period > 1 ? { gamma } : {}),
    ...(model.trend === 'damped' ? { phi } : {}),
  };
}

/** The one-step in-sample forecasts with the interval of an additive error of variance σ². */
function inSampleFit(model: HoltWintersModel, level: number, transform: Transform | undefined): Forecast {
  const half = normalQuantile((1 + level) / 2) * Math.sqrt(model.sigma2);
  const back = transform ? transform.inverse : (v: number) => v;
  return {
    mean: model.fitted.map(back),
    lower: model.fitted.map((mu) => back(mu - half)),
    upper: model.fitted.map((mu) => back(mu + half)),
    level,
  };
}

/**
 * Detects the season, selects the model by AICc on the transformed scale and forecasts `horizon`
 * buckets with seasonal naive beside it: one fit, as forecastSeries and the rolling-origin checks make it.
 */
export function fitAndForecast(
  y: Float64Array,
  unit: SeriesUnit,
  options: SeriesForecastOptions,
  transform: Transform | undefined,
): FittedForecast {
  const period = detectPeriod(y, { candidates: [PERIOD_CANDIDATE[unit]] }).period;
  const moved = transform ? y.map(transform.forward) : y;
  const selection = selectEts(moved, { period });
  const onScale = forecastHoltWinters(selection.model, options.horizon, {
    level: options.level,
    seed: options.seed ?? 1,
  });
  // The transform is monotone, so interval ends map to interval ends (see transform.ts).
  const back = (v: Float64Array) => (transform ? v.map(transform.inverse) : v);
  return {
    model: selection.name,
    aicc: selection.model.aicc,
    period,
    candidates: selection.candidates.map((c) => ({
      name: c.name,
      aicc: c.aicc,
      ...(c.skipped ? { skipped: c.skipped } : {}),
    })),
    params: usedParams(selection.model),
    fitted: inSampleFit(selection.model, options.level, transform),
    forecast: {
      mean: back(onScale.mean),
      lower: back(onScale.lower),
      upper: back(onScale.upper),
      level: onScale.level,
    },
    naive: seasonalNaive(y, period, options.horizon, options.level),
  };
}

export function forecastSeries(series: Series, options: SeriesForecastOptions): SeriesForecast {
  checkHorizon(options.horizon);
  checkLevel(options.level);
  const n = series.values.length;
  if (n < MIN_BUCKETS) {
    throw new ArgusError(
      'INPUT_INVALID',
      `${series.name} has ${n} ${n === 1 ? 'bucket' : 'buckets'}; a forecast needs at least ${MIN_BUCKETS} (five to fit, one to check)`,
      {
        input: n,
        hint:
          n > 0
            ? 'use a smaller --bucket, or wait for more data'
            : 'check the series spec: nothing matched it',
      },
    );
  }
  const transform = transformFor(series, options.scale ?? 'auto');
  const all = fitAndForecast(series.values, series.unit, options, transform);
  const held = fitAndForecast(
    series.values.subarray(0, n - 1),
    series.unit,
    { ...options, horizon: 1 },
    transform,
  );
  const at = series.starts[n - 1] as number;
  const check: OneStepCheck = {
    at,
    label: bucketLabel(at, series.unit),
    actual: series.values[n - 1] as number,
    mean: held.forecast.mean[0] as number,
    lower: held.forecast.lower[0] as number,
    upper: held.forecast.upper[0] as number,
    inside: false,
    model: held.model,
    period: held.period,
  };
  check.inside = check.actual >= check.lower && check.actual <= check.upper;
  const steps: { start: number; label: string }[] = [];
  let start = at;
  for (let i = 0; i < options.horizon; i++) {
    start = nextBucketStart(start, series.unit);
    steps.push({ start, label: bucketLabel(start, series.unit) });
  }
  const scale = transform ? (transform === anscombe ? 'anscombe' : 'log') : 'raw';
  const alert = forecastAlert({
    series: series.name,
    method: `${held.model}${held.period > 1 ? `, period ${held.period}` : ''}${scale === 'raw' ? '' : `, ${scale} scale`}, fitted without ${check.label}`,
    at,
    label: check.label,
    actual: check.actual,
    mean: check.mean,
    lower: check.lower,
    upper: check.upper,
    level: options.level,
  });
  return { scale, fit: all, steps, check, ...(alert ? { alert } : {}) };
}
