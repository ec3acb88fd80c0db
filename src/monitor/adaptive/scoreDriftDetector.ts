import { quantileSorted } from '../../ml/scalers.js';
import { type PsiLevel, populationStabilityIndex, psiLevel } from './populationStabilityIndex.js';

/**
 * Where the training scores fell: bin edges (ascending) and each bin's share of the training scores.
 * Bin i holds the scores s with edges[i - 1] <= s < edges[i]; there is one more bin than edges.
 */
export interface DriftBaseline {
  edges: Float64Array;
  proportions: Float64Array;
  /**
   * Share of the training scores in each of SCORE_HISTOGRAM_BINS equal bins of [0, 1], for charts;
   * absent from baselines saved before it was kept.
   */
  histogram?: Float64Array;
}

export interface DriftReport {
  psi: number;
  level: PsiLevel;
  /** Share of the training scores in each bin. */
  baselineBins: Float64Array;
  /** Share of the recent scores in each bin. */
  currentBins: Float64Array;
  edges: Float64Array;
  /** How many recent scores currentBins was measured on. */
  window: number;
  /** Scores observed since the baseline was set. */
  observed: number;
  /** Share of the recent scores in each of SCORE_HISTOGRAM_BINS equal bins of [0, 1]. */
  histogram: Float64Array;
  /** The training scores' shares in the same bins, when the baseline has them. */
  baselineHistogram?: Float64Array;
}

export interface ScoreDriftOptions {
  /** The drift callback; the engine turns it into an alert (area 'monitor', detector 'monitor.drift'). */
  onDrift: (report: DriftReport) => void;
  /** Recent scores compared with the baseline (W). */
  window?: number;
  /** PSI is computed every this many scores (K), once the window is full. */
  checkEvery?: number;
  /** PSI at or above this is reported; 0.2 is the conventional "significant shift". */
  threshold?: number;
  /** Scores that must pass after a report before the next one; defaults to one whole window. */
  cooldown?: number;
  /**
   * Every check, drifted or not, before onDrift hears of a drifted one (model-health recording).
   * `drifted` says whether this check is reported to onDrift.
   */
  onCheck?: (report: DriftReport, drifted: boolean) => void;
}

const DECILES = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

/**
 * Equal bins of [0, 1] the window's scores are also counted in: the calibrated score's own scale, so a
 * chart reads "how much traffic scores above 0.95" rather than "above the training's 9th decile".
 */
export const SCORE_HISTOGRAM_BINS = 20;

/** The histogram bin of a score on [0, 1]; anything outside goes to the end bins. */
export function histogramBinOf(score: number): number {
  if (!(score > 0)) return 0;
  if (score >= 1) return SCORE_HISTOGRAM_BINS - 1;
  return Math.floor(score * SCORE_HISTOGRAM_BINS);
}

/** Index of the bin holding score: how many edges are at or below it (a handful, so a scan is fastest). */
export function binOf(edges: Float64Array, score: number): number {
  let bin = 0;
  while (bin < edges.length && (edges[bin] as number) <= score) bin++;
  return bin;
}

/** Decile edges of the scores and the share of them in each bin (not exactly 10% when scores tie). */
export function decileBaseline(scores: ArrayLike<number>): DriftBaseline {
  const finite = Float64Array.from(scores).filter((s) => Number.isFinite(s));
  if (finite.length === 0) throw new RangeError('a drift baseline needs at least one finite score');
  finite.sort();
  const edges = Float64Array.from(DECILES, (q) => quantileSorted(finite, q));
  const proportions = new Float64Array(edges.length + 1);
  for (const s of finite) {
    const bin = binOf(edges, s);
    proportions[bin] = (proportions[bin] as number) + 1;
  }
  for (let i = 0; i < proportions.length; i++) proportions[i] = (proportions[i] as number) / finite.length;
  const histogram = new Float64Array(SCORE_HISTOGRAM_BINS);
  for (const s of finite) {
    const bin = histogramBinOf(s);
    histogram[bin] = (histogram[bin] as number) + 1;
  }
  for (let i = 0; i < histogram.length; i++) histogram[i] = (histogram[i] as number) / finite.length;
  return { edges, proportions, histogram };
}

function positiveInt(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1)
    throw new RangeError(`${name} must be a positive integer, got ${value}`);
  return value;
}

/**
 * Watches the model's scores for a shift away from the training distribution, by PSI over the
 * training deciles. A sliding window of the last W scores is kept as bin indices in a ring buffer
 * with running per-bin counts, so observing a score is O(bins) and allocates nothing; every K scores,
 * once the window is full, PSI is computed and a drift at or above the threshold is reported, then
 * nothing more until the cool-down has passed (one sustained shift is one alert, not one per check).
 * A second ring counts the same window over equal bins of [0, 1] for charts (one byte per score).
 *
 * Scores are compared on the scale the baseline was built on: with MonitorModel that is the
 * calibrated score, so the baseline is close to 10% per decile and PSI reads "has traffic moved
 * within the model's view of normal".
 */
export class ScoreDriftDetector {
  readonly window: number;
  readonly checkEvery: number;
  readonly threshold: number;
  readonly cooldown: number;
  private readonly onDrift: (report: DriftReport) => void;
  private readonly onCheck: ((report: DriftReport, drifted: boolean) => void) | undefined;
  private baseline: DriftBaseline | undefined;
  private counts = new Float64Array(0);
  private readonly ring: Uint8Array;
  private readonly histogramRing: Uint8Array;
  private readonly histogramCounts = new Float64Array(SCORE_HISTOGRAM_BINS);
  private filled = 0;
  private next = 0;
  private sinceCheck = 0;
  /**
   * Scores since the last report, counted only up to the cool-down (all it is compared with), and
   * kept a small integer: an Infinity "never reported" would make the field a boxed double that
   * every event rewrites.
   */
  private sinceReport = 0;
  /** Whether a report has been made since the baseline was set; before one there is no cool-down. */
  private reported = false;
  private observedCount = 0;
  private psi = Number.NaN;

