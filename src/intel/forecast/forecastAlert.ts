import type { AlertInput } from '../../core/alert.js';
import { severityFromScore } from '../../core/severity.js';

export interface ForecastCheck {
  /** The series, e.g. "incidents per month" or "USDC transfer volume". */
  series: string;
  /** What was forecast, e.g. "Holt-Winters additive, period 12". */
  method: string;
  /** The period the actual belongs to (epoch ms of its start) and a label for it. */
  at: number;
  label: string;
  actual: number;
  mean: number;
  lower: number;
  upper: number;
  /** Coverage of [lower, upper]. */
  level: number;
}

/** A miss of the forecast is a signal to look, not an incident in itself: severity stops at high. */
const MAX_SCORE = 0.9;

/**
 * An alert when the actual value leaves the prediction interval, undefined while it stays inside.
 * The score grows with the distance from the forecast in half-widths of the interval on the side it
 * left: 1 - 1/d² (just outside is low, twice the half-width medium, three times high).
 */
export function forecastAlert(check: ForecastCheck): AlertInput | undefined {
  const { actual, mean, lower, upper } = check;
  if (![actual, mean, lower, upper].every(Number.isFinite)) return undefined;
  if (actual >= lower && actual <= upper) return undefined;
  const above = actual > upper;
  const half = above ? upper - mean : mean - lower;
  const distance = half > 0 ? Math.abs(actual - mean) / half : Number.POSITIVE_INFINITY;
  const score = Math.min(MAX_SCORE, Math.max(0, 1 - 1 / (distance * distance)));
  const percent = Math.round(check.level * 100);
  const format = (v: number) => (Math.abs(v) >= 1000 ? v.toExponential(3) : v.toFixed(2));
  return {
    area: 'intel',
    detector: 'intel.forecast',
    subject: {
      kind: 'other',
      id: check.series.slice(0, 256),
      attributes: { direction: above ? 'above' : 'below' },
    },
    severity: severityFromScore(score),
    score,
    title: `${check.series}: ${check.label} ${above ? 'above' : 'below'} its forecast`.slice(0, 300),
    explanation:
      `${check.series} was ${format(actual)} in ${check.label}, ${above ? 'above' : 'below'} the ${percent}% ` +
      `prediction interval [${format(lower)}, ${format(upper)}] of ${check.method} ` +
      `(forecast ${format(mean)}; ${Number.isFinite(distance) ? `${distance.toFixed(1)} half-widths away` : 'a zero-width interval'}).`,
    evidence: [
      { kind: 'feature', name: 'actual', value: actual, baseline: mean },
      { kind: 'fact', name: 'lower', value: lower },
      { kind: 'fact', name: 'upper', value: upper },
      { kind: 'fact', name: 'level', value: check.level },
      { kind: 'fact', name: 'method', value: check.method },
    ],
    occurredAt: check.at,
  };
}
