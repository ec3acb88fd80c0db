import { rocCurve } from './rocCurve.js';

export interface FprOperatingPoint {
  /** Flag a sample when `score >= threshold`; +Infinity means no threshold meets the target (flag nothing). */
  threshold: number;
  /** False-positive rate actually achieved at `threshold` (<= the target). */
  fpr: number;
  /** True-positive rate achieved at `threshold`. */
  tpr: number;
}

/**
 * The lowest threshold whose false-positive rate is still <= targetFpr, i.e. the most sensitive operating
 * point that respects an FPR budget, with the TPR it achieves. FPR is non-decreasing as the threshold
 * falls, so this is the last ROC point with fpr <= target. Rates are compared as computed (fp / N, which is
 * correctly rounded), so a target such as 0.1 with N = 10 admits exactly one false positive.
 *
 * If even the highest score exceeds the budget the result is the +Infinity sentinel with fpr = tpr = 0.
 * Throws a RangeError if targetFpr is not in [0, 1], lengths differ, labels are not 0/1, a score is NaN or
 * only one class is present.
 */
export function thresholdForFpr(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  targetFpr: number,
): FprOperatingPoint {
  if (!(targetFpr >= 0 && targetFpr <= 1)) {
    throw new RangeError(`thresholdForFpr: targetFpr must be in [0, 1] (got ${targetFpr})`);
  }
  const { fpr, tpr, thresholds } = rocCurve(labels, scores);
  let i = 0;
  while (i + 1 < fpr.length && (fpr[i + 1] as number) <= targetFpr) i++;
  return { threshold: thresholds[i] as number, fpr: fpr[i] as number, tpr: tpr[i] as number };
}
