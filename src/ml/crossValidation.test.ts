import { describe, expect, it } from 'vitest';
import {
  complementOf,
  confusionAtThreshold,
  f1AtThreshold,
  outOfFoldScores,
  stratifiedHoldout,
  stratifiedKFold,
  takeRows,
  takeValues,
} from './crossValidation.js';
import { fromRows, matrix } from './matrix.js';
import { seededRandom } from './random.js';

function labels(negatives: number, positives: number): Uint8Array {
  const y = new Uint8Array(negatives + positives).fill(1, 0, positives);
  // Shuffle so class membership is not a contiguous block.
  const random = seededRandom(99);
  for (let i = y.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [y[i], y[j]] = [y[j] as number, y[i] as number];
  }
  return y;
}

describe('stratifiedKFold', () => {
  const y = labels(103, 23);

  it('covers every row exactly once with near-equal folds and class shares', () => {
    const folds = stratifiedKFold(y, 5, 1);
    expect(folds).toHaveLength(5);
    const seen = new Uint8Array(y.length);
    for (const fold of folds) {
      for (const i of fold) seen[i] = (seen[i] as number) + 1;
      expect([...fold]).toEqual([...fold].sort((a, b) => a - b));
      expect(fold.length === 25 || fold.length === 26).toBe(true);
      const positives = [...fold].filter((i) => y[i] === 1).length;
      expect(positives === 4 || positives === 5).toBe(true);
    }
    expect([...seen].every((v) => v === 1)).toBe(true);
  });

  it('is a function of the seed', () => {
    expect(stratifiedKFold(y, 4, 9)).toEqual(stratifiedKFold(y, 4, 9));
    expect(stratifiedKFold(y, 4, 9)).not.toEqual(stratifiedKFold(y, 4, 10));
  });

  it('rejects k < 2, more folds than rows and non-binary labels', () => {
    expect(() => stratifiedKFold(y, 1, 1)).toThrow(/k must be/);
    expect(() => stratifiedKFold(Uint8Array.of(0, 1), 3, 1)).toThrow(/at least 3 rows/);
    expect(() => stratifiedKFold(Uint8Array.of(0, 2, 1), 2, 1)).toThrow(/expected 0 or 1/);
  });
});

describe('stratifiedHoldout', () => {
  it('holds out about the fraction of each class, disjoint from train', () => {
    const y = labels(200, 40);
    const { train, validation } = stratifiedHoldout(y, 0.1, 3);
    expect(validation.length).toBe(24);
    expect([...validation].filter((i) => y[i] === 1)).toHaveLength(4);
    expect(train.length + validation.length).toBe(240);
    expect(new Set([...train, ...validation]).size).toBe(240);
  });
});

describe('row selection', () => {
  it('takes rows and values in the order given, and complements a fold', () => {
    const x = fromRows([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    expect([...takeRows(x, [2, 0]).data]).toEqual([5, 6, 1, 2]);
    expect([...takeValues(Uint8Array.of(7, 8, 9), [1, 1])]).toEqual([8, 8]);
    expect([...complementOf(5, Uint32Array.of(1, 3))]).toEqual([0, 2, 4]);
  });
});

describe('confusionAtThreshold', () => {
  it('counts rows at or above the threshold as positive', () => {
    const c = confusionAtThreshold([1, 1, 0, 0, 1], [0.9, 0.5, 0.5, 0.1, 0.2], 0.5);
    expect(c).toMatchObject({ truePositives: 2, falsePositives: 1, falseNegatives: 1, trueNegatives: 1 });
    expect(c.precision).toBeCloseTo(2 / 3, 12);
    expect(c.recall).toBeCloseTo(2 / 3, 12);
    expect(f1AtThreshold([1, 1, 0, 0, 1], [0.9, 0.5, 0.5, 0.1, 0.2], 0.5)).toBeCloseTo(2 / 3, 12);
  });

  it('gives 0 rather than NaN when nothing is predicted positive', () => {
    expect(confusionAtThreshold([1, 0], [0.1, 0.2], 0.5)).toMatchObject({ precision: 0, recall: 0, f1: 0 });
  });
});

describe('outOfFoldScores', () => {
  it('scores each row once with a model that never saw it', () => {
    const x = matrix(6, 1, Float64Array.of(0, 1, 2, 3, 4, 5));
    const y = Uint8Array.of(0, 1, 0, 1, 0, 1);
    const folds = stratifiedKFold(y, 3, 1);
    // The "model" scores a row by whether its value was among the training rows: always 0 out of fold.
    const scores = outOfFoldScores(x, y, folds, (train, test) => {
      const seen = new Set(train.x.data);
      expect(train.rows).toHaveLength(train.x.rows);
      return Float64Array.from(test.data, (v) => (seen.has(v) ? 1 : 0));
    });
    expect([...scores]).toEqual([0, 0, 0, 0, 0, 0]);
  });
});
