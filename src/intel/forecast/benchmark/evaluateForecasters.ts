import { detectPeriod, type PeriodDetection } from '../detectPeriod.js';
import { selectEts } from '../etsSelection.js';
import type { Forecast } from '../forecast.js';
import { fitHoltWinters, minimumLength } from '../holtWinters.js';
import { forecastHoltWinters } from '../holtWintersForecast.js';
import { type LeadScore, rollingOrigin, type ScoredPoint } from '../rollingOrigin.js';
import { seasonalNaive } from '../seasonalNaive.js';
import { onTransformedScale, type Transform } from '../transform.js';

/**
 * The forecasting benchmark's comparison on one series, by rolling origin:
 *
 *  - 'ets' — the Holt-Winters family with the model chosen by AICc at every origin (etsSelection):
 *    trend none / additive / damped, season none, or additive / multiplicative when a period is in
 *    force. This is the method the target is judged on.
 *  - 'ets, <transform>' — the same on a variance-stabilising scale, back-transformed (transform.ts),
 *    when the series names one; whether that transform was chosen a priori is the series' business.
 *  - 'ses' and 'damped' — two fixed members for reference: ETS(A,N,N) and the damped-trend model the
 *    benchmark used before selection existed (with the season in force).
 *  - 'seasonal naive' — the baseline.
 *
 * "detected" rows take the period detected on each training window alone, as a deployment would;
 * fixed-period rows force it. MASE (Hyndman & Koehler 2006) scales each error by the in-sample MAE of
 * the one-step seasonal naive forecast on that origin's training window, at the period detected on that
 * window (the naive random walk when it is 1), the same scale for every row so that they compare
 * directly. relMae is the other reading of "MASE against seasonal naive": the method's MAE over the
 * seasonal naive one's, on exactly the same test points (same origins, leads and period setting).
 */
export type MethodId = 'ets' | 'ets, transformed' | 'ses' | 'damped' | 'seasonal naive';

export interface EvaluationOptions {
  minTrain: number;
  horizon: number;
  /** Candidate periods for detection (12 for monthly data). */
  candidates: readonly number[];
  /** Fixed periods to evaluate beside the detected one. */
  fixedPeriods: readonly number[];
  level: number;
  seed: number;
  /** A variance-stabilising scale for an extra 'ets, transformed' row. */
  transform?: Transform;
}

export interface EvaluatedLead extends LeadScore {
  /** MAE over the seasonal naive forecast's MAE on the same points. */
  relMae: number;
}

export interface EvaluationRow {
  method: MethodId;
  /** e.g. "ETS (AICc), anscombe scale". */
  label: string;
  period: 'detected' | number;
  leads: EvaluatedLead[];
  /** How often each period was in force across origins. */
  periodsChosen: Record<string, number>;
  /** ETS rows: how often each model was selected across origins. */
  modelsChosen?: Record<string, number>;
  points: ScoredPoint[];
}

export interface SeriesEvaluation {
  /** Detection on the whole series: for the report only, no forecast or scale uses it. */
  detection: PeriodDetection;
  origins: number;
  rows: EvaluationRow[];
}

type Tally = Record<string, number>;
const tally = (t: Tally, key: string | number) => {
  t[key] = (t[key] ?? 0) + 1;
};

/** The period actually usable on a window: a season needs two full cycles, else none. */
const usable = (train: Float64Array, period: number) =>
  train.length >= minimumLength({ period }) ? period : 1;

function forecaster(
  method: MethodId,
  o: EvaluationOptions,
  models: Tally,
): ((train: Float64Array, h: number, period: number) => Forecast) | undefined {
  const ets = (train: Float64Array, h: number, period: number): Forecast => {
    const selection = selectEts(train, { period: usable(train, period) });
    tally(models, selection.name);
    return forecastHoltWinters(selection.model, h, { level: o.level, seed: o.seed });
  };
  switch (method) {
    case 'ets':
      return ets;
    case 'ets, transformed': {
      const transform = o.transform;
      if (transform === undefined) return undefined;
      return (train, h, period) => onTransformedScale(transform, (t, k) => ets(t, k, period))(train, h);
    }
    case 'ses':
      return (train, h) =>
        forecastHoltWinters(fitHoltWinters(train, { season: 'additive', period: 1, trend: 'none' }), h, {
          level: o.level,
        });
    case 'damped':
      return (train, h, period) =>
        forecastHoltWinters(
          fitHoltWinters(train, { season: 'additive', period: usable(train, period), trend: 'damped' }),
          h,
          { level: o.level },
        );
    case 'seasonal naive':
      return (train, h, period) => seasonalNaive(train, period, h, o.level);
  }
}

function label(method: MethodId, o: EvaluationOptions): string {
  switch (method) {
    case 'ets':
      return 'ETS (AICc)';
    case 'ets, transformed':
      return `ETS (AICc), ${o.transform?.name} scale`;
    case 'ses':
      return 'ETS(A,N,N) fixed';
    case 'damped':
      return 'ETS(A,Ad,N/A) fixed';
    case 'seasonal naive':
      return 'seasonal naive';
  }
}

const METHODS: readonly MethodId[] = ['ets', 'ets, transformed', 'ses', 'damped', 'seasonal naive'];

/** Σ|error| of `points` over Σ|error| of `baseline` on the points both scored, per lead. */
export function relativeMae(points: readonly ScoredPoint[], baseline: readonly ScoredPoint[], lead: number) {
  const base = new Map<number, number>();
  for (const p of baseline) if (p.lead === lead) base.set(p.origin, Math.abs(p.actual - p.mean));
  let num = 0;
  let den = 0;
  for (const p of points) {
    const b = p.lead === lead ? base.get(p.origin) : undefined;
    if (b === undefined) continue;
    num += Math.abs(p.actual - p.mean);
    den += b;
  }
  return den > 0 ? num / den : Number.NaN;
}

export function evaluateSeries(y: Float64Array, options: EvaluationOptions): SeriesEvaluation {
  const detection = detectPeriod(y, { candidates: options.candidates });
  const detectedOn = new Map<number, number>();
  const detect = (train: Float64Array) => {
    let period = detectedOn.get(train.length);
    if (period === undefined) {
      period = detectPeriod(train, { candidates: options.candidates }).period;
      detectedOn.set(train.length, period);
    }
    return period;
  };
  const rows: EvaluationRow[] = [];
  let origins = 0;
  for (const period of ['detected', ...options.fixedPeriods] as const) {
    const block: EvaluationRow[] = [];
    for (const method of METHODS) {
      const models: Tally = {};
      const run = forecaster(method, options, models);
      if (run === undefined) continue;
      const periods: Tally = {};
      const result = rollingOrigin(
        y,
        (train, h) => {
          const m = period === 'detected' ? detect(train) : period;
          tally(periods, m);
          return run(train, h, m);
        },
        { minTrain: options.minTrain, horizon: options.horizon, scalePeriod: detect },
      );
      origins = result.origins;
      block.push({
        method,
        label: label(method, options),
        period,
        leads: result.leads.map((l) => ({ ...l, relMae: Number.NaN })),
        periodsChosen: periods,
        ...(method === 'ets' || method === 'ets, transformed' ? { modelsChosen: models } : {}),
        points: result.points,
      });
    }
    const naive = block.find((r) => r.method === 'seasonal naive');
    for (const row of block) {
      for (const lead of row.leads) lead.relMae = relativeMae(row.points, naive?.points ?? [], lead.lead);
    }
    rows.push(...block);
  }
  return { detection, origins, rows };
}
