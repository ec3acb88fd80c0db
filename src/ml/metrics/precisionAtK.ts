import { argsortDescending, checkBinaryInputs } from './rocCurve.js';

/**
 * Fraction of positives among the k highest-scored items.
 *
 * When a tie group straddles the k-th position, which of its members are "in" the top k is arbitrary, so
 * instead of letting input order decide we count the group's positives pro rata: the slots left inside
 * the top k are filled with the group's positive fraction. That is the expected precision under random
 * tie-breaking, and it makes the result independent of input order.
 *
 * Labels: 1 = positive, 0 = negative. k must be an integer in [1, n]. Throws a RangeError otherwise, or on
 * length mismatch, non-0/1 labels or NaN scores. A single class is fine here (precision is then 0 or 1).
 */
export function precisionAtK(labels: ArrayLike<number>, scores: ArrayLike<number>, k: number): number {
  const { n } = checkBinaryInputs('precisionAtK', labels, scores);
  if (!Number.isInteger(k) || k < 1 || k > n) {
    throw new RangeError(`precisionAtK: k must be an integer in [1, ${n}] (got ${k})`);
  }
  const { order, sorted } = argsortDescending(scores);
  let hits = 0;
  let start = 0;
  while (start < k) {
    let end = start + 1;
    while (end < n && sorted[end] === sorted[start]) end++;
    let groupPositives = 0;
    for (let j = start; j < end; j++) {
      if (labels[order[j] as number] === 1) groupPositives++;
    }
    const slots = Math.min(end, k) - start;
    hits += (groupPositives * slots) / (end - start);
    start = end;
  }
  return hits / k;
}
