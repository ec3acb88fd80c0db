import { describe, expect, it } from 'vitest';
import { thresholdForFpr } from './thresholdForFpr.js';

describe('thresholdForFpr', () => {
  // ROC: thr [Inf, .8, .4, .35, .1], fpr [0, 0, .5, .5, 1], tpr [0, .5, .5, 1, 1].
  const labels = [0, 0, 1, 1];
  const scores = [0.1, 0.4, 0.35, 0.8];

  it('returns the lowest threshold within the FPR budget and its TPR', () => {
    expect(thresholdForFpr(labels, scores, 0)).toEqual({ threshold: 0.8, fpr: 0, tpr: 0.5 });
    expect(thresholdForFpr(labels, scores, 0.49)).toEqual({ threshold: 0.8, fpr: 0, tpr: 0.5 });
    expect(thresholdForFpr(labels, scores, 0.5)).toEqual({ threshold: 0.35, fpr: 0.5, tpr: 1 });
    expect(thresholdForFpr(labels, scores, 1)).toEqual({ threshold: 0.1, fpr: 1, tpr: 1 });
  });

  it('admits exactly the budgeted number of false positives', () => {
    // 10 negatives scored 0.0..0.9 and one positive at 0.85: a 10% budget allows the 0.9 negative only.
    const negatives = Array.from({ length: 10 }, (_, i) => i / 10);
    const result = thresholdForFpr([...negatives.map(() => 0), 1], [...negatives, 0.85], 0.1);
    expect(result).toEqual({ threshold: 0.85, fpr: 0.1, tpr: 1 });
  });

  it('returns the +Infinity sentinel when even the top score exceeds the budget', () => {
    expect(thresholdForFpr([0, 1], [0.9, 0.1], 0)).toEqual({ threshold: Infinity, fpr: 0, tpr: 0 });
  });

  it('throws a RangeError for a target outside [0, 1] or invalid input', () => {
    expect(() => thresholdForFpr(labels, scores, -0.1)).toThrow(RangeError);
    expect(() => thresholdForFpr(labels, scores, 1.1)).toThrow(/targetFpr/);
    expect(() => thresholdForFpr(labels, scores, Number.NaN)).toThrow(/targetFpr/);
    expect(() => thresholdForFpr([1, 1], [0.1, 0.2], 0.1)).toThrow(/both classes/);
  });
});
