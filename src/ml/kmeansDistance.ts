import type { Matrix } from './matrix.js';
import { type AnomalyDetector, checkSaved, type SavedModel, savedNumbers } from './model.js';
import { type Random, seededRandom } from './random.js';

export interface KMeansDistanceParams {
  /** Clusters; default 8, capped at the number of fitted rows. */
  k?: number;
  /** Lloyd iterations at most; default 100. Fitting stops earlier once no assignment changes. */
  maxIter?: number;
  /** Seed for k-means++ initialisation; the same seed and data give the identical model. */
  seed?: number;
  /** k-means++ starts; the one with the lowest within-cluster sum of squares is kept. Default 10. */
  restarts?: number;
}

interface KMeansState {
  k: number;
  cols: number;
  /** k x cols, row-major. */
  centroids: number[];
  /** Per-column mean at fit, substituted for NaN. */
  fillValues: number[];
  /** Lloyd iterations actually run (diagnostic). */
  iterations: number;
  /** 1 for clusters large enough to count as normal behaviour, 0 for tiny ones (see class comment). */
  large: number[];
}

/** KMeansState held as typed arrays for the scoring loop. */
interface Fitted {
  k: number;
  cols: number;
  centroids: Float64Array;
  fillValues: Float64Array;
  iterations: number;
  large: Uint8Array;
}

/**
 * Distance to the nearest k-means centroid as an anomaly score: normal behaviour forms a few dense
 * modes, and a row far from all of them is unusual. Unlike HBOS it sees interactions between
 * features, but it is scale-sensitive (Euclidean), so scale features first (RobustScaler, and
 * LogScaler for amounts).
 *
 * NaN handling: NaN is replaced by that column's mean at fit (stored with the model), during fit and
 * scoring alike, so a missing value neither pulls nor pushes a row. A column with no values at fit
 * is filled with 0.
 *
 * Tiny clusters do not count as normal behaviour: k-means++ seeds centroids on far-away points, so
 * an isolated outlier would otherwise become its own centroid and score 0. As in CBLOF (He et al.
 * 2003), clusters holding fewer than 1% of the rows (at least 2) are left out when scoring, so their
 * members are measured against the nearest large cluster.
 *
 * Empty clusters during Lloyd iterations keep their previous centroid: with k-means++ seeding they
 * are rare, and keeping the centroid is deterministic where re-seeding would need more randomness.
 */
export class KMeansDistance implements AnomalyDetector {
  readonly kind = 'kmeans-distance';
  private readonly k: number;
  private readonly maxIter: number;
  private readonly seed: number;
  private readonly restarts: number;
  private state: Fitted | undefined;

  constructor(params: KMeansDistanceParams = {}) {
    const { k = 8, maxIter = 100, seed = 1, restarts = 10 } = params;
    if (!Number.isInteger(restarts) || restarts < 1) {
      throw new RangeError(`kmeans restarts must be a positive integer, got ${restarts}`);
    }
    this.restarts = restarts;
    if (!Number.isInteger(k) || k < 1) throw new RangeError(`kmeans k must be a positive integer, got ${k}`);
    if (!Number.isInteger(maxIter) || maxIter < 1) {
      throw new RangeError(`kmeans maxIter must be a positive integer, got ${maxIter}`);
    }
    if (!Number.isInteger(seed)) throw new RangeError(`kmeans seed must be an integer, got ${seed}`);
    this.k = k;
    this.maxIter = maxIter;
    this.seed = seed;
  }

  /** The fitted centroids as a k x cols matrix (a copy). */
  centroids(): Matrix {
    const s = this.fitted();
    return { rows: s.k, cols: s.cols, data: Float64Array.from(s.centroids) };
  }

  fit(x: Matrix): void {
    if (x.rows === 0) throw new RangeError('kmeans cannot fit on 0 rows');
    const { rows, cols } = x;
    const fillValues = columnMeans(x);
    // One imputed copy: Lloyd reads every row many times, so filling NaN once is cheaper than per read.
    const data = Float64Array.from(x.data);
    for (let i = 0, p = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++, p++)
        if (Number.isNaN(data[p] as number)) data[p] = fillValues[j] as number;
    }

