import { describe, expect, it } from 'vitest';
import { matrix } from '../matrix.js';
import { BinMapper } from './binMapper.js';
import { buildHistogram, histogramLayout } from './histogram.js';
import { emptyCandidate, findBestSplit } from './splitFinder.js';

/** The best split of one feature's values (NaN = missing) with these gradients and unit hessians. */
function bestSplit(values: number[], gradients: number[], minSamplesLeaf = 1) {
  const x = matrix(values.length, 1, Float64Array.from(values));
  const binned = BinMapper.fit(x, 255, 1).transform(x);
  const layout = histogramLayout(binned.bins);
  const histogram = new Float64Array(3 * layout.slots);
  const rows = Uint32Array.from(values.keys());
  const g = Float64Array.from(gradients);
  const h = new Float64Array(values.length).fill(1);
  buildHistogram(histogram, binned, layout, rows, 0, rows.length, g, h);
  const totals = { gradient: g.reduce((s, v) => s + v, 0), hessian: values.length, count: values.length };
  const constraints = { minSamplesLeaf, minHessianLeaf: 0, l2: 0 };
  return findBestSplit(histogram, layout, binned.bins, totals, constraints, emptyCandidate());
}

describe('findBestSplit', () => {
  it('splits where the gradients change sign, with the exact gain', () => {
    const split = bestSplit([1, 2, 3, 4, 5], [-1, -1, 1, 1, 1]);
    // No missing values at fit: unseen ones will follow the larger side, here the right.
    expect(split).toMatchObject({ feature: 0, bin: 1, missingLeft: false });
    // G_L^2/H_L + G_R^2/H_R - G^2/H = 4/2 + 9/3 - 1/5.
    expect(split.gain).toBeCloseTo(4.8, 12);
    expect(split.left).toEqual({ gradient: -2, hessian: 2, count: 2 });
  });

  it('sends missing values to the side whose gradients they resemble', () => {
    const split = bestSplit([1, 2, Number.NaN, 3, 4, Number.NaN], [-1, -1, 1, 1, 1, 1]);
    expect(split).toMatchObject({ bin: 1, missingLeft: false });
    const mirrored = bestSplit([1, 2, Number.NaN, 3, 4, Number.NaN], [-1, -1, -1, 1, 1, -1]);
    expect(mirrored).toMatchObject({ bin: 1, missingLeft: true });
    expect(mirrored.left.count).toBe(4);
  });

  it('counts missing rows towards minSamplesLeaf on the side they go to', () => {
    // Only one value row belongs left; with its two missing rows the left side has the 3 rows required.
    const split = bestSplit([1, Number.NaN, Number.NaN, 5, 6, 7], [-1, -1, -1, 1, 1, 1], 3);
    expect(split).toMatchObject({ bin: 0, missingLeft: true });
    expect(split.left.count).toBe(3);
  });

  it('finds nothing when no split leaves minSamplesLeaf rows on both sides', () => {
    expect(bestSplit([1, 2, 3, 4], [-1, -1, 1, 1], 3).gain).toBe(0);
    expect(bestSplit([1, 2, 3, 4], [-1, -1, 1, 1], 3).feature).toBe(-1);
  });

  it('splits missing from non-missing when that is what separates the gradients', () => {
    const split = bestSplit([1, Number.NaN, 2, Number.NaN, 3], [-1, 1, -1, 1, -1]);
    expect(split.left.count).toBe(3);
    expect(split.missingLeft).toBe(false);
  });
});
