import { checkCounts } from './burstSeries.js';

/**
 * Burst detection by an EWMA z-score, one bucket at a time: each closed bucket's count is compared
 * with the exponentially weighted mean and variance of the buckets before it, so an alert can fire the
 * bucket a burst begins (or, with startThreshold, at the document that takes the open bucket over).
 *
 * The variance is floored at the mean because a count's spread is at least Poisson: a long run of equal
 * counts would otherwise leave a variance near 0 and make the next small wobble look enormous. The
 * minimum count keeps one or two mentions after a silence from being called a burst. A burst, once
 * started, lasts while the z-score stays at or above exitZ (hysteresis), with the baseline still
 * learning: a lasting new level becomes the baseline rather than an endless burst.
 */
export interface EwmaOptions {
  /** Weight of the newest bucket in the mean and variance, in (0, 1]. */
  alpha?: number;
  /** z at or above which a bucket starts a burst. */
  threshold?: number;
  /** Fewest documents in a bucket that can start a burst. */
  minCount?: number;
  /** A burst goes on while z stays at or above this. */
  exitZ?: number;
  /** Buckets seen before a burst can start: the baseline needs some history. */
  warmup?: number;
  /** Floor of the variance besides the mean, so that a zero baseline gives a finite z. */
  minVariance?: number;
}

const DEFAULTS: Required<EwmaOptions> = {
  alpha: 0.1,
  threshold: 3,
  minCount: 3,
  exitZ: 1,
  warmup: 4,
  minVariance: 0.1,
};

export interface EwmaStep {
  count: number;
  /** Baseline mean and standard deviation before this bucket (floored as described above). */
  mean: number;
  sd: number;
  /** (count - mean) / sd; NaN during the first bucket, which has no baseline. */
  z: number;
  /** This bucket starts a burst. */
  started: boolean;
  /** This bucket is part of a burst (the starting one included). */
  inBurst: boolean;
}

export class EwmaBurstDetector {
  private readonly options: Required<EwmaOptions>;
  private mean = 0;
  private variance = 0;
  private seen = 0;
  private burst = false;

  constructor(options: EwmaOptions = {}) {
    this.options = { ...DEFAULTS, ...options };
    const { alpha, threshold, exitZ, warmup } = this.options;
    if (!(alpha > 0 && alpha <= 1)) throw new RangeError(`EwmaBurstDetector: alpha must be in (0, 1]`);
    if (!(exitZ <= threshold)) throw new RangeError('EwmaBurstDetector: exitZ must not exceed threshold');
    if (!(warmup >= 1)) throw new RangeError('EwmaBurstDetector: warmup must be >= 1');
  }

  /** The baseline standard deviation: the EWMA variance, floored at the mean and at minVariance. */
  private sd(): number {
    return Math.sqrt(Math.max(this.variance, this.mean, this.options.minVariance));
  }

  /**
   * The smallest count that would start a burst in the bucket now open (Infinity while warming up or
   * already in a burst): a stream can alert at the document that reaches it, before the bucket closes.
   */
  startThreshold(): number {
    if (this.burst || this.seen < this.options.warmup) return Number.POSITIVE_INFINITY;
    return Math.max(this.options.minCount, this.mean + this.options.threshold * this.sd());
  }

  /** Closes a bucket with this many documents. */
  update(count: number): EwmaStep {
    checkCounts('EWMA bucket count', [count]);
    const { alpha, threshold, minCount, exitZ, warmup } = this.options;
    const mean = this.mean;
    const sd = this.sd();
    const z = this.seen === 0 ? Number.NaN : (count - mean) / sd;
    let started = false;
    if (this.burst) {
      this.burst = z >= exitZ;
    } else if (this.seen >= warmup && z >= threshold && count >= minCount) {
      this.burst = true;
      started = true;
    }
    // Incremental EWMA mean and variance (Finch 2009, "Incremental calculation of weighted mean and
    // variance"), seeded with the first bucket.
    if (this.seen === 0) {
      this.mean = count;
    } else {
      const diff = count - mean;
      const increment = alpha * diff;
      this.mean = mean + increment;
      this.variance = (1 - alpha) * (this.variance + diff * increment);
    }
    this.seen++;
    return { count, mean, sd, z, started, inBurst: this.burst };
  }
}

export interface EwmaBurst {
  start: number;
  /** Last bucket of the burst (inclusive). */
  end: number;
  /** Documents in the burst. */
  count: number;
  /** The baseline mean when it started, and the z of its first bucket and its largest. */
  baseline: number;
  startZ: number;
  peakZ: number;
}

export interface EwmaResult {
  z: Float64Array;
  bursts: EwmaBurst[];
}

/** Runs the detector over a whole series: the bursts it would have raised, bucket by bucket. */
export function ewmaBursts(counts: ArrayLike<number>, options: EwmaOptions = {}): EwmaResult {
  const detector = new EwmaBurstDetector(options);
  const z = new Float64Array(counts.length);
  const bursts: EwmaBurst[] = [];
  let open: EwmaBurst | undefined;
  for (let t = 0; t < counts.length; t++) {
    const step = detector.update(counts[t] as number);
    z[t] = step.z;
    if (step.started) {
      open = { start: t, end: t, count: 0, baseline: step.mean, startZ: step.z, peakZ: step.z };
      bursts.push(open);
    }
    if (open !== undefined && step.inBurst) {
      open.end = t;
      open.count += step.count;
      open.peakZ = Math.max(open.peakZ, step.z);
    } else {
      open = undefined;
    }
  }
  return { z, bursts };
}
