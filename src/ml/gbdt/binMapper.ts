import type { Matrix } from '../matrix.js';
import { sampleIndices, seededRandom } from '../random.js';

/** Rows used to place bin edges; more adds time, not accuracy (scikit-learn uses the same cap). */
const BINNING_SAMPLE = 200_000;

/**
 * The binned training data: one uint8 code per row and feature, row-major, so a histogram pass reads
 * each row's codes together and its gradient once. Codes 0 .. bins[f] - 1 are value bins in ascending
 * order; code bins[f] is the feature's missing (NaN) bin.
 */
export interface BinnedMatrix {
  rows: number;
  cols: number;
  /** rows x cols, row-major. */
  codes: Uint8Array;
  /** Value bins per feature (1..255); the missing bin's code equals this count. */
  bins: Uint16Array;
}

/**
 * Quantile-style bin edges per feature. Value v falls in bin b when edges[b-1] < v <= edges[b], so a
 * split "bin <= b" is the same test as "v <= edges[b]" on raw values and trees can be applied to
 * unbinned rows. NaN is missing; +-Infinity fall in the outermost bins.
 */
export class BinMapper {
  private constructor(readonly edges: readonly Float64Array[]) {}

  /**
   * Places at most maxBins - 1 edges per feature. With few distinct values every value gets its own
   * bin; otherwise bins are filled greedily towards equal counts, and a value that alone holds at least
   * a bin's share (a spike of zeros, say) gets its own bin instead of dragging its neighbours into it.
   */
  static fit(x: Matrix, maxBins: number, seed: number): BinMapper {
    const rows = x.rows > BINNING_SAMPLE ? sampleIndices(x.rows, BINNING_SAMPLE, seededRandom(seed)) : null;
    const n = rows ? rows.length : x.rows;
    const values = new Float64Array(n);
    const edges: Float64Array[] = [];
    for (let f = 0; f < x.cols; f++) {
      let k = 0;
      for (let i = 0; i < n; i++) {
        const v = x.data[(rows ? (rows[i] as number) : i) * x.cols + f] as number;
        if (!Number.isNaN(v)) values[k++] = v;
      }
      edges.push(edgesOf(values.subarray(0, k).sort(), maxBins));
    }
    return new BinMapper(edges);
  }

  get features(): number {
    return this.edges.length;
  }

  transform(x: Matrix): BinnedMatrix {
    if (x.cols !== this.edges.length) {
      throw new RangeError(`bin mapper was fitted on ${this.edges.length} features, got ${x.cols}`);
    }
    const { rows, cols, data } = x;
    const codes = new Uint8Array(rows * cols);
    const bins = new Uint16Array(cols);
    for (let f = 0; f < cols; f++) {
      const edges = this.edges[f] as Float64Array;
      const missing = edges.length + 1;
      bins[f] = missing;
      for (let i = 0; i < rows; i++) {
        const v = data[i * cols + f] as number;
        codes[i * cols + f] = Number.isNaN(v) ? missing : binOf(edges, v);
      }
    }
    return { rows, cols, codes, bins };
  }
}

/** Number of edges strictly below v: the first bin whose upper edge is >= v. */
function binOf(edges: Float64Array, v: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((edges[mid] as number) < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Edges for one feature's sorted non-NaN values. */
export function edgesOf(sorted: Float64Array, maxBins: number): Float64Array {
  const distinct: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const v = sorted[i] as number;
    const last = counts.length - 1;
    if (last >= 0 && distinct[last] === v) counts[last] = (counts[last] as number) + 1;
    else {
      distinct.push(v);
      counts.push(1);
    }
  }
  const edges: number[] = [];
  if (distinct.length <= maxBins) {
    for (let i = 0; i + 1 < distinct.length; i++)
      edges.push(between(distinct[i] as number, distinct[i + 1] as number));
    return Float64Array.from(edges);
  }
  let remaining = sorted.length;
  let binsLeft = maxBins;
  let inBin = 0;
  for (let i = 0; i + 1 < distinct.length && binsLeft > 1; i++) {
    inBin += counts[i] as number;
    const share = remaining / binsLeft;
    // Close the bin once it holds its share, or early when the next value alone deserves a bin.
    if (inBin >= share || (counts[i + 1] as number) >= share) {
      edges.push(between(distinct[i] as number, distinct[i + 1] as number));
      remaining -= inBin;
      binsLeft--;
      inBin = 0;
    }
  }
  return Float64Array.from(edges);
}

/** A finite edge e with a <= e < b, so a goes left and b right; the midpoint when it is representable. */
function between(a: number, b: number): number {
  const mid = a + (b - a) / 2;
  if (Number.isFinite(mid) && mid >= a && mid < b) return mid;
  if (Number.isFinite(a)) return a;
  // a is -Infinity: -MAX_VALUE separates them unless b is -MAX_VALUE itself, which then shares a's bin
  // (edges stay finite so saved models stay JSON-safe).
  return -Number.MAX_VALUE;
}
