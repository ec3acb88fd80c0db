import type { BinnedMatrix } from './binMapper.js';
import { buildHistogram, type HistogramLayout, histogramLayout, subtractHistogram } from './histogram.js';
import type { ResolvedOptions } from './options.js';
import { emptyCandidate, findBestSplit, type NodeTotals, type SplitCandidate } from './splitFinder.js';
import type { Tree } from './tree.js';

/** What the grower needs from the options. */
export type GrowerOptions = Pick<
  ResolvedOptions,
  'maxLeaves' | 'maxDepth' | 'growth' | 'minSamplesLeaf' | 'minHessianLeaf' | 'l2' | 'learningRate'
>;

/** A grown tree plus what fitting needs that prediction does not. */
export interface GrownTree {
  tree: Tree;
  /** Gain of each node's split (0 for leaves): the source of feature importance. */
  gain: Float64Array;
}

/**
 * Grows regression trees on one binned training matrix, reusing its buffers from tree to tree.
 *
 * Rows are kept in one permutation array in which every node owns a contiguous range, as in
 * scikit-learn's splitter: a split partitions its node's range in place (stably, so the result does
 * not depend on anything but the data). Only the smaller child's histogram is built from its rows;
 * the larger one's is its parent's minus the smaller's (the subtraction trick), which halves the work
 * at each level. Histograms are taken from a pool and returned as soon as a node can no longer split.
 */
export class TreeGrower {
  private readonly layout: HistogramLayout;
  private readonly rows: Uint32Array;
  private readonly scratch: Uint32Array;
  private readonly pool: Float64Array[] = [];
  private readonly capacity: number;
  // Per node, sized for the largest possible tree (2 * maxLeaves - 1 nodes).
  private readonly lo: Uint32Array;
  private readonly hi: Uint32Array;
  private readonly depth: Uint16Array;
  private readonly totals: NodeTotals[];
  private readonly candidates: SplitCandidate[];
  private readonly histograms: (Float64Array | undefined)[];
  private readonly feature: Int32Array;
  private readonly bin: Int32Array;
  private readonly missingLeft: Uint8Array;
  private readonly left: Int32Array;
  private readonly right: Int32Array;
  private readonly gain: Float64Array;
  private nodes = 0;

  constructor(
    private readonly binned: BinnedMatrix,
    private readonly edges: readonly Float64Array[],
    private readonly options: GrowerOptions,
  ) {
    this.layout = histogramLayout(binned.bins);
    this.rows = new Uint32Array(binned.rows);
    this.scratch = new Uint32Array(binned.rows);
    this.capacity = 2 * options.maxLeaves - 1;
    const c = this.capacity;
    this.lo = new Uint32Array(c);
    this.hi = new Uint32Array(c);
    this.depth = new Uint16Array(c);
    this.totals = Array.from({ length: c }, () => ({ gradient: 0, hessian: 0, count: 0 }));
    this.candidates = Array.from({ length: c }, emptyCandidate);
    this.histograms = new Array(c).fill(undefined);
    this.feature = new Int32Array(c);
    this.bin = new Int32Array(c);
    this.missingLeft = new Uint8Array(c);
    this.left = new Int32Array(c);
    this.right = new Int32Array(c);
    this.gain = new Float64Array(c);
  }

  /** Grows one tree fitting the given per-row gradients and hessians. */
  grow(gradients: Float64Array, hessians: Float64Array): GrownTree {
    const { rows, options } = this;
    for (let i = 0; i < rows.length; i++) rows[i] = i;
    this.nodes = 0;
    let gradient = 0;
    let hessian = 0;
    for (let i = 0; i < rows.length; i++) {
      gradient += gradients[i] as number;
      hessian += hessians[i] as number;
    }
    const root = this.newNode(0, rows.length, 0, gradient, hessian, rows.length);
    const open: number[] = [];
    if (this.splittable(root)) {
      const histogram = this.takeHistogram();
      this.build(histogram, root, gradients, hessians);
      this.evaluate(root, histogram, open);
    }
    let leaves = 1;
    while (open.length > 0 && leaves < options.maxLeaves) {
      const node = this.pickNext(open);
      leaves++;
      this.split(node, gradients, hessians, open, leaves < options.maxLeaves);
    }
    for (const node of open) this.releaseHistogram(node);
    return this.toTree();
  }

  /**
   * Adds each leaf's value to the margins of the training rows that reached it, without walking the
   * tree again: the rows of a leaf are its range of the permutation.
   */
  addLeafValues(tree: Tree, margins: Float64Array): void {
    const { rows } = this;
    for (let node = 0; node < this.nodes; node++) {
      if ((tree.feature[node] as number) >= 0) continue;
      const v = tree.value[node] as number;
      const end = this.hi[node] as number;
      for (let i = this.lo[node] as number; i < end; i++) {
        const r = rows[i] as number;
        margins[r] = (margins[r] as number) + v;
      }
    }
  }

  private newNode(lo: number, hi: number, depth: number, gradient: number, hessian: number, count: number) {
    const node = this.nodes++;
    this.lo[node] = lo;
    this.hi[node] = hi;
    this.depth[node] = depth;
    const totals = this.totals[node] as NodeTotals;
    totals.gradient = gradient;
    totals.hessian = hessian;
    totals.count = count;
    this.feature[node] = -1;
    this.left[node] = -1;
    this.right[node] = -1;
    this.gain[node] = 0;
    this.histograms[node] = undefined;
    return node;
  }

  private splittable(node: number): boolean {
    const { maxDepth, minSamplesLeaf, minHessianLeaf } = this.options;
    const totals = this.totals[node] as NodeTotals;
    return (
      (maxDepth === null || (this.depth[node] as number) < maxDepth) &&
      totals.count >= 2 * minSamplesLeaf &&
      totals.hessian >= 2 * minHessianLeaf
    );
  }

