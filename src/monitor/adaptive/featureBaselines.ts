import type { Matrix } from '../../ml/matrix.js';
import { savedNumbers } from '../../ml/model.js';
import { quantileSorted } from '../../ml/scalers.js';

/**
 * Where one feature's training values fell, for per-feature drift. `edges` are the distinct deciles,
 * ascending; the bins alternate between the open gaps and the edge values themselves:
 * (-inf, e0), [e0], (e0, e1), [e1], ..., (e_last, inf), so 2 * edges + 1 shares.
 *
 * Why the edge values get bins of their own: many features are mostly one value (a 0/1 flag, a count
 * that is usually 0, a gap capped at a year). Plain decile bins would put 0 and 1 of a flag set on 8% of
 * transfers in the same bin and never see the flag's share move.
 */
export interface FeatureBaseline {
  edges: Float64Array;
  proportions: Float64Array;
}

/** Training rows the deciles are read from: plenty for ten bins, and it keeps a fit's extra cost to milliseconds. */
export const FEATURE_BASELINE_ROWS = 2_000;

const DECILES = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

/** The bin of value (see FeatureBaseline); a non-finite value counts in the lowest bin. */
export function featureBinOf(edges: Float64Array, value: number): number {
  let i = 0;
  while (i < edges.length && (edges[i] as number) < value) i++;
  return 2 * i + (i < edges.length && edges[i] === value ? 1 : 0);
}

/**
 * Each column's baseline, from an evenly strided sample of at most maxRows rows (a sliding training
 * window is oldest first, so the stride spans all of it).
 */
export function featureBaselines(x: Matrix, maxRows = FEATURE_BASELINE_ROWS): FeatureBaseline[] {
  const n = Math.min(x.rows, maxRows);
  const step = x.rows / Math.max(1, n);
  const column = new Float64Array(n);
  const out: FeatureBaseline[] = [];
  for (let j = 0; j < x.cols; j++) {
    let finite = 0;
    for (let k = 0; k < n; k++) {
      const v = x.data[Math.floor(k * step) * x.cols + j] as number;
      if (Number.isFinite(v)) column[finite++] = v;
    }
    const sorted = column.subarray(0, finite).sort();
    const edges = Float64Array.from(
      new Set(finite === 0 ? [] : DECILES.map((q) => quantileSorted(sorted, q))),
    );
    const proportions = new Float64Array(2 * edges.length + 1);
    for (const v of sorted) {
      const bin = featureBinOf(edges, v);
      proportions[bin] = (proportions[bin] as number) + 1;
    }
    for (let b = 0; b < proportions.length; b++) {
      proportions[b] = finite === 0 ? 1 / proportions.length : (proportions[b] as number) / finite;
    }
    out.push({ edges, proportions });
  }
  return out;
}

/** Restores saved baselines; absent (a model saved before they were kept) gives undefined. */
export function loadFeatureBaselines(saved: unknown, cols: number): FeatureBaseline[] | undefined {
  if (saved === undefined) return undefined;
  if (!Array.isArray(saved) || saved.length !== cols) {
    throw new Error(`saved monitor model featureBaselines must hold ${cols} features`);
  }
  return saved.map((s: { edges?: unknown; proportions?: unknown } | null, j) => {
    const edges = savedNumbers(s?.edges, `featureBaselines[${j}].edges`);
    if (edges.length > 9) throw new Error(`saved featureBaselines[${j}] has more than 9 edges`);
    return {
      edges,
      proportions: savedNumbers(s?.proportions, `featureBaselines[${j}].proportions`, 2 * edges.length + 1),
    };
  });
}
