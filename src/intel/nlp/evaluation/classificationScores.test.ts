import { describe, expect, it } from 'vitest';
import { classificationScores } from './classificationScores.js';

describe('classificationScores', () => {
  it('computes accuracy and macro-F1 as scikit-learn does', () => {
    // sklearn: f1_score([0,0,1,1,2], [0,1,1,1,0], average='macro') = (0.5 + 0.8 + 0) / 3
    const s = classificationScores([0, 0, 1, 1, 2], [0, 1, 1, 1, 0]);
    expect(s.accuracy).toBeCloseTo(3 / 5, 12);
    expect(s.macroF1).toBeCloseTo((0.5 + 0.8 + 0) / 3, 12);
    expect(s.perClass.map((c) => c.support)).toEqual([2, 2, 1]);
  });

  it('counts a class that is only predicted, with F1 0', () => {
    // Class 3 never occurs but is predicted once: labels {0, 3}, F1 (2/3, 0).
    const s = classificationScores([0, 0], [0, 3]);
    expect(s.macroF1).toBeCloseTo((2 / 3 + 0) / 2, 12);
  });

  it('refuses mismatched or empty input', () => {
    expect(() => classificationScores([0], [0, 1])).toThrow(RangeError);
    expect(() => classificationScores([], [])).toThrow(RangeError);
  });
});
