import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random.js';
import { rocAuc } from './rocAuc.js';

/** O(n²) reference: fraction of (positive, negative) pairs ranked correctly, ties counting half. */
function pairwiseAuc(labels: number[], scores: number[]): number {
  let wins = 0;
  let pairs = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] !== 1) continue;
    for (let j = 0; j < labels.length; j++) {
      if (labels[j] !== 0) continue;
      const si = scores[i] as number;
      const sj = scores[j] as number;
      wins += si > sj ? 1 : si === sj ? 0.5 : 0;
      pairs++;
    }
  }
  return wins / pairs;
}

describe('rocAuc', () => {
  it('matches the sklearn documentation example', () => {
    expect(rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBe(0.75);
  });

  it('is 1 for a perfect ranking and 0 for an inverted one', () => {
    expect(rocAuc([0, 0, 1, 1], [0.1, 0.2, 0.8, 0.9])).toBe(1);
    expect(rocAuc([1, 1, 0, 0], [0.1, 0.2, 0.8, 0.9])).toBe(0);
  });

  it('counts tied positive/negative pairs as half (average ranks)', () => {
    expect(rocAuc([0, 1, 0, 1], [0.5, 0.5, 0.5, 0.5])).toBe(0.5);
    // Pairs: (.5 vs .1)=1, (.5 vs .5)=0.5, (.9 vs .1)=1, (.9 vs .5)=1 → 3.5 / 4.
    expect(rocAuc([0, 0, 1, 1], [0.1, 0.5, 0.5, 0.9])).toBe(0.875);
  });

  it('handles infinite scores', () => {
    // Pairs: (Inf vs -Inf)=1, (Inf vs Inf)=0.5, (1 vs -Inf)=1, (1 vs Inf)=0 → 2.5 / 4.
    expect(rocAuc([0, 1, 0, 1], [-Infinity, Infinity, Infinity, 1])).toBe(0.625);
  });

  it('does not depend on input order and accepts typed arrays', () => {
    const a = rocAuc([0, 1, 0, 1, 1, 0], [0.3, 0.3, 0.7, 0.9, 0.1, 0.3]);
    const b = rocAuc(Uint8Array.from([1, 0, 1, 0, 0, 1]), Float64Array.from([0.1, 0.3, 0.3, 0.7, 0.3, 0.9]));
    expect(a).toBe(b);
  });

  it('agrees with the pairwise definition on tie-heavy random data', () => {
    const random = seededRandom(7);
    for (let trial = 0; trial < 20; trial++) {
      const n = 2 + random.int(60);
      const labels = Array.from({ length: n }, (_, i) => (i < 2 ? i : random.int(2)));
      const scores = Array.from({ length: n }, () => random.int(5) / 4);
      expect(rocAuc(labels, scores)).toBeCloseTo(pairwiseAuc(labels, scores), 12);
    }
  });

  it('throws a RangeError for one class, mismatched lengths, bad labels or NaN', () => {
    expect(() => rocAuc([1, 1], [0.1, 0.2])).toThrow(RangeError);
    expect(() => rocAuc([1, 1], [0.1, 0.2])).toThrow(/both classes/);
    expect(() => rocAuc([], [])).toThrow(/both classes/);
    expect(() => rocAuc([0, 1], [0.1])).toThrow(/same length/);
    expect(() => rocAuc([0, 2], [0.1, 0.2])).toThrow(/0 or 1/);
    expect(() => rocAuc([0, 1], [0.1, Number.NaN])).toThrow(/NaN/);
  });

  it('handles 100k samples without quadratic behaviour', () => {
    // Not a benchmark: an O(n²) implementation would take minutes here and hit the test timeout.
    const random = seededRandom(42);
    const n = 100_000;
    const labels = new Uint8Array(n);
    const scores = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      labels[i] = random.next() < 0.1 ? 1 : 0;
      // Positives shifted up a little so the AUC is clearly above chance; rounding creates many ties.
      scores[i] = Math.round((random.next() + (labels[i] === 1 ? 0.2 : 0)) * 1000) / 1000;
    }
    const auc = rocAuc(labels, scores);
    expect(auc).toBeGreaterThan(0.6);
    expect(auc).toBeLessThan(0.8);
  });
});
