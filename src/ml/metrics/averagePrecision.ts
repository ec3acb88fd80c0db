import { checkBinaryInputs, thresholdCounts } from './rocCurve.js';

/**
 * Average precision, sklearn's definition: AP = Σ_n (R_n − R_{n−1}) · P_n over distinct thresholds in
 * descending order, with R_0 = 0. It is a step-wise sum, not a trapezoid, because linear interpolation of
 * a precision-recall curve is optimistic. Tied scores cross the threshold together and so form a single
 * (R_n, P_n) point, making the result independent of the order of tied items.
 *
 * Labels: 1 = positive, 0 = negative. Needs at least one positive (recall is 0/0 otherwise); an input with
 * no negatives is fine and yields 1. Throws a RangeError on length mismatch, non-0/1 labels, NaN scores or
 * no positives.
 */
export function averagePrecision(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  const inputs = checkBinaryInputs('averagePrecision', labels, scores);
  if (inputs.positives === 0) {
    throw new RangeError(
      `averagePrecision: needs at least one positive label (got 0 out of ${inputs.n}); recall is undefined`,
    );
  }
  const { tps, fps } = thresholdCounts(labels, scores);
  // Accumulate Σ (new positives) · precision and divide by P once at the end: the recall step
  // (tp_n − tp_{n−1}) / P is then never rounded on its own.
  let sum = 0;
  let previousTp = 0;
  for (let i = 0; i < tps.length; i++) {
    const tp = tps[i] as number;
    if (tp > previousTp) sum += (tp - previousTp) * (tp / (tp + (fps[i] as number)));
    previousTp = tp;
  }
  return sum / inputs.positives;
}
