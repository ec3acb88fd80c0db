import { rocCurve } from './rocCurve.js';

export interface EqualErrorRate {
  /** The rate at which FPR equals FNR (= 1 − TPR), linearly interpolated between ROC points. */
  eer: number;
  /** Score threshold at the crossing (flag when `score >= threshold`), interpolated the same way. */
  threshold: number;
}

/**
 * Equal error rate for a detector where label 1 = impostor/anomaly (the positive class) and higher scores
 * mean "more anomalous". Walking the ROC curve from +Infinity downwards, FPR rises from 0 to 1 while FNR
 * falls from 1 to 0, so d = FPR − FNR is non-decreasing from −1 to 1 and crosses 0 exactly once. We take
 * the first ROC point with d >= 0 and, if it is not an exact hit, interpolate linearly between it and the
 * previous point — along that segment FPR and FNR are both linear in the same parameter, so they meet at a
 * single value, which is the EER.
 *
 * The threshold is interpolated with the same parameter. When the crossing lies between the +Infinity
 * sentinel and the highest score, interpolation is meaningless, so the highest score is returned (the
 * first threshold that actually flags anything).
 *
 * Throws a RangeError if lengths differ, labels are not 0/1, a score is NaN, or only one class is present.
 */
export function equalErrorRate(labels: ArrayLike<number>, scores: ArrayLike<number>): EqualErrorRate {
  const { fpr, tpr, thresholds } = rocCurve(labels, scores);
  // d[0] = −1 and d[last] = +1 always, so the loop finds i in [1, last].
  let i = 1;
  while (i < fpr.length - 1 && (fpr[i] as number) - (1 - (tpr[i] as number)) < 0) i++;

  const fprHi = fpr[i] as number;
  const fnrHi = 1 - (tpr[i] as number);
  const dHi = fprHi - fnrHi;
  if (dHi === 0) return { eer: fprHi, threshold: thresholds[i] as number };

  const fprLo = fpr[i - 1] as number;
  const fnrLo = 1 - (tpr[i - 1] as number);
  const dLo = fprLo - fnrLo;
  const t = -dLo / (dHi - dLo);
  const eer = fprLo + t * (fprHi - fprLo);
  const thrLo = thresholds[i - 1] as number;
  const thrHi = thresholds[i] as number;
  const threshold = Number.isFinite(thrLo) ? thrLo + t * (thrHi - thrLo) : thrHi;
  return { eer, threshold };
}
