/**
 * ROC curve over every distinct score threshold, plus the shared input checks and cumulative counts that
 * the other metrics in this folder build on (kept here so all of them agree on validation, tie handling
 * and the `score >= threshold` decision rule).
 */

export interface RocCurve {
  /** False-positive rate at each threshold (non-decreasing). */
  fpr: Float64Array;
  /** True-positive rate at each threshold (non-decreasing). */
  tpr: Float64Array;
  /** Distinct thresholds, strictly descending, starting at +Infinity (the "flag nothing" point). */
  thresholds: Float64Array;
}

/** Counts of a validated binary problem. @internal */
export interface BinaryInputs {
  n: number;
  positives: number;
  negatives: number;
}

/**
 * Validates labels/scores and counts the classes. Labels must be exactly 0 or 1 (1 = positive) because a
 * silent "anything non-1 is negative" rule would hide label-encoding bugs such as -1/+1 or booleans cast
 * oddly. NaN scores are rejected because they have no place in a ranking. @internal
 */
export function checkBinaryInputs(
  fn: string,
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
): BinaryInputs {
  if (labels.length !== scores.length) {
    throw new RangeError(
      `${fn}: labels and scores must have the same length (got ${labels.length} and ${scores.length})`,
    );
  }
  const n = labels.length;
  let positives = 0;
  for (let i = 0; i < n; i++) {
    const label = labels[i];
    if (label === 1) positives++;
    else if (label !== 0) throw new RangeError(`${fn}: labels must be 0 or 1 (got ${label} at index ${i})`);
    if (Number.isNaN(scores[i])) throw new RangeError(`${fn}: score at index ${i} is NaN`);
  }
  return { n, positives, negatives: n - positives };
}

/** Throws unless both classes are present: rates over an empty class are 0/0. @internal */
export function requireBothClasses(fn: string, inputs: BinaryInputs): void {
  if (inputs.positives === 0 || inputs.negatives === 0) {
    throw new RangeError(
      `${fn}: needs both classes in labels, but got ${inputs.positives} positive(s) and ` +
        `${inputs.negatives} negative(s) out of ${inputs.n}; the metric is undefined for a single class`,
    );
  }
}

/**
 * Indices of `scores` ordered by descending score, plus the scores copied into a Float64Array so the
 * comparator reads a packed typed array instead of an arbitrary ArrayLike. Sorting a Uint32Array of
 * indices keeps every metric O(n log n); ties are broken by index only to make the order deterministic —
 * no metric here depends on the order inside a tie group. @internal
 */
export function argsortDescending(scores: ArrayLike<number>): { order: Uint32Array; sorted: Float64Array } {
  const n = scores.length;
  const values = Float64Array.from(scores);
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  // Explicit comparisons rather than `b - a`: Infinity - Infinity is NaN, which would corrupt the sort.
  order.sort((a, b) => {
    const sa = values[a] as number;
    const sb = values[b] as number;
    return sa > sb ? -1 : sa < sb ? 1 : a - b;
  });
  const sorted = new Float64Array(n);
  for (let i = 0; i < n; i++) sorted[i] = values[order[i] as number] as number;
  return { order, sorted };
}

/** Cumulative true/false positives at each distinct threshold (like sklearn's _binary_clf_curve). @internal */
export interface ThresholdCounts {
  /** Distinct scores, strictly descending (no +Infinity sentinel). */
  thresholds: Float64Array;
  /** Positives with score >= thresholds[i]. */
  tps: Float64Array;
  /** Negatives with score >= thresholds[i]. */
  fps: Float64Array;
}

/**
 * One entry per distinct score: all tied samples cross the threshold together, so they form a single
 * operating point — this is what makes every curve here independent of the order of tied items. @internal
 */
export function thresholdCounts(labels: ArrayLike<number>, scores: ArrayLike<number>): ThresholdCounts {
  const { order, sorted } = argsortDescending(scores);
  const n = order.length;
  const thresholds = new Float64Array(n);
  const tps = new Float64Array(n);
  const fps = new Float64Array(n);
  let tp = 0;
  let fp = 0;
  let m = 0;
  for (let j = 0; j < n; j++) {
    if (labels[order[j] as number] === 1) tp++;
    else fp++;
    // Emit a point only at the end of a tie group.
    if (j === n - 1 || sorted[j + 1] !== sorted[j]) {
      thresholds[m] = sorted[j] as number;
      tps[m] = tp;
      fps[m] = fp;
      m++;
    }
  }
  return { thresholds: thresholds.slice(0, m), tps: tps.slice(0, m), fps: fps.slice(0, m) };
}

/**
 * ROC curve with one point per distinct threshold (no sklearn-style `drop_intermediate` thinning, so
 * callers picking an operating point see every achievable one). A sample is flagged positive when
 * `score >= threshold`. The first point is (0, 0) at +Infinity so the curve always starts at the origin,
 * as sklearn >= 1.3 does. Throws a RangeError if lengths differ or only one class is present.
 */
export function rocCurve(labels: ArrayLike<number>, scores: ArrayLike<number>): RocCurve {
  const inputs = checkBinaryInputs('rocCurve', labels, scores);
  requireBothClasses('rocCurve', inputs);
  const counts = thresholdCounts(labels, scores);
  const m = counts.thresholds.length + 1;
  const fpr = new Float64Array(m);
  const tpr = new Float64Array(m);
  const thresholds = new Float64Array(m);
  thresholds[0] = Number.POSITIVE_INFINITY;
  for (let i = 1; i < m; i++) {
    fpr[i] = (counts.fps[i - 1] as number) / inputs.negatives;
    tpr[i] = (counts.tps[i - 1] as number) / inputs.positives;
    thresholds[i] = counts.thresholds[i - 1] as number;
  }
  return { fpr, tpr, thresholds };
}