    const k = Math.min(this.k, rows);
    // Several k-means++ starts, keeping the tightest (lowest inertia): one start's centroids depend
    // a lot on which far points seeded it, and so did the scores (as scikit-learn's n_init does).
    const random = seededRandom(this.seed);
    let best: LloydResult | undefined;
    for (let r = 0; r < this.restarts; r++) {
      const result = lloyd(data, rows, cols, k, random, this.maxIter);
      if (!best || result.inertia < best.inertia) best = result;
    }
    const { centroids, iterations } = best as LloydResult;
    const sizes = new Float64Array(k);
    for (let i = 0; i < rows; i++) {
      const c = nearest(data, i * cols, centroids, k, cols);
      sizes[c] = (sizes[c] as number) + 1;
    }
    const minSize = Math.max(2, Math.ceil(rows * 0.01));
    const large = Uint8Array.from(sizes, (n) => (n >= minSize ? 1 : 0));
    if (large.every((l) => l === 0)) large.fill(1);
    this.state = { k, cols, centroids, fillValues, iterations, large };
  }

  score(x: Matrix): Float64Array {
    const s = this.fitted();
    const { cols } = s;
    if (x.cols !== cols) throw new RangeError(`kmeans was fitted on ${cols} columns, got ${x.cols}`);
    const out = new Float64Array(x.rows);
    for (let i = 0; i < x.rows; i++) out[i] = distanceToLarge(s, x.data, i * cols);
    return out;
  }

  scoreRow(row: Float64Array): number {
    const s = this.fitted();
    if (row.length !== s.cols)
      throw new RangeError(`kmeans was fitted on ${s.cols} columns, got ${row.length}`);
    return distanceToLarge(s, row, 0);
  }

  save(): SavedModel<KMeansState> {
    const s = this.fitted();
    return {
      format: 'argus-model',
      kind: this.kind,
      version: 2,
      params: { k: this.k, maxIter: this.maxIter, seed: this.seed, restarts: this.restarts },
      state: {
        k: s.k,
        cols: s.cols,
        centroids: Array.from(s.centroids),
        fillValues: Array.from(s.fillValues),
        iterations: s.iterations,
        large: Array.from(s.large),
      },
    };
  }

  static load(saved: unknown): KMeansDistance {
    const { params, state } = checkSaved(saved, 'kmeans-distance', 2);
    const p = (params ?? {}) as Record<string, unknown>;
    const model = new KMeansDistance({
      k: typeof p.k === 'number' ? p.k : undefined,
      maxIter: typeof p.maxIter === 'number' ? p.maxIter : undefined,
      seed: typeof p.seed === 'number' ? p.seed : undefined,
      restarts: typeof p.restarts === 'number' ? p.restarts : undefined,
    });
    const st = (state ?? {}) as Partial<KMeansState>;
    const { k, cols, iterations } = st;
    if (!isCount(k) || k < 1 || !isCount(cols) || !isCount(iterations)) {
      throw new Error('saved kmeans-distance model has an invalid k, cols or iterations');
    }
    model.state = {
      k,
      cols,
      centroids: savedNumbers(st.centroids, 'centroids', k * cols),
      fillValues: savedNumbers(st.fillValues, 'fillValues', cols),
      iterations,
      large: Uint8Array.from(savedNumbers(st.large, 'large', k)),
    };
    return model;
  }

  private fitted(): Fitted {
    if (!this.state) throw new Error('kmeans-distance is not fitted');
    return this.state;
  }
}

/**
 * Distance from the row at data[offset] to the nearest large centroid, NaN filled on the fly, so
 * scoring allocates nothing per row. score and scoreRow share it.
 */
function distanceToLarge(s: Fitted, data: Float64Array, offset: number): number {
  const { k, cols, centroids, fillValues, large } = s;
  let best = Number.POSITIVE_INFINITY;
  for (let c = 0; c < k; c++) {
    if (large[c] === 0) continue;
    let d2 = 0;
    for (let j = 0; j < cols; j++) {
      let v = data[offset + j] as number;
      if (Number.isNaN(v)) v = fillValues[j] as number;
      const diff = v - (centroids[c * cols + j] as number);
      d2 += diff * diff;
      if (d2 >= best) break; // cannot beat the best centroid so far
    }
    if (d2 < best) best = d2;
  }
  return Math.sqrt(best);
}

/** Mean of each column over its non-NaN values; 0 for a column with none. */
function columnMeans(x: Matrix): Float64Array {
  const sum = new Float64Array(x.cols);
  const count = new Float64Array(x.cols);
  for (let i = 0, p = 0; i < x.rows; i++) {
    for (let j = 0; j < x.cols; j++, p++) {
      const v = x.data[p] as number;
      if (Number.isNaN(v)) continue;
      sum[j] = (sum[j] as number) + v;
      count[j] = (count[j] as number) + 1;
    }
  }
  for (let j = 0; j < x.cols; j++) sum[j] = count[j] ? (sum[j] as number) / (count[j] as number) : 0;
  return sum;
}

