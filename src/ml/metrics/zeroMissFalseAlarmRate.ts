import { checkBinaryInputs, requireBothClasses } from './rocCurve.js';

/**
 * Killourhy & Maxion's zero-miss false-alarm rate: the false-alarm rate at the strictest threshold
 * that still catches every impostor. Labels: 1 = impostor (positive), 0 = genuine; higher scores are
 * more anomalous and a sample is flagged when `score >= threshold`, as everywhere in this folder. The
 * threshold is the lowest impostor score, so the result is the fraction of genuine scores at or above
 * it (a genuine sample tied with that impostor is flagged with it).
 *
 * Throws a RangeError if lengths differ, labels are not 0/1, a score is NaN, or only one class is present.
 */
export function zeroMissFalseAlarmRate(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  const inputs = checkBinaryInputs('zeroMissFalseAlarmRate', labels, scores);
  requireBothClasses('zeroMissFalseAlarmRate', inputs);
  let threshold = Number.POSITIVE_INFINITY;
  for (let i = 0; i < inputs.n; i++) {
    if (labels[i] === 1 && (scores[i] as number) < threshold) threshold = scores[i] as number;
  }
  let falseAlarms = 0;
  for (let i = 0; i < inputs.n; i++) {
    if (labels[i] === 0 && (scores[i] as number) >= threshold) falseAlarms++;
  }
  return falseAlarms / inputs.negatives;
}
