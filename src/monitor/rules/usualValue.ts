import { FEATURE_INDEX } from '../features/featureNames.js';

const SUM_7D = FEATURE_INDEX.out_sum_7d;
const COUNT_7D = FEATURE_INDEX.out_count_7d;
/** Below this decayed weight the history is too faint to stand for anything (about a year of silence). */
const MIN_WEIGHT = 1e-12;

/**
 * The account's usual outgoing transfer before this one: the decayed mean value (7 d half-life) of
 * what it sent, or NaN when it never sent. Exact, not estimated: out_sum_7d and out_count_7d decay at
 * the same rate and both include this transfer, so (sum − value) / (count − 1) is the mean of the
 * earlier ones. An arithmetic mean, so one earlier large transfer raises it: a threshold "k times the
 * usual" errs towards not firing for accounts that already move large amounts now and then.
 */
export function usualOutgoingValue(features: Float64Array, value: number): number {
  const weight = (features[COUNT_7D] as number) - 1;
  if (!(weight > MIN_WEIGHT)) return Number.NaN;
  const before = Math.expm1(features[SUM_7D] as number) - value;
  return before > 0 ? before / weight : Number.NaN;
}
