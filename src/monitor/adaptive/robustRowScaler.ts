import { type Matrix, matrix } from '../../ml/matrix.js';
import { savedNumbers } from '../../ml/model.js';
import { quantileSorted } from '../../ml/scalers.js';

/** Scaled values are clamped here, so an infinite or absurd feature cannot turn a distance into NaN. */
export const SCALED_LIMIT = 1e6;
/** IQR of a standard normal: dividing by it makes the scale read as a standard deviation. */
const NORMAL_IQR = 1.3489795003921634;

export interface RobustRowScalerState {
  center: number[];
  scale: number[];
}

/**
 * The monitor model's preprocessing: (x - median) / (IQR / 1.349) per feature, NaN to 0 (the median).
 *
 * Why this and not a log or a standard scaler: the monitor's features are already log1p'd amounts and
 * counts, z-scores, shares and 0/1 flags, so another log would bend signed and bounded features for
 * nothing. What is left is putting features on one footing for detectors that measure distance
 * (k-means, one-class SVM, autoencoder); isolation forest and HBOS are invariant to it. The training
 * window holds the very bursts and outliers we want to flag, so the centre and scale must ignore
 * them: median and IQR do, mean and std do not. Dividing by IQR / 1.349 makes the unit one standard
 * deviation for normal-looking columns.
 *
 * Fallbacks: a column whose IQR is 0 (a flag set on under a quarter of rows, a share that is mostly 0)
 * uses its standard deviation, so a rare flag still counts as a few units rather than a huge or zero
 * one; a constant column uses 1. NaN (a feature the computer could not produce) maps to 0, "typical",
 * and everything is clamped to +-SCALED_LIMIT.
 */
export class RobustRowScaler {
  constructor(
    readonly center: Float64Array,
    readonly scale: Float64Array,
  ) {
    if (center.length !== scale.length) throw new RangeError('scaler centre and scale differ in length');
  }

  get cols(): number {
    return this.center.length;
  }

  static fit(x: Matrix): RobustRowScaler {
    const center = new Float64Array(x.cols);
    const scale = new Float64Array(x.cols);
    const column = new Float64Array(x.rows);
    for (let j = 0; j < x.cols; j++) {
      let n = 0;
      for (let i = 0; i < x.rows; i++) {
        const v = x.data[i * x.cols + j] as number;
        if (Number.isFinite(v)) column[n++] = v;
      }
      const sorted = column.subarray(0, n).sort();
      const median = quantileSorted(sorted, 0.5);
      const iqr = quantileSorted(sorted, 0.75) - quantileSorted(sorted, 0.25);
      center[j] = Number.isFinite(median) ? median : 0;
      scale[j] = iqr > 0 ? iqr / NORMAL_IQR : fallbackScale(sorted);
    }
    return new RobustRowScaler(center, scale);
  }

  /** Writes the scaled row into out; allocates nothing. */
  transformRow(row: Float64Array, out: Float64Array): void {
    const { center, scale } = this;
    for (let j = 0; j < center.length; j++) {
      const v = ((row[j] as number) - (center[j] as number)) / (scale[j] as number);
      if (v > SCALED_LIMIT) out[j] = SCALED_LIMIT;
      else if (v < -SCALED_LIMIT) out[j] = -SCALED_LIMIT;
      else out[j] = Number.isNaN(v) ? 0 : v;
    }
  }

  transform(x: Matrix): Matrix {
    if (x.cols !== this.cols)
      throw new RangeError(`scaler was fitted on ${this.cols} columns, got ${x.cols}`);
    const out = matrix(x.rows, x.cols);
    for (let i = 0; i < x.rows; i++) {
      this.transformRow(x.data.subarray(i * x.cols, (i + 1) * x.cols), out.data.subarray(i * x.cols));
    }
    return out;
  }

  save(): RobustRowScalerState {
    return { center: Array.from(this.center), scale: Array.from(this.scale) };
  }

  static load(state: unknown, cols: number): RobustRowScaler {
    const s = (state ?? {}) as Partial<RobustRowScalerState>;
    const center = savedNumbers(s.center, 'scaler.center', cols);
    const scale = savedNumbers(s.scale, 'scaler.scale', cols);
    if (!center.every(Number.isFinite) || !scale.every((v) => Number.isFinite(v) && v > 0)) {
      throw new Error('saved monitor-model scaler has a non-finite centre or a non-positive scale');
    }
    return new RobustRowScaler(center, scale);
  }
}

/** Population standard deviation of a finite sample, or 1 when it has no spread. */
function fallbackScale(values: Float64Array): number {
  if (values.length === 0) return 1;
  let mean = 0;
  for (const v of values) mean += v;
  mean /= values.length;
  let sq = 0;
  for (const v of values) sq += (v - mean) * (v - mean);
  const std = Math.sqrt(sq / values.length);
  return std > 0 && Number.isFinite(std) ? std : 1;
}
