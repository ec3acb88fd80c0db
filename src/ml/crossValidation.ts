import { type Matrix, matrix } from './matrix.js';
import { type Random, seededRandom } from './random.js';
import { stratifiedFolds } from './stratifiedFolds.js';

/**
 * Stratified k-fold split: returns k arrays of test-row indices (ascending), which together cover every
 * row exactly once, each holding about 1/k of either class.
 *
 * Each class is shuffled with the seed and dealt round-robin to the folds; the deal for the second class
 * starts where the first ended, so fold sizes differ by at most one overall. The same (y, k, seed)
 * always gives the same folds, so a benchmark can hand them to another library.
 *
 * Throws a RangeError when a label is not 0/1 or k is not in [2, rows]. A class with fewer rows than k
 * leaves some folds without it; callers that need both classes in every fold check the counts first.
 */
export function stratifiedKFold(y: Uint8Array, k: number, seed: number): Uint32Array[] {
  for (let i = 0; i < y.length; i++) {
    const label = y[i];
    if (label !== 0 && label !== 1)
      throw new RangeError(`stratifiedKFold: label ${i} is ${label}, expected 0 or 1`);
  }
  return stratifiedFolds(y, k, seed);
}

/**
 * A stratified holdout: about `fraction` of each class (at least one row of a class that has two or
 * more) goes to `validation`, the rest to `train`; both ascending.
 */
export function stratifiedHoldout(
  y: Uint8Array,
  fraction: number,
  seed: number,
): { train: Uint32Array; validation: Uint32Array } {
  if (!(fraction > 0 && fraction < 1)) {
    throw new RangeError(`validation fraction must be in (0, 1), got ${fraction}`);
  }
  const random = seededRandom(seed);
  const train: number[] = [];
  const validation: number[] = [];
  for (const indices of indicesByClass(y, 'stratifiedHoldout')) {
    shuffle(indices, random);
    const take = indices.length < 2 ? 0 : Math.max(1, Math.round(indices.length * fraction));
    validation.push(...indices.subarray(0, take));
    train.push(...indices.subarray(take));
  }
  return { train: Uint32Array.from(train).sort(), validation: Uint32Array.from(validation).sort() };
}

/** The rows of [0, n) that are not in `test` (ascending): the training rows of a fold. */
export function complementOf(n: number, test: Uint32Array): Uint32Array {
  const inTest = new Uint8Array(n);
  for (const i of test) inTest[i] = 1;
  const out = new Uint32Array(n - test.length);
  let k = 0;
  for (let i = 0; i < n; i++) if (inTest[i] === 0) out[k++] = i;
  return out;
}

/** Copies the listed rows of x into a new matrix, in the order given. */
export function takeRows(x: Matrix, indices: ArrayLike<number>): Matrix {
  const out = matrix(indices.length, x.cols);
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k] as number;
    out.data.set(x.data.subarray(i * x.cols, (i + 1) * x.cols), k * x.cols);
  }
  return out;
}

/** Copies the listed entries of a typed array, in the order given. */
export function takeValues<T extends Uint8Array | Float64Array>(values: T, indices: ArrayLike<number>): T {
  const out = new (values.constructor as new (n: number) => T)(indices.length);
  for (let k = 0; k < indices.length; k++) out[k] = values[indices[k] as number] as number;
  return out;
}

export interface ConfusionAtThreshold {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  trueNegatives: number;
  precision: number;
  recall: number;
  f1: number;
}

/**
 * Counts and F1 when rows scoring at or above `threshold` are called positive. Precision, recall and
 * F1 are 0 when undefined (no predicted or no actual positives), as scikit-learn's zero_division=0.
 */
export function confusionAtThreshold(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  threshold: number,
): ConfusionAtThreshold {
  if (labels.length !== scores.length) {
    throw new RangeError(`${labels.length} labels but ${scores.length} scores`);
  }
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i];
    if (label !== 0 && label !== 1) throw new RangeError(`label ${i} is ${label}, expected 0 or 1`);
    const predicted = (scores[i] as number) >= threshold;
    if (label === 1) predicted ? tp++ : fn++;
    else predicted ? fp++ : tn++;
  }
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  return {
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    trueNegatives: tn,
    precision,
    recall,
    f1,
  };
}

/** F1 of the positive class when rows scoring at or above `threshold` are called positive. */
export function f1AtThreshold(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  threshold: number,
): number {
  return confusionAtThreshold(labels, scores, threshold).f1;
}

/**
 * Out-of-fold scores: for each fold, `fitAndScore` trains on the other folds' rows and scores the fold's
 * rows. Every row is scored exactly once, by a model that never saw it.
 */
export function outOfFoldScores(
  x: Matrix,
  y: Uint8Array,
  folds: readonly Uint32Array[],
  fitAndScore: (train: { x: Matrix; y: Uint8Array; rows: Uint32Array }, test: Matrix) => Float64Array,
): Float64Array {
  const out = new Float64Array(x.rows).fill(Number.NaN);
  for (const test of folds) {
    const rows = complementOf(x.rows, test);
    const scores = fitAndScore({ x: takeRows(x, rows), y: takeValues(y, rows), rows }, takeRows(x, test));
    if (scores.length !== test.length) {
      throw new RangeError(`fold scorer returned ${scores.length} scores for ${test.length} rows`);
    }
    for (let k = 0; k < test.length; k++) out[test[k] as number] = scores[k] as number;
  }
  return out;
}

function indicesByClass(y: Uint8Array, what: string): Uint32Array[] {
  let positives = 0;
  for (let i = 0; i < y.length; i++) {
    const label = y[i];
    if (label !== 0 && label !== 1) throw new RangeError(`${what}: label ${i} is ${label}, expected 0 or 1`);
    positives += label;
  }
  const negatives = new Uint32Array(y.length - positives);
  const positive = new Uint32Array(positives);
  let n = 0;
  let p = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] === 1) positive[p++] = i;
    else negatives[n++] = i;
  }
  return [negatives, positive];
}

function shuffle(values: Uint32Array, random: Random): void {
  for (let i = values.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    const tmp = values[i] as number;
    values[i] = values[j] as number;
    values[j] = tmp;
  }
}
