import { detectPeriod, type PeriodDetection } from '../detectPeriod.js';
import type { Forecast } from '../forecast.js';
import { fitHoltWinters, minimumLength, type SeasonKind } from '../holtWinters.js';
import { forecastHoltWinters } from '../holtWintersForecast.js';
import { onLogScale } from '../logScale.js';
import { type LeadScore, rollingOrigin } from '../rollingOrigin.js';
import { seasonalNaive } from '../seasonalNaive.js';

/**
 * The forecasting benchmark's comparison on one series: Holt-Winters (additive, and multiplicative
 * where the series is positive; damped trend) against seasonal naive, by rolling origin. "detected"
 * rows choose the period afresh at each origin from the training window alone, as a deployment would;
 * fixed-period rows force it. "log" is the additive model on log(1 + y), for heavy-tailed series such as
 * losses (it needs y >= 0). All rows of a series share one MASE scale: the in-sample seasonal naive
 * at the period detected on the whole series, so their numbers compare directly.
 */
export type MethodName =
  | 'holt-winters additive'
  | 'holt-winters multiplicative'
  | 'holt-winters additive, log'
  | 'seasonal naive';

export interface EvaluationOptions {
  minTrain: number;
  horizon: number;
  /** Candidate periods for detection (12 for monthly data). */
  candidates: readonly number[];
  /** Fixed periods to evaluate beside the detected one. */
  fixedPeriods: readonly number[];
  level: number;
  seed: number;
}

export interface EvaluationRow {
  method: MethodName;
  period: 'detected' | number;
  /** Scores per lead 1..horizon; undefined with a reason when the method does not apply. */
  leads: LeadScore[] | undefined;
  skipped?: string;
  /** How often each period was chosen across origins (detected rows). */
  periodsChosen?: Record<string, number>;
}

export interface SeriesEvaluation {
  detection: PeriodDetection;
  scalePeriod: number;
  origins: number;
  rows: EvaluationRow[];
}

const METHODS: readonly MethodName[] = [
  'holt-winters additive',
  'holt-winters multiplicative',
  'holt-winters additive, log',
  'seasonal naive',
];

function holtWinters(season: SeasonKind, period: number, o: EvaluationOptions) {
  return (train: Float64Array, h: number): Forecast => {
    // Too short for two seasons: the season is dropped rather than the forecast.
    const m = train.length >= minimumLength({ period }) ? period : 1;
    const model = fitHoltWinters(train, { season, period: m, trend: 'damped' });
    return forecastHoltWinters(model, h, { level: o.level, seed: o.seed });
  };
}

function forecastWith(
  method: MethodName,
  train: Float64Array,
  period: number,
  h: number,
  o: EvaluationOptions,
): Forecast {
  switch (method) {
    case 'seasonal naive':
      return seasonalNaive(train, period, h, o.level);
    case 'holt-winters additive':
      return holtWinters('additive', period, o)(train, h);
    case 'holt-winters multiplicative':
      return holtWinters('multiplicative', period, o)(train, h);
    case 'holt-winters additive, log':
      return onLogScale(holtWinters('additive', period, o))(train, h);
  }
}

export function evaluateSeries(y: Float64Array, options: EvaluationOptions): SeriesEvaluation {
  const detection = detectPeriod(y, { candidates: options.candidates });
  const scalePeriod = detection.period;
  const positive = y.every((v) => v > 0);
  const nonNegative = y.every((v) => v >= 0);
  const rows: EvaluationRow[] = [];
  let origins = 0;
  for (const period of ['detected', ...options.fixedPeriods] as const) {
    for (const method of METHODS) {
      if (method === 'holt-winters multiplicative' && !positive) {
        rows.push({ method, period, leads: undefined, skipped: 'series has zero or negative months' });
        continue;
      }
      if (method === 'holt-winters additive, log' && !nonNegative) {
        rows.push({ method, period, leads: undefined, skipped: 'series has negative months' });
        continue;
      }
      if (method === 'holt-winters multiplicative' && period === 1) {
        rows.push({ method, period, leads: undefined, skipped: 'identical to additive without a season' });
        continue;
      }
      const chosen: Record<string, number> = {};
      const result = rollingOrigin(
        y,
        (train, h) => {
          const m =
            period === 'detected' ? detectPeriod(train, { candidates: options.candidates }).period : period;
          chosen[m] = (chosen[m] ?? 0) + 1;
          return forecastWith(method, train, m, h, options);
        },
        { minTrain: options.minTrain, horizon: options.horizon, scalePeriod },
      );
      origins = result.origins;
      rows.push({
        method,
        period,
        leads: result.leads,
        ...(period === 'detected' ? { periodsChosen: chosen } : {}),
      });
    }
  }
  return { detection, scalePeriod, origins, rows };
}
