import { describe, expect, it } from 'vitest';
import { precisionAtK } from './precisionAtK.js';

describe('precisionAtK', () => {
  const labels = [0, 0, 1, 1];
  const scores = [0.1, 0.4, 0.35, 0.8]; // ranking: 0.8 (1), 0.4 (0), 0.35 (1), 0.1 (0)

  it('counts positives among the top k', () => {
    expect(precisionAtK(labels, scores, 1)).toBe(1);
    expect(precisionAtK(labels, scores, 2)).toBe(0.5);
    expect(precisionAtK(labels, scores, 3)).toBeCloseTo(2 / 3, 12);
    expect(precisionAtK(labels, scores, 4)).toBe(0.5);
  });

  it('splits a tie group that straddles k pro rata', () => {
    // Top-1 is the 0.9 positive; the one remaining slot goes to a 3-way tie holding 1 positive → 1/3.
    expect(precisionAtK([1, 0, 1, 0], [0.9, 0.5, 0.5, 0.5], 2)).toBeCloseTo((1 + 1 / 3) / 2, 12);
    expect(precisionAtK([1, 1, 0, 0], [0.9, 0.5, 0.5, 0.5], 2)).toBeCloseTo((1 + 1 / 3) / 2, 12);
    // A tie fully inside the top k counts in full.
    expect(precisionAtK([1, 0, 1, 0], [0.9, 0.5, 0.5, 0.5], 4)).toBe(0.5);
  });

  it('works with a single class', () => {
    expect(precisionAtK([0, 0, 0], [0.3, 0.2, 0.1], 2)).toBe(0);
    expect(precisionAtK([1, 1, 1], [0.3, 0.2, 0.1], 2)).toBe(1);
  });

  it('throws a RangeError for invalid k or input', () => {
    expect(() => precisionAtK(labels, scores, 0)).toThrow(RangeError);
    expect(() => precisionAtK(labels, scores, 5)).toThrow(/k must be an integer in \[1, 4\]/);
    expect(() => precisionAtK(labels, scores, 1.5)).toThrow(/k must be/);
    expect(() => precisionAtK(labels, scores, Number.NaN)).toThrow(/k must be/);
    expect(() => precisionAtK([0, 1], [0.1], 1)).toThrow(/same length/);
    expect(() => precisionAtK([0, 3], [0.1, 0.2], 1)).toThrow(/0 or 1/);
  });
});
