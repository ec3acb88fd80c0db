import { savedNumbers } from '../../ml/model.js';
import { quantileSorted } from '../../ml/scalers.js';

export interface ScoreCalibrationState {
  levels: number[];
  values: number[];
}

/**
 * Quantile levels the calibration keeps, denser towards the top because that is where alert
 * thresholds sit: every 1% up to 90%, every 0.1% to 99%, every 0.01% to 99.9%, every 0.001% to 100%.
 * 371 points whatever the training size, so a saved model stays small.
 */
function defaultLevels(): Float64Array {
  const steps: number[] = [];
  for (let k = 0; k <= 90_000; k += 1_000) steps.push(k);
  for (let k = 90_100; k <= 99_000; k += 100) steps.push(k);
  for (let k = 99_010; k <= 99_900; k += 10) steps.push(k);
  for (let k = 99_901; k <= 100_000; k += 1) steps.push(k);
  return Float64Array.from(steps, (k) => k / 100_000);
}

/**
 * Maps a detector's raw score to the share of the training scores below it, so 0.99 means "above 99%
 * of what the model was trained on" whatever the detector's own scale. It is the empirical CDF of the
 * training scores, stored as quantiles at fixed levels and interpolated linearly between them.
 *
 * A raw score below every training score is 0 and above every one is 1. A score equal to a run of
 * tied quantiles (detectors with discrete scores, such as HBOS) gets the middle of the run, the
 * mid-rank convention, so a tie at the bottom is not called "below everything".
 */
export class ScoreCalibration {
  private constructor(
    readonly levels: Float64Array,
    readonly values: Float64Array,
  ) {}

  static fit(rawScores: ArrayLike<number>): ScoreCalibration {
    const finite = Float64Array.from(rawScores).filter((s) => !Number.isNaN(s));
    if (finite.length === 0) throw new RangeError('score calibration needs at least one score');
    finite.sort();
    const levels = defaultLevels();
    return new ScoreCalibration(
      levels,
      levels.map((q) => quantileSorted(finite, q)),
    );
  }

  /** The calibrated score of a raw score, in [0, 1]; allocates nothing. NaN stays NaN. */
  calibrate(raw: number): number {
    const { levels, values } = this;
    const n = values.length;
    if (Number.isNaN(raw)) return Number.NaN;
    // lo: first value >= raw, found without branches (Khuong & Morin's lower bound): which half a
    // score falls in is unpredictable, so a branching search mispredicts at most of its 9 steps.
    let lo = 0;
    for (let len = n; len > 1; ) {
      const half = len >>> 1;
      lo += +((values[lo + half] as number) < raw) * half;
      len -= half;
    }
    lo += +((values[lo] as number) < raw);
    let end = lo;
    if (end < n && values[end] === raw) {
      // hi: first value > raw; the middle of a run of ties (rare).
      let hi = n;
      while (end < hi) {
        const mid = (end + hi) >>> 1;
        if ((values[mid] as number) <= raw) end = mid + 1;
        else hi = mid;
      }
      return ((levels[lo] as number) + (levels[end - 1] as number)) / 2;
    }
    if (lo === 0) return 0;
    if (lo === n) return 1;
    const v0 = values[lo - 1] as number;
    const v1 = values[lo] as number;
    const l0 = levels[lo - 1] as number;
    const l1 = levels[lo] as number;
    const t = (raw - v0) / (v1 - v0);
    // An infinite neighbour (a detector that can score Infinity) leaves no room to interpolate.
    return Number.isFinite(t) ? l0 + (l1 - l0) * t : v1 === Number.POSITIVE_INFINITY ? l0 : l1;
  }

  /** The raw score at calibrated level q, the inverse of calibrate (for thresholds in raw units). */
  quantile(q: number): number {
    return interpolate(this.levels, this.values, q);
  }

  save(): ScoreCalibrationState {
    return { levels: Array.from(this.levels), values: Array.from(this.values) };
  }

  static load(state: unknown): ScoreCalibration {
    const s = (state ?? {}) as Partial<ScoreCalibrationState>;
    const levels = savedNumbers(s.levels, 'calibration.levels');
    const values = savedNumbers(s.values, 'calibration.values', levels.length);
    if (levels.length < 2) throw new Error('saved calibration needs at least two levels');
    for (let i = 0; i < levels.length; i++) {
      const level = levels[i] as number;
      if (!(level >= 0 && level <= 1)) throw new Error('saved calibration has a level outside [0, 1]');
      if (
        i > 0 &&
        !(level > (levels[i - 1] as number) && (values[i] as number) >= (values[i - 1] as number))
      ) {
        throw new Error('saved calibration is not ascending');
      }
    }
    return new ScoreCalibration(levels, values);
  }
}

/** y at x on the piecewise-linear curve through (xs, ys), xs ascending; clamped at the ends. */
function interpolate(xs: Float64Array, ys: Float64Array, x: number): number {
  const n = xs.length;
  if (!(x > (xs[0] as number))) return ys[0] as number;
  if (x >= (xs[n - 1] as number)) return ys[n - 1] as number;
  let i = 1;
  while ((xs[i] as number) < x) i++;
  const x0 = xs[i - 1] as number;
  const x1 = xs[i] as number;
  const y0 = ys[i - 1] as number;
  const y1 = ys[i] as number;
  // Equal neighbours (ties, or infinite scores) must not produce NaN.
  return y0 === y1 ? y0 : y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
}
