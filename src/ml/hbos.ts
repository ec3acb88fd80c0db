import type { Matrix } from './matrix.js';
import { type AnomalyDetector, checkSaved, type SavedModel, savedNumbers } from './model.js';
import { quantileSorted } from './scalers.js';

export interface HbosParams {
  /** Equal-width bins per feature; default round(sqrt(rows)) at fit, at least 1. */
  bins?: number;
}

interface HbosState {
  bins: number;
  min: number[];
  max: number[];
  /** cols x bins, row-major: log(1 / height) of each bin, precomputed so scoring is a lookup. */
  cost: number[];
  /** Cost of a value outside [min, max] (or of any value in a bin left empty at fit). */
  outsideCost: number[];
  /** Cost charged for NaN: the median per-sample cost of the feature at fit. */
  nanCost: number[];
}

/** HbosState held as typed arrays for the scoring loop. */
interface Fitted {
  bins: number;
  min: Float64Array;
  max: Float64Array;
  cost: Float64Array;
  outsideCost: Float64Array;
  nanCost: Float64Array;
}

/**
 * Histogram-based Outlier Score (Goldstein & Dengel, 2012), static-bin variant.
 *
 * Each feature gets its own equal-width histogram over its fitted [min, max], normalised so the
 * tallest bin has height 1; a row's score is the sum over features of log(1 / height of its bin),
 * i.e. the negative log of a naive (feature-independent) density estimate. It is linear in rows and
 * features, which is why it suits per-transaction scoring, at the price of ignoring interactions
 * between features (use KMeansDistance or an isolation forest for those).
 *
 * Choices the paper leaves open:
 * - Empty bins and values outside the fitted range get height 0.5 / (tallest bin count), i.e. "half a
 *   sample". A fixed epsilon would, on large fits, be taller than a genuine one-sample bin and so
 *   rank a never-seen value as less anomalous than a rare one; half a sample is always rarer.
 * - NaN costs the median per-sample cost of that feature at fit: a missing value is neither evidence
 *   of normality (cost 0) nor of anomaly (outside cost), so it counts as a typical value would.
 * - +-Infinity at fit is left out of the histogram (it would make every bin infinitely wide) and at
 *   score time it is simply outside the range.
 * - A feature that had no finite values at fit contributes 0 for everything: it carries no evidence.
 *
 * Scale does not matter per feature (bins follow each feature's range), but heavy tails squeeze the
 * bulk of the data into one bin; apply LogScaler to amounts first.
 */
export class Hbos implements AnomalyDetector {
  readonly kind = 'hbos';
  private readonly requestedBins: number | undefined;
  private state: Fitted | undefined;

  constructor(params: HbosParams = {}) {
    if (params.bins !== undefined && !(Number.isInteger(params.bins) && params.bins >= 1)) {
      throw new RangeError(`hbos bins must be a positive integer, got ${params.bins}`);
    }
    this.requestedBins = params.bins;
  }

  fit(x: Matrix): void {
    if (x.rows === 0) throw new RangeError('hbos cannot fit on 0 rows');
    const bins = this.requestedBins ?? Math.max(1, Math.round(Math.sqrt(x.rows)));
    const { cols, rows, data } = x;
    const min = new Float64Array(cols);
    const max = new Float64Array(cols);
    const cost = new Float64Array(cols * bins);
    const outsideCost = new Float64Array(cols);
    const nanCost = new Float64Array(cols);
    const counts = new Float64Array(bins);
    const sampleCosts = new Float64Array(rows);

    for (let j = 0; j < cols; j++) {
      let lo = Number.POSITIVE_INFINITY;
      let hi = Number.NEGATIVE_INFINITY;
      for (let i = 0; i < rows; i++) {
        const v = data[i * cols + j] as number;
        if (Number.isFinite(v)) {
          if (v < lo) lo = v;
          if (v > hi) hi = v;
        }
      }
      // No finite values: min = max = 0 with every cost 0 makes the feature contribute nothing.
      if (lo > hi) continue;
      min[j] = lo;
      max[j] = hi;

      counts.fill(0);
      for (let i = 0; i < rows; i++) {
        const v = data[i * cols + j] as number;
        if (Number.isFinite(v)) {
          const b = binOf(v, lo, hi, bins);
          counts[b] = (counts[b] as number) + 1;
        }
      }
      let tallest = 0;
      for (let b = 0; b < bins; b++) if ((counts[b] as number) > tallest) tallest = counts[b] as number;
      // log(1 / height) with height = count / tallest, and the half-sample floor for empty bins.
      const emptyCost = Math.log(2 * tallest);
      for (let b = 0; b < bins; b++) {
        const c = counts[b] as number;
        cost[j * bins + b] = c > 0 ? Math.log(tallest / c) : emptyCost;
      }
      outsideCost[j] = emptyCost;

      let n = 0;
      for (let i = 0; i < rows; i++) {
        const v = data[i * cols + j] as number;
        if (Number.isNaN(v)) continue;
        sampleCosts[n++] = Number.isFinite(v)
          ? (cost[j * bins + binOf(v, lo, hi, bins)] as number)
          : emptyCost;
      }
      nanCost[j] = quantileSorted(sampleCosts.subarray(0, n).sort(), 0.5);
    }
    this.state = { bins, min, max, cost, outsideCost, nanCost };
  }

