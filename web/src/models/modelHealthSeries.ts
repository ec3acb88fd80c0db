import type { ModelHealthCheck, ModelHealthLevel, ModelScoreBins } from './modelHealthApi.js';

/** The conventional PSI readings: below 0.1 stable, 0.1 to 0.2 moderate, 0.2 and above significant. */
export const PSI_MODERATE = 0.1;
export const PSI_SIGNIFICANT = 0.2;

export function levelOf(psi: number): ModelHealthLevel {
  if (psi >= PSI_SIGNIFICANT) return 'significant';
  if (psi >= PSI_MODERATE) return 'moderate';
  return 'stable';
}

export interface SplitRows {
  /** Drift checks, oldest first. */
  checks: ModelHealthCheck[];
  /** New generations (retrains and loads), oldest first. */
  retrains: ModelHealthCheck[];
}

export function splitRows(rows: readonly ModelHealthCheck[]): SplitRows {
  const checks: ModelHealthCheck[] = [];
  const retrains: ModelHealthCheck[] = [];
  for (const row of rows) (row.details.kind === 'retrain' ? retrains : checks).push(row);
  return { checks, retrains };
}

export type DistributionView = 'histogram' | 'deciles';

export interface Distribution {
  /** One label per bin. */
  labels: string[];
  current: number[];
  /** Training shares in the same bins; absent when the model did not keep them. */
  baseline: number[] | undefined;
}

/**
 * One check's score distribution as bars: over equal bins of the calibrated score ("0.95–1.00"), or over
 * the training deciles PSI is computed on ("D10", the top tenth of training scores).
 */
export function distributionOf(check: ModelHealthCheck, view: DistributionView): Distribution | undefined {
  const bins: ModelScoreBins | undefined =
    view === 'histogram' ? check.details.histogram : check.details.deciles;
  if (!bins) return undefined;
  const labels =
    view === 'deciles'
      ? bins.current.map((_, i) => `D${i + 1}`)
      : bins.current.map((_, i) => {
          const low = i === 0 ? 0 : (bins.edges[i - 1] ?? 0);
          const high = i === bins.edges.length ? 1 : (bins.edges[i] ?? 1);
          return `${low.toFixed(2)}–${high.toFixed(2)}`;
        });
  return { labels, current: bins.current, baseline: bins.baseline };
}

export interface AlertRateBucket {
  start: number;
  scored: number;
  model: number;
  rules: number;
}

/**
 * The checks' alert counts summed per bucket (a UTC day or hour), every bucket from the first check's to
 * the last's, so a quiet stretch shows as a gap rather than being skipped.
 */
export function alertRateBuckets(checks: readonly ModelHealthCheck[], bucketMs: number): AlertRateBucket[] {
  const first = checks[0];
  const last = checks.at(-1);
  if (!first || !last) return [];
  const start = Math.floor(first.at / bucketMs) * bucketMs;
  const count = Math.floor(last.at / bucketMs) - Math.floor(first.at / bucketMs) + 1;
  const buckets: AlertRateBucket[] = Array.from({ length: count }, (_, i) => ({
    start: start + i * bucketMs,
    scored: 0,
    model: 0,
    rules: 0,
  }));
  for (const c of checks) {
    const alerts = c.details.alerts;
    const bucket = buckets[Math.floor((c.at - start) / bucketMs)];
    if (!alerts || !bucket) continue;
    bucket.scored += alerts.scored;
    bucket.model += alerts.model;
    bucket.rules += alerts.rules;
  }
  return buckets;
}

/** Alerts per 1,000 scored transfers; null (a gap) where nothing was scored. */
export function perThousand(count: number, scored: number): number | null {
  return scored > 0 ? (1_000 * count) / scored : null;
}

export interface FeatureDriftRow {
  name: string;
  psi: number;
  level: ModelHealthLevel;
  /** The same feature's PSI at the first check shown, for the trend. */
  earlier: number | undefined;
}

/** One check's per-feature PSI, most drifted first, beside each feature's PSI at an earlier check. */
export function featureDriftRows(check: ModelHealthCheck, earlier?: ModelHealthCheck): FeatureDriftRow[] {
  const before = new Map((earlier?.details.features ?? []).map((f) => [f.name, f.psi]));
  return (check.details.features ?? [])
    .map((f) => ({ name: f.name, psi: f.psi, level: levelOf(f.psi), earlier: before.get(f.name) }))
    .sort((a, b) => b.psi - a.psi || a.name.localeCompare(b.name));
}
