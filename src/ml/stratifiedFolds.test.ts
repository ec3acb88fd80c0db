import { describe, expect, it } from 'vitest';
import { stratifiedFolds } from './stratifiedFolds.js';

describe('stratifiedFolds', () => {
  const labels = [...new Array(10).fill(0), ...new Array(7).fill(1), ...new Array(3).fill(2), 3];

  it('covers every row once, with balanced fold sizes and classes spread evenly', () => {
    const folds = stratifiedFolds(labels, 5, 42);
    const all = folds.flatMap((f) => Array.from(f)).sort((a, b) => a - b);
    expect(all).toEqual(labels.map((_, i) => i));
    const sizes = folds.map((f) => f.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    for (const label of [0, 1, 2, 3]) {
      const perFold = folds.map((f) => Array.from(f).filter((i) => labels[i] === label).length);
      expect(Math.max(...perFold) - Math.min(...perFold)).toBeLessThanOrEqual(1);
    }
    for (const f of folds) expect(Array.from(f)).toEqual(Array.from(f).sort((a, b) => a - b));
  });

  it('is repeatable for a seed and changes with it', () => {
    expect(stratifiedFolds(labels, 5, 1)).toEqual(stratifiedFolds(labels, 5, 1));
    expect(stratifiedFolds(labels, 5, 1)).not.toEqual(stratifiedFolds(labels, 5, 2));
  });

  it('refuses a bad k or label', () => {
    expect(() => stratifiedFolds(labels, 1, 0)).toThrow(RangeError);
    expect(() => stratifiedFolds([0, 1], 3, 0)).toThrow(RangeError);
    expect(() => stratifiedFolds([0, -1, 1], 2, 0)).toThrow(RangeError);
  });
});
