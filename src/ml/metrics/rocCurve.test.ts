import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random.js';
import { rocAuc } from './rocAuc.js';
import { rocCurve } from './rocCurve.js';

describe('rocCurve', () => {
  it('matches the sklearn documentation example', () => {
    const { fpr, tpr, thresholds } = rocCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
    expect(Array.from(fpr)).toEqual([0, 0, 0.5, 0.5, 1]);
    expect(Array.from(tpr)).toEqual([0, 0.5, 0.5, 1, 1]);
    expect(Array.from(thresholds)).toEqual([Infinity, 0.8, 0.4, 0.35, 0.1]);
    expect(fpr).toBeInstanceOf(Float64Array);
    expect(tpr).toBeInstanceOf(Float64Array);
    expect(thresholds).toBeInstanceOf(Float64Array);
  });

  it('collapses tied scores into one point', () => {
    const { fpr, tpr, thresholds } = rocCurve([0, 1, 0, 1], [0.5, 0.5, 0.2, 0.9]);
    expect(Array.from(thresholds)).toEqual([Infinity, 0.9, 0.5, 0.2]);
    expect(Array.from(tpr)).toEqual([0, 0.5, 1, 1]);
    expect(Array.from(fpr)).toEqual([0, 0, 0.5, 1]);
  });

  it('is monotone, ends at (1, 1) and its trapezoidal area equals rocAuc', () => {
    const random = seededRandom(3);
    for (let trial = 0; trial < 20; trial++) {
      const n = 2 + random.int(80);
      const labels = Array.from({ length: n }, (_, i) => (i < 2 ? i : random.int(2)));
      const scores = Array.from({ length: n }, () => random.int(8) / 7);
      const { fpr, tpr, thresholds } = rocCurve(labels, scores);
      let area = 0;
      for (let i = 1; i < fpr.length; i++) {
        expect(thresholds[i] as number).toBeLessThan(thresholds[i - 1] as number);
        expect(fpr[i] as number).toBeGreaterThanOrEqual(fpr[i - 1] as number);
        expect(tpr[i] as number).toBeGreaterThanOrEqual(tpr[i - 1] as number);
        area +=
          (((fpr[i] as number) - (fpr[i - 1] as number)) * ((tpr[i] as number) + (tpr[i - 1] as number))) / 2;
      }
      expect(fpr[fpr.length - 1]).toBe(1);
      expect(tpr[tpr.length - 1]).toBe(1);
      expect(area).toBeCloseTo(rocAuc(labels, scores), 12);
    }
  });

  it('throws a RangeError for one class or mismatched lengths', () => {
    expect(() => rocCurve([0, 0], [0.1, 0.2])).toThrow(RangeError);
    expect(() => rocCurve([0, 0], [0.1, 0.2])).toThrow(/both classes/);
    expect(() => rocCurve([0, 1, 1], [0.1, 0.2])).toThrow(/same length/);
  });
});