/**
 * Index of the centroid nearest the row starting at data[offset]. Ties go to the lowest index, which
 * keeps fitting deterministic.
 */
function nearest(
  data: Float64Array,
  offset: number,
  centroids: Float64Array,
  k: number,
  cols: number,
): number {
  let best = Number.POSITIVE_INFINITY;
  let index = 0;
  for (let c = 0; c < k; c++) {
    let d2 = 0;
    for (let j = 0; j < cols; j++) {
      const diff = (data[offset + j] as number) - (centroids[c * cols + j] as number);
      d2 += diff * diff;
    }
    if (d2 < best) {
      best = d2;
      index = c;
    }
  }
  return index;
}

/**
 * k-means++ seeding (Arthur & Vassilvitskii, 2007): each next centre is a row drawn with probability
 * proportional to its squared distance to the nearest centre so far, which spreads the centres over
 * the modes and makes Lloyd converge fast and rarely to a poor local optimum. When every remaining
 * distance is 0 (fewer distinct rows than k), it falls back to a uniform draw: duplicate centroids
 * are harmless for scoring.
 */
function initPlusPlus(
  data: Float64Array,
  rows: number,
  cols: number,
  k: number,
  random: Random,
): Float64Array {
  const centroids = new Float64Array(k * cols);
  const d2 = new Float64Array(rows).fill(Number.POSITIVE_INFINITY);
  let pick = random.int(rows);
  for (let c = 0; c < k; c++) {
    centroids.set(data.subarray(pick * cols, (pick + 1) * cols), c * cols);
    if (c === k - 1) break;
    let total = 0;
    for (let i = 0; i < rows; i++) {
      let d = 0;
      for (let j = 0; j < cols; j++) {
        const diff = (data[i * cols + j] as number) - (centroids[c * cols + j] as number);
        d += diff * diff;
      }
      if (d < (d2[i] as number)) d2[i] = d;
      total += d2[i] as number;
    }
    if (!(total > 0) || !Number.isFinite(total)) {
      pick = random.int(rows);
      continue;
    }
    let target = random.next() * total;
    pick = -1;
    let lastPositive = 0;
    for (let i = 0; i < rows; i++) {
      const w = d2[i] as number;
      if (w > 0) lastPositive = i;
      target -= w;
      if (target < 0) {
        pick = i;
        break;
      }
    }
    // Rounding can leave target a hair above the cumulative sum; never fall back onto a chosen row.
    if (pick < 0) pick = lastPositive;
  }
  return centroids;
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}

interface LloydResult {
  centroids: Float64Array;
  iterations: number;
  /** Sum of squared distances of rows to their centroid. */
  inertia: number;
}

/** One k-means++ start followed by Lloyd iterations until no assignment changes. */
function lloyd(
  data: Float64Array,
  rows: number,
  cols: number,
  k: number,
  random: Random,
  maxIter: number,
): LloydResult {
  const centroids = initPlusPlus(data, rows, cols, k, random);
  const assignment = new Int32Array(rows).fill(-1);
  const sums = new Float64Array(k * cols);
  const counts = new Float64Array(k);
  let iterations = 0;
  while (iterations < maxIter) {
    iterations++;
    let changed = false;
    for (let i = 0; i < rows; i++) {
      const c = nearest(data, i * cols, centroids, k, cols);
      if (c !== assignment[i]) {
        assignment[i] = c;
        changed = true;
      }
    }
    if (!changed) break;
    sums.fill(0);
    counts.fill(0);
    for (let i = 0; i < rows; i++) {
      const c = assignment[i] as number;
      counts[c] = (counts[c] as number) + 1;
      for (let j = 0; j < cols; j++)
        sums[c * cols + j] = (sums[c * cols + j] as number) + (data[i * cols + j] as number);
    }
    for (let c = 0; c < k; c++) {
      const n = counts[c] as number;
      if (n === 0) continue; // empty cluster keeps its centroid (see class comment)
      for (let j = 0; j < cols; j++) centroids[c * cols + j] = (sums[c * cols + j] as number) / n;
    }
  }
  let inertia = 0;
  for (let i = 0; i < rows; i++) {
    const c = nearest(data, i * cols, centroids, k, cols);
    for (let j = 0; j < cols; j++) {
      const d = (data[i * cols + j] as number) - (centroids[c * cols + j] as number);
      inertia += d * d;
    }
  }
  return { centroids, iterations, inertia };
}