  constructor(options: ScoreDriftOptions) {
    this.window = positiveInt('drift window', options.window ?? 10_000);
    this.checkEvery = positiveInt('drift checkEvery', options.checkEvery ?? 1_000);
    this.threshold = options.threshold ?? 0.2;
    if (!(this.threshold > 0))
      throw new RangeError(`drift threshold must be positive, got ${this.threshold}`);
    this.cooldown = options.cooldown ?? this.window;
    if (!(this.cooldown >= 0)) throw new RangeError(`drift cooldown must be >= 0, got ${this.cooldown}`);
    this.onDrift = options.onDrift;
    this.onCheck = options.onCheck;
    this.ring = new Uint8Array(this.window);
    this.histogramRing = new Uint8Array(this.window);
  }

  /**
   * Starts over against a new baseline (call it when a model is swapped in: scores from the old
   * model say nothing about the new one). Forgets the window and any cool-down.
   */
  setBaseline(baseline: DriftBaseline): void {
    const bins = baseline.edges.length + 1;
    if (baseline.proportions.length !== bins) {
      throw new RangeError(`a drift baseline with ${baseline.edges.length} edges needs ${bins} proportions`);
    }
    if (bins > 255) throw new RangeError('a drift baseline may have at most 255 bins');
    for (let i = 1; i < baseline.edges.length; i++) {
      if (!((baseline.edges[i] as number) >= (baseline.edges[i - 1] as number))) {
        throw new RangeError('drift baseline edges must be ascending');
      }
    }
    this.baseline = {
      edges: Float64Array.from(baseline.edges),
      proportions: Float64Array.from(baseline.proportions),
      ...(baseline.histogram?.length === SCORE_HISTOGRAM_BINS
        ? { histogram: Float64Array.from(baseline.histogram) }
        : {}),
    };
    this.counts = new Float64Array(bins);
    this.histogramCounts.fill(0);
    this.filled = 0;
    this.next = 0;
    this.sinceCheck = 0;
    this.sinceReport = 0;
    this.reported = false;
    this.observedCount = 0;
    this.psi = Number.NaN;
  }

  /** The PSI of the last check; NaN before the first one. */
  get lastPsi(): number {
    return this.psi;
  }

  /** Scores observed since the baseline was set (non-finite scores are not counted). */
  get observed(): number {
    return this.observedCount;
  }

  /** Folds one score in; the hot path, so it allocates nothing unless it reports. */
  observe(score: number): void {
    const baseline = this.baseline;
    if (!baseline || !Number.isFinite(score)) return;
    // binOf, spelled out: passing the score to a call V8 does not inline would box it.
    const edges = baseline.edges;
    let bin = 0;
    while (bin < edges.length && (edges[bin] as number) <= score) bin++;
    // histogramBinOf, spelled out for the same reason.
    const fixed =
      score > 0 ? (score >= 1 ? SCORE_HISTOGRAM_BINS - 1 : (score * SCORE_HISTOGRAM_BINS) | 0) : 0;
    const counts = this.counts;
    const histogram = this.histogramCounts;
    if (this.filled === this.window) {
      const old = this.ring[this.next] as number;
      counts[old] = (counts[old] as number) - 1;
      const oldFixed = this.histogramRing[this.next] as number;
      histogram[oldFixed] = (histogram[oldFixed] as number) - 1;
    } else {
      this.filled++;
    }
    this.ring[this.next] = bin;
    counts[bin] = (counts[bin] as number) + 1;
    this.histogramRing[this.next] = fixed;
    histogram[fixed] = (histogram[fixed] as number) + 1;
    this.next = this.next + 1 === this.window ? 0 : this.next + 1;
    this.observedCount++;
    if (this.reported && this.sinceReport < this.cooldown) this.sinceReport++;
    if (++this.sinceCheck < this.checkEvery || this.filled < this.window) return;
    this.sinceCheck = 0;
    this.psi = populationStabilityIndex(baseline.proportions, counts);
    const drifted = !(this.psi < this.threshold || (this.reported && this.sinceReport < this.cooldown));
    if (drifted) {
      this.reported = true;
      this.sinceReport = 0;
    }
    if (drifted || this.onCheck) this.report(baseline, drifted);
  }

  /**
   * Tells onCheck and, when drifted, onDrift. A method of its own because the arrow functions below
   * capture `this`: inside observe they would make V8 allocate a context on every call, checked or not.
   */
  private report(baseline: DriftBaseline, drifted: boolean): void {
    const report: DriftReport = {
      psi: this.psi,
      level: psiLevel(this.psi),
      baselineBins: Float64Array.from(baseline.proportions),
      currentBins: Float64Array.from(this.counts, (c) => c / this.filled),
      edges: Float64Array.from(baseline.edges),
      window: this.filled,
      observed: this.observedCount,
      histogram: Float64Array.from(this.histogramCounts, (c) => c / this.filled),
      ...(baseline.histogram ? { baselineHistogram: Float64Array.from(baseline.histogram) } : {}),
    };
    this.onCheck?.(report, drifted);
    if (drifted) this.onDrift(report);
  }
}
