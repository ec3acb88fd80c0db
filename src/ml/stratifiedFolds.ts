import { seededRandom } from './random.js';

/**
 * Stratified k-fold for any number of classes: k arrays of test-row indices (ascending) covering every
 * row once (crossValidation.ts's stratifiedKFold is this for 0/1 labels). Each class,
 * shuffled with the seed, is dealt round-robin to the folds, each class starting where the previous one
 * ended, so fold sizes differ by at most one and each class is spread as evenly as it can be. Classes
 * are dealt in ascending label order, so the same (labels, k, seed) always gives the same folds.
 *
 * A class with fewer than k rows is missing from some test folds (it cannot be otherwise).
 */
export function stratifiedFolds(labels: ArrayLike<number>, k: number, seed: number): Uint32Array[] {
  if (!Number.isInteger(k) || k < 2) throw new RangeError(`k must be an integer >= 2, got ${k}`);
  if (k > labels.length) throw new RangeError(`k = ${k} folds need at least ${k} rows, got ${labels.length}`);
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i] as number;
    if (!(Number.isInteger(label) && label >= 0)) {
      throw new RangeError(`label ${i} is ${label}, expected a non-negative integer`);
    }
    const members = byClass.get(label);
    if (members) members.push(i);
    else byClass.set(label, [i]);
  }
  const random = seededRandom(seed);
  const folds: number[][] = Array.from({ length: k }, () => []);
  let next = 0;
  for (const label of [...byClass.keys()].sort((a, b) => a - b)) {
    const members = byClass.get(label) as number[];
    for (let i = members.length - 1; i > 0; i--) {
      const j = random.int(i + 1);
      const tmp = members[i] as number;
      members[i] = members[j] as number;
      members[j] = tmp;
    }
    for (const i of members) {
      (folds[next] as number[]).push(i);
      next = (next + 1) % k;
    }
  }
  return folds.map((f) => Uint32Array.from(f).sort());
}
