import type { Matrix } from './matrix.js';
import type { AnomalyDetector } from './model.js';
import { quantileSorted } from './scalers.js';

/** A detector with its own per-feature attribution (isolation forest, autoencoder). */
export interface ExplainableDetector extends AnomalyDetector {
  /** One contribution per feature, in score units; positive pushes towards "anomalous". */
  explain(row: Float64Array): Float64Array;
}

export type ExplanationMethod = 'native' | 'occlusion';

export function hasNativeExplanation(detector: AnomalyDetector): detector is ExplainableDetector {
  return typeof (detector as Partial<ExplainableDetector>).explain === 'function';
}

export function explanationMethod(detector: AnomalyDetector): ExplanationMethod {
  return hasNativeExplanation(detector) ? 'native' : 'occlusion';
}

/**
 * Each feature's contribution to the detector's score for one row; positive means the feature makes
 * the row look more anomalous. Uses the detector's own attribution when it has one (it reflects how
 * that model actually reached its score), otherwise `occlusionContributions` against `reference`.
 */
export function explainRow(
  detector: AnomalyDetector,
  row: Float64Array,
  reference: Float64Array,
): Float64Array {
  return hasNativeExplanation(detector)
    ? detector.explain(row)
    : occlusionContributions(detector, row, reference);
}

/**
 * Model-agnostic attribution by occlusion: feature j's contribution is how much the score drops when
 * row[j] alone is replaced by reference[j] (a typical value, e.g. the training median), i.e.
 * score(row) - score(row with j := reference[j]). A feature already at its reference value gets 0.
 *
 * One feature at a time means interactions are not split: two features that are only unusual
 * together each get the full drop or none of it, and contributions need not sum to the score. It
 * costs one scoreRow per feature.
 */
export function occlusionContributions(
  detector: AnomalyDetector,
  row: Float64Array,
  reference: Float64Array,
): Float64Array {
  if (reference.length !== row.length) {
    throw new RangeError(`the reference has ${reference.length} features, the row ${row.length}`);
  }
  const base = detector.scoreRow(row);
  const probe = Float64Array.from(row);
  const out = new Float64Array(row.length);
  for (let j = 0; j < row.length; j++) {
    const original = row[j] as number;
    const typical = reference[j] as number;
    if (Object.is(original, typical) || original === typical) continue;
    probe[j] = typical;
    out[j] = base - detector.scoreRow(probe);
    probe[j] = original;
  }
  return out;
}

/**
 * Per-column median over non-missing values: the usual occlusion reference, a value typical of the
 * training data that no outlier can drag. A column with no values gets NaN, which each detector
 * then treats as its own notion of missing.
 */
export function featureMedians(x: Matrix): Float64Array {
  const out = new Float64Array(x.cols);
  const column = new Float64Array(x.rows);
  for (let j = 0; j < x.cols; j++) {
    let n = 0;
    for (let i = 0; i < x.rows; i++) {
      const v = x.data[i * x.cols + j] as number;
      if (!Number.isNaN(v)) column[n++] = v;
    }
    out[j] = quantileSorted(column.subarray(0, n).sort(), 0.5);
  }
  return out;
}
