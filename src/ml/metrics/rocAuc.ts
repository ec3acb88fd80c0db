import { argsortDescending, checkBinaryInputs, requireBothClasses } from './rocCurve.js';

/**
 * Area under the ROC curve, computed as the Mann-Whitney U statistic with average ranks for ties:
 * AUC = (R+ - P(P+1)/2) / (P·N), where R+ is the rank sum of the positives. Tied scores get the mean of
 * the ranks they span, which counts a tied positive/negative pair as half a win — exactly the value of
 * the trapezoidal area sklearn's roc_auc_score reports. Rank sums are integers or half-integers, so the
 * numerator is exact in float64 for any realistic n (below ~9e7 samples).
 *
 * Labels: 1 = positive, 0 = negative; higher scores mean "more positive".
 * Throws a RangeError if lengths differ, labels are not 0/1, a score is NaN, or only one class is present.
 * O(n log n): one sort of a Uint32Array of indices.
 */
export function rocAuc(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  const inputs = checkBinaryInputs('rocAuc', labels, scores);
  requireBothClasses('rocAuc', inputs);
  const { n, positives, negatives } = inputs;
  const { order, sorted } = argsortDescending(scores);

  let positiveRankSum = 0;
  let start = 0;
  while (start < n) {
    let end = start + 1;
    while (end < n && sorted[end] === sorted[start]) end++;
    // Descending position j has ascending rank n - j; positions [start, end) share the mean rank.
    const averageRank = n - (start + end - 1) / 2;
    for (let j = start; j < end; j++) {
      if (labels[order[j] as number] === 1) positiveRankSum += averageRank;
    }
    start = end;
  }
  const u = positiveRankSum - (positives * (positives + 1)) / 2;
  return u / (positives * negatives);
}