  /** Finds the node's best split; it joins the open list when there is one, else its histogram is freed. */
  private evaluate(node: number, histogram: Float64Array, open: number[]): void {
    const candidate = findBestSplit(
      histogram,
      this.layout,
      this.binned.bins,
      this.totals[node] as NodeTotals,
      this.options,
      this.candidates[node] as SplitCandidate,
    );
    if (candidate.gain > 0) {
      this.histograms[node] = histogram;
      open.push(node);
    } else {
      this.pool.push(histogram);
    }
  }

  /** Leaf-wise: the open node with the largest gain. Depth-wise: the shallowest, oldest first. */
  private pickNext(open: number[]): number {
    let best = 0;
    for (let k = 1; k < open.length; k++) {
      const a = open[k] as number;
      const b = open[best] as number;
      const better =
        this.options.growth === 'leaf-wise'
          ? (this.candidates[a] as SplitCandidate).gain > (this.candidates[b] as SplitCandidate).gain
          : (this.depth[a] as number) < (this.depth[b] as number);
      if (better) best = k;
    }
    const node = open[best] as number;
    open.splice(best, 1);
    return node;
  }

  private split(
    node: number,
    gradients: Float64Array,
    hessians: Float64Array,
    open: number[],
    childrenMaySplit: boolean,
  ): void {
    const candidate = this.candidates[node] as SplitCandidate;
    const { feature, bin, missingLeft } = candidate;
    const lo = this.lo[node] as number;
    const hi = this.hi[node] as number;
    const mid = this.partition(lo, hi, feature, bin, missingLeft);
    const totals = this.totals[node] as NodeTotals;
    const depth = (this.depth[node] as number) + 1;
    const l = candidate.left;
    const left = this.newNode(lo, mid, depth, l.gradient, l.hessian, mid - lo);
    const right = this.newNode(
      mid,
      hi,
      depth,
      totals.gradient - l.gradient,
      totals.hessian - l.hessian,
      hi - mid,
    );
    this.feature[node] = feature;
    this.bin[node] = bin;
    this.missingLeft[node] = missingLeft ? 1 : 0;
    this.left[node] = left;
    this.right[node] = right;
    this.gain[node] = candidate.gain;

    const parentHistogram = this.histograms[node] as Float64Array;
    this.histograms[node] = undefined;
    const leftMay = childrenMaySplit && this.splittable(left);
    const rightMay = childrenMaySplit && this.splittable(right);
    if (!leftMay && !rightMay) {
      this.pool.push(parentHistogram);
      return;
    }
    const leftIsSmall = mid - lo <= hi - mid;
    const [small, large] = leftIsSmall ? [left, right] : [right, left];
    const [smallMay, largeMay] = leftIsSmall ? [leftMay, rightMay] : [rightMay, leftMay];
    // Even when only the larger child can split, building the smaller one's histogram and subtracting
    // is cheaper than a pass over the larger one's rows.
    const smallHistogram = this.takeHistogram();
    this.build(smallHistogram, small, gradients, hessians);
    if (largeMay) {
      subtractHistogram(parentHistogram, smallHistogram);
      this.evaluate(large, parentHistogram, open);
    } else {
      this.pool.push(parentHistogram);
    }
    if (smallMay) this.evaluate(small, smallHistogram, open);
    else this.pool.push(smallHistogram);
  }

  /** Stable in-place partition of rows[lo, hi) by the split; returns where the right side starts. */
  private partition(lo: number, hi: number, feature: number, bin: number, missingLeft: boolean): number {
    const { rows, scratch } = this;
    const { codes, cols, bins } = this.binned;
    const missing = bins[feature] as number;
    let l = lo;
    let r = 0;
    for (let i = lo; i < hi; i++) {
      const row = rows[i] as number;
      const code = codes[row * cols + feature] as number;
      const goLeft = code === missing ? missingLeft : code <= bin;
      if (goLeft) rows[l++] = row;
      else scratch[r++] = row;
    }
    rows.set(scratch.subarray(0, r), l);
    return l;
  }

  private build(
    histogram: Float64Array,
    node: number,
    gradients: Float64Array,
    hessians: Float64Array,
  ): void {
    buildHistogram(
      histogram,
      this.binned,
      this.layout,
      this.rows,
      this.lo[node] as number,
      this.hi[node] as number,
      gradients,
      hessians,
    );
  }

  private takeHistogram(): Float64Array {
    return this.pool.pop() ?? new Float64Array(3 * this.layout.slots);
  }

  private releaseHistogram(node: number): void {
    const histogram = this.histograms[node];
    if (histogram) this.pool.push(histogram);
    this.histograms[node] = undefined;
  }

  private toTree(): GrownTree {
    const n = this.nodes;
    const { learningRate, l2 } = this.options;
    const threshold = new Float64Array(n);
    const value = new Float64Array(n);
    for (let node = 0; node < n; node++) {
      const f = this.feature[node] as number;
      if (f >= 0) {
        const edges = this.edges[f] as Float64Array;
        const b = this.bin[node] as number;
        threshold[node] = b < edges.length ? (edges[b] as number) : Number.POSITIVE_INFINITY;
      }
      const totals = this.totals[node] as NodeTotals;
      // The epsilon keeps a zero-hessian node (all weights zero) at 0 instead of NaN.
      value[node] = (-learningRate * totals.gradient) / (totals.hessian + l2 + 1e-15);
    }
    return {
      tree: {
        feature: this.feature.slice(0, n),
        threshold,
        missingLeft: this.missingLeft.slice(0, n),
        left: this.left.slice(0, n),
        right: this.right.slice(0, n),
        value,
      },
      gain: this.gain.slice(0, n),
    };
  }
}
