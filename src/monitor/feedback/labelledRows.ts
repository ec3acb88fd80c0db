import type { Alert, AlertStatus } from '../../core/alert.js';
import { type Matrix, matrix } from '../../ml/matrix.js';
import { FEATURE_COUNT, FEATURE_INDEX, type FeatureName } from '../features/featureNames.js';

/** Labelled training rows from analysts' verdicts, in FEATURE_NAMES order. */
export interface LabelledRows {
  x: Matrix;
  /** 1 = confirmed (resolved), 0 = false positive. */
  y: Uint8Array;
  /** The alert behind each row, for tracing a row back. */
  alertIds: string[];
  /** Alerts that are not labels: another area, still open or acknowledged, or no feature evidence. */
  skipped: number;
}

/** What a closed monitor alert says about its transfer: resolved = a true positive. */
const LABELS: Partial<Record<AlertStatus, 0 | 1>> = { resolved: 1, 'false-positive': 0 };

/**
 * Turns triaged monitor alerts into rows. Each row is the alert's feature evidence placed by
 * FEATURE_INDEX; a feature the alert does not carry (an alert from before the feature existed, say) is
 * NaN, which the trees treat as missing. Evidence with an unknown name is ignored; when a name appears
 * twice the first value counts, as the detector wrote it first.
 */
export function labelledRowsFromAlerts(alerts: readonly Alert[]): LabelledRows {
  const values: number[] = [];
  const labels: number[] = [];
  const alertIds: string[] = [];
  let skipped = 0;
  const rowValues = new Float64Array(FEATURE_COUNT);
  for (const alert of alerts) {
    const label = alert.area === 'monitor' ? LABELS[alert.status] : undefined;
    if (label === undefined) {
      skipped++;
      continue;
    }
    rowValues.fill(Number.NaN);
    let found = 0;
    for (const evidence of alert.evidence) {
      if (evidence.kind !== 'feature' || !Object.hasOwn(FEATURE_INDEX, evidence.name)) continue;
      const j = FEATURE_INDEX[evidence.name as FeatureName];
      if (!Number.isNaN(rowValues[j] as number)) continue;
      rowValues[j] = evidence.value;
      found++;
    }
    if (found === 0) {
      skipped++;
      continue;
    }
    for (const v of rowValues) values.push(v);
    labels.push(label);
    alertIds.push(alert.id);
  }
  return {
    x: matrix(labels.length, FEATURE_COUNT, Float64Array.from(values)),
    y: Uint8Array.from(labels),
    alertIds,
    skipped,
  };
}
