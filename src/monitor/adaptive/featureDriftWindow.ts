import type { FeatureBaseline } from './featureBaselines.js';
import { populationStabilityIndex } from './populationStabilityIndex.js';

export interface FeatureDriftWindowOptions {
  /** Scored rows the window spans: the drift detector's window, so both describe the same traffic. */
  window: number;
  /**
   * Every this many rows one is sampled. By default about 1,000 rows per window are kept (every 10th of
   * a 10,000-score window, every row of a 1,000-score one): enough that a stable feature reads a PSI
   * near 0.01, not the 0.1 that sampling noise alone gives with 100 rows.
   */
  sampleEvery?: number;
}

/**
 * Per-feature PSI of recent traffic against the training rows, cheap enough to run beside scoring.
 * Every Kth row is binned (each feature against its training deciles, see FeatureBaseline) into a ring
 * of bin indices with running per-bin counts, so a sampled row costs a few comparisons per feature and
 * the others cost one counter; nothing is allocated until psi() is asked for.
 */
export class FeatureDriftWindow {
  readonly capacity: number;
  readonly sampleEvery: number;
  private baselines: readonly FeatureBaseline[] | undefined;
  private offsets = new Int32Array(0);
  private counts = new Float64Array(0);
  private ring = new Uint8Array(0);
  private filled = 0;
  private next = 0;
  private skipped = 0;

  constructor(options: FeatureDriftWindowOptions) {
    const sampleEvery = options.sampleEvery ?? Math.max(1, Math.round(options.window / 1_000));
    for (const [name, value] of [
      ['window', options.window],
      ['sampleEvery', sampleEvery],
    ] as const) {
      if (!Number.isInteger(value) || value < 1) {
        throw new RangeError(`feature drift ${name} must be a positive integer, got ${value}`);
      }
    }
    this.sampleEvery = sampleEvery;
    this.capacity = Math.ceil(options.window / sampleEvery);
  }

  /** Starts over against a new model's training rows; undefined (a model without them) turns it off. */
  setBaseline(baselines: readonly FeatureBaseline[] | undefined): void {
    this.baselines = baselines;
    const cols = baselines?.length ?? 0;
    this.offsets = new Int32Array(cols + 1);
    baselines?.forEach((baseline, j) => {
      const bins = baseline.proportions.length;
      if (bins > 255) throw new RangeError('a feature baseline may have at most 255 bins');
      this.offsets[j + 1] = (this.offsets[j] as number) + bins;
    });
    this.counts = new Float64Array(this.offsets[cols] as number);
    this.ring = new Uint8Array(this.capacity * cols);
    this.filled = 0;
    this.next = 0;
    this.skipped = 0;
  }

  /** Rows in the window now. */
  get sampled(): number {
    return this.filled;
  }

  /** Folds one scored row in (every sampleEvery-th is kept); allocates nothing. */
  observe(row: Float64Array): void {
    const baselines = this.baselines;
    if (!baselines || ++this.skipped < this.sampleEvery) return;
    this.skipped = 0;
    const cols = baselines.length;
    if (row.length !== cols) {
      throw new RangeError(`feature drift expects rows of ${cols} features, got ${row.length}`);
    }
    const { counts, offsets, ring } = this;
    const slot = this.next * cols;
    const full = this.filled === this.capacity;
    for (let j = 0; j < cols; j++) {
      const offset = offsets[j] as number;
      if (full) {
        const old = offset + (ring[slot + j] as number);
        counts[old] = (counts[old] as number) - 1;
      }
      // featureBinOf, spelled out so the value is not boxed into a call.
      const edges = (baselines[j] as FeatureBaseline).edges;
      const value = row[j] as number;
      let i = 0;
      while (i < edges.length && (edges[i] as number) < value) i++;
      const bin = 2 * i + (i < edges.length && edges[i] === value ? 1 : 0);
      ring[slot + j] = bin;
      counts[offset + bin] = (counts[offset + bin] as number) + 1;
    }
    if (!full) this.filled++;
    this.next = this.next + 1 === this.capacity ? 0 : this.next + 1;
  }

  /** Each feature's PSI over the window, in feature order; undefined without a baseline or a sampled row. */
  psi(): Float64Array | undefined {
    const baselines = this.baselines;
    if (!baselines || this.filled === 0) return undefined;
    return Float64Array.from(baselines, (baseline, j) =>
      populationStabilityIndex(
        baseline.proportions,
        this.counts.subarray(this.offsets[j] as number, this.offsets[j + 1] as number),
      ),
    );
  }
}
