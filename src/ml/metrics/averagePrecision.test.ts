import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random.js';
import { averagePrecision } from './averagePrecision.js';

/** Reference: mean over positives of the precision at that positive's own score threshold. */
function referenceAp(labels: number[], scores: number[]): number {
  let sum = 0;
  let positives = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] !== 1) continue;
    positives++;
    let above = 0;
    let positivesAbove = 0;
    for (let j = 0; j < labels.length; j++) {
      if ((scores[j] as number) >= (scores[i] as number)) {
        above++;
        if (labels[j] === 1) positivesAbove++;
      }
    }
    sum += positivesAbove / above;
  }
  return sum / positives;
}

describe('averagePrecision', () => {
  it('matches the sklearn documentation example (≈ 0.8333)', () => {
    expect(averagePrecision([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBeCloseTo(5 / 6, 12);
  });

  it('is 1 for a perfect ranking', () => {
    expect(averagePrecision([0, 0, 1, 1], [0.1, 0.2, 0.8, 0.9])).toBe(1);
  });

  it('treats tied scores as a single threshold', () => {
    expect(averagePrecision([1, 0, 1, 0], [0.5, 0.5, 0.5, 0.5])).toBe(0.5);
    // Thresholds .9: P=1, ΔR=1/3; .8 (tie of a 0 and a 1): P=2/3, ΔR=1/3; .3: ΔR=0; .1: P=3/5, ΔR=1/3.
    expect(averagePrecision([1, 0, 1, 0, 1], [0.9, 0.8, 0.8, 0.3, 0.1])).toBeCloseTo(34 / 45, 12);
    // Order within the tie must not matter.
    expect(averagePrecision([1, 1, 0, 0, 1], [0.9, 0.8, 0.8, 0.3, 0.1])).toBeCloseTo(34 / 45, 12);
  });

  it('is 0.5 when the only positive is ranked last of two', () => {
    expect(averagePrecision([0, 1], [0.9, 0.1])).toBe(0.5);
  });

  it('is 1 when there are no negatives', () => {
    expect(averagePrecision([1, 1, 1], [0.3, 0.2, 0.1])).toBe(1);
  });

  it('agrees with the per-positive definition on tie-heavy random data', () => {
    const random = seededRandom(11);
    for (let trial = 0; trial < 20; trial++) {
      const n = 2 + random.int(60);
      const labels = Array.from({ length: n }, (_, i) => (i === 0 ? 1 : random.int(2)));
      const scores = Array.from({ length: n }, () => random.int(6) / 5);
      expect(averagePrecision(labels, scores)).toBeCloseTo(referenceAp(labels, scores), 12);
    }
  });

  it('throws a RangeError without positives, on mismatched lengths or bad input', () => {
    expect(() => averagePrecision([0, 0], [0.1, 0.2])).toThrow(RangeError);
    expect(() => averagePrecision([0, 0], [0.1, 0.2])).toThrow(/at least one positive/);
    expect(() => averagePrecision([0, 1], [0.1])).toThrow(/same length/);
    expect(() => averagePrecision([-1, 1], [0.1, 0.2])).toThrow(/0 or 1/);
    expect(() => averagePrecision([0, 1], [Number.NaN, 0.2])).toThrow(/NaN/);
  });
});