  score(x: Matrix): Float64Array {
    const s = this.fitted();
    if (x.cols !== s.min.length) {
      throw new RangeError(`hbos was fitted on ${s.min.length} columns, got ${x.cols}`);
    }
    const out = new Float64Array(x.rows);
    for (let i = 0; i < x.rows; i++) out[i] = rowCost(s, x.data, i * x.cols);
    return out;
  }

  scoreRow(row: Float64Array): number {
    const s = this.fitted();
    if (row.length !== s.min.length) {
      throw new RangeError(`hbos was fitted on ${s.min.length} columns, got ${row.length}`);
    }
    return rowCost(s, row, 0);
  }

  save(): SavedModel<HbosState> {
    const s = this.fitted();
    return {
      format: 'argus-model',
      kind: this.kind,
      version: 1,
      params: { bins: this.requestedBins ?? null },
      state: {
        bins: s.bins,
        min: Array.from(s.min),
        max: Array.from(s.max),
        cost: Array.from(s.cost),
        outsideCost: Array.from(s.outsideCost),
        nanCost: Array.from(s.nanCost),
      },
    };
  }

  static load(saved: unknown): Hbos {
    const { params, state } = checkSaved(saved, 'hbos', 1);
    const st = (state ?? {}) as Partial<HbosState>;
    const requested = params?.bins;
    const model = new Hbos(typeof requested === 'number' ? { bins: requested } : {});
    const bins = st.bins;
    if (typeof bins !== 'number' || !Number.isInteger(bins) || bins < 1) {
      throw new Error('saved hbos model has no valid bin count');
    }
    const min = savedNumbers(st.min, 'min');
    const cols = min.length;
    model.state = {
      bins,
      min,
      max: savedNumbers(st.max, 'max', cols),
      cost: savedNumbers(st.cost, 'cost', cols * bins),
      outsideCost: savedNumbers(st.outsideCost, 'outsideCost', cols),
      nanCost: savedNumbers(st.nanCost, 'nanCost', cols),
    };
    return model;
  }

  private fitted(): Fitted {
    if (!this.state) throw new Error('hbos is not fitted');
    return this.state;
  }
}

/** Summed cost of the row starting at data[offset]: the one formula score and scoreRow share. */
function rowCost(s: Fitted, data: Float64Array, offset: number): number {
  const { bins, min, max, cost, outsideCost, nanCost } = s;
  const cols = min.length;
  let total = 0;
  for (let j = 0; j < cols; j++) {
    const v = data[offset + j] as number;
    const lo = min[j] as number;
    const hi = max[j] as number;
    if (Number.isNaN(v)) total += nanCost[j] as number;
    else if (v < lo || v > hi) total += outsideCost[j] as number;
    else total += cost[j * bins + binOf(v, lo, hi, bins)] as number;
  }
  return total;
}

/**
 * Bin index of v, assumed within [lo, hi]. The top edge belongs to the last bin (floor would give
 * `bins`), and a constant feature (lo === hi) has everything in bin 0. Fit and score share this one
 * formula so a training value always lands in the bin it was counted in.
 */
function binOf(v: number, lo: number, hi: number, bins: number): number {
  if (hi === lo) return 0;
  const b = Math.floor(((v - lo) / (hi - lo)) * bins);
  return b < 0 ? 0 : b >= bins ? bins - 1 : b;
}
