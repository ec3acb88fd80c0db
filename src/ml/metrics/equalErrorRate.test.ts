import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random.js';
import { equalErrorRate } from './equalErrorRate.js';
import { rocCurve } from './rocCurve.js';

describe('equalErrorRate', () => {
  it('returns an exact crossing when a ROC point has FPR = FNR', () => {
    // ROC: fpr [0, 0, .5, .5, 1], fnr [1, .5, .5, 0, 0] → FPR = FNR = 0.5 at threshold 0.4.
    expect(equalErrorRate([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toEqual({ eer: 0.5, threshold: 0.4 });
  });

  it('is 0 for perfectly separated impostors', () => {
    expect(equalErrorRate([0, 0, 1, 1], [0.1, 0.2, 0.8, 0.9])).toEqual({ eer: 0, threshold: 0.8 });
  });

  it('interpolates linearly between the bracketing ROC points', () => {
    // ROC: thr [Inf, .9, .5, .2, .1], fpr [0, 1/3, 1/3, 2/3, 1], fnr [1, 1, 0, 0, 0].
    // Between points 1 and 2: d goes −2/3 → 1/3, so t = 2/3; EER = 1/3, threshold = .9 + 2/3 (.5 − .9).
    const { eer, threshold } = equalErrorRate([0, 0, 0, 1], [0.9, 0.1, 0.2, 0.5]);
    expect(eer).toBeCloseTo(1 / 3, 12);
    expect(threshold).toBeCloseTo(0.9 - 0.8 / 3, 12);
  });

  it('uses the highest score when the crossing precedes it', () => {
    // A single tied group jumps from (0, 0) to (1, 1): EER = 0.5, interpolation toward +Infinity is skipped.
    expect(equalErrorRate([0, 1], [0.5, 0.5])).toEqual({ eer: 0.5, threshold: 0.5 });
  });

  it('lies where the interpolated FPR and FNR meet on random data', () => {
    const random = seededRandom(5);
    for (let trial = 0; trial < 20; trial++) {
      const n = 2 + random.int(50);
      const labels = Array.from({ length: n }, (_, i) => (i < 2 ? i : random.int(2)));
      const scores = Array.from({ length: n }, () => random.int(10));
      const { eer, threshold } = equalErrorRate(labels, scores);
      expect(eer).toBeGreaterThanOrEqual(0);
      expect(eer).toBeLessThanOrEqual(1);
      expect(Number.isFinite(threshold)).toBe(true);
      // The EER is bracketed by FPR and FNR at some pair of consecutive ROC points.
      const { fpr, tpr } = rocCurve(labels, scores);
      let bracketed = false;
      for (let i = 1; i < fpr.length; i++) {
        const lo = Math.min(fpr[i - 1] as number, 1 - (tpr[i] as number));
        const hi = Math.max(fpr[i] as number, 1 - (tpr[i - 1] as number));
        if (eer >= lo - 1e-12 && eer <= hi + 1e-12) bracketed = true;
      }
      expect(bracketed).toBe(true);
    }
  });

  it('throws a RangeError for one class', () => {
    expect(() => equalErrorRate([1, 1], [0.1, 0.2])).toThrow(RangeError);
    expect(() => equalErrorRate([0, 1], [0.1, 0.2, 0.3])).toThrow(/same length/);
  });
});
