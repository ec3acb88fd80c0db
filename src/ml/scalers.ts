import { type Matrix, matrix } from './matrix.js';
import { checkSaved, type SavedModel, savedNumbers } from './model.js';

/**
 * Column scalers applied before a detector. They never impute: NaN in gives NaN out, because what a
 * missing value means (ignore it, impute it, cost it) is the model's decision, not the scaler's.
 */
export interface Scaler {
  readonly kind: string;
  fit(x: Matrix): void;
  /** A new matrix; x is not modified. */
  transform(x: Matrix): Matrix;
  save(): SavedModel;
}

/**
 * The q-quantile (0..1) of an ascending, NaN-free array by linear interpolation between order
 * statistics (Hyndman & Fan type 7, numpy's default), so tiny samples give intuitive values.
 * NaN for an empty array.
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const pos = (n - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, n - 1);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  // a + (b - a) * 0 would turn an infinite a into NaN; return the order statistic itself when exact.
  return pos === lo ? a : a + (b - a) * (pos - lo);
}

/** The non-NaN values of column j, ascending. */
function sortedColumn(x: Matrix, j: number): Float64Array {
  const out = new Float64Array(x.rows);
  let n = 0;
  for (let i = 0; i < x.rows; i++) {
    const v = x.data[i * x.cols + j] as number;
    if (!Number.isNaN(v)) out[n++] = v;
  }
  // Float64Array.sort is numeric (not lexicographic) and the NaNs are already gone.
  return out.subarray(0, n).sort();
}

/** (x - center) / scale per column: the shared shape of the robust and standard scalers. */
function affine(kind: string, x: Matrix, center: Float64Array | undefined, scale: Float64Array): Matrix {
  if (!center) throw new Error(`${kind} is not fitted`);
  if (x.cols !== center.length) {
    throw new RangeError(`${kind} was fitted on ${center.length} columns, got ${x.cols}`);
  }
  const out = matrix(x.rows, x.cols);
  const src = x.data;
  const dst = out.data;
  for (let i = 0, k = 0; i < x.rows; i++) {
    for (let j = 0; j < x.cols; j++, k++) {
      dst[k] = ((src[k] as number) - (center[j] as number)) / (scale[j] as number);
    }
  }
  return out;
}

interface AffineState {
  center: number[];
  scale: number[];
}

function loadAffine(saved: unknown, kind: string): { center: Float64Array; scale: Float64Array } {
  const state = checkSaved(saved, kind, 1).state as Partial<AffineState>;
  const center = savedNumbers(state?.center, 'center');
  const scale = savedNumbers(state?.scale, 'scale');
  if (center.length !== scale.length) throw new Error(`saved ${kind} has mismatched center and scale`);
  return { center, scale };
}

/** Per-column (x - center) / scale; subclasses differ only in how they fit center and scale. */
abstract class AffineScaler implements Scaler {
  abstract readonly kind: string;
  protected center: Float64Array | undefined;
  protected scale: Float64Array = new Float64Array(0);

  abstract fit(x: Matrix): void;

  transform(x: Matrix): Matrix {
    return affine(this.kind, x, this.center, this.scale);
  }

  save(): SavedModel<AffineState> {
    if (!this.center) throw new Error(`${this.kind} is not fitted`);
    return {
      format: 'argus-model',
      kind: this.kind,
      version: 1,
      params: {},
      state: { center: Array.from(this.center), scale: Array.from(this.scale) },
    };
  }

  protected restore(saved: unknown): this {
    const { center, scale } = loadAffine(saved, this.kind);
    this.center = center;
    this.scale = scale;
    return this;
  }
}

/**
 * Centres each column on its median and divides by its interquartile range (25th to 75th percentile).
 * Unlike mean/std, a handful of huge transactions cannot drag the centre or inflate the scale, so the
 * bulk of the data keeps its spread. An IQR of 0 (e.g. a mostly-constant column) gets scale 1 so it
 * is only shifted, never divided by zero. A column with no values at all gets centre 0, scale 1.
 */
export class RobustScaler extends AffineScaler {
  readonly kind = 'robust-scaler';

  fit(x: Matrix): void {
    const center = new Float64Array(x.cols);
    const scale = new Float64Array(x.cols);
    for (let j = 0; j < x.cols; j++) {
      const col = sortedColumn(x, j);
      const median = quantileSorted(col, 0.5);
      const iqr = quantileSorted(col, 0.75) - quantileSorted(col, 0.25);
      center[j] = Number.isFinite(median) ? median : 0;
      scale[j] = Number.isFinite(iqr) && iqr > 0 ? iqr : 1;
    }
    this.center = center;
    this.scale = scale;
  }

  static load(saved: unknown): RobustScaler {
    return new RobustScaler().restore(saved);
  }
}

/**
 * Standardises each column to mean 0, standard deviation 1 (population std, as scikit-learn does).
 * NaN values are skipped when fitting. A std of 0 gets scale 1 for the same reason as above.
 */
export class StandardScaler extends AffineScaler {
  readonly kind = 'standard-scaler';

  fit(x: Matrix): void {
    const sum = new Float64Array(x.cols);
    const count = new Float64Array(x.cols);
    for (let i = 0, k = 0; i < x.rows; i++) {
      for (let j = 0; j < x.cols; j++, k++) {
        const v = x.data[k] as number;
        if (Number.isNaN(v)) continue;
        sum[j] = (sum[j] as number) + v;
        count[j] = (count[j] as number) + 1;
      }
    }
    const mean = new Float64Array(x.cols);
    for (let j = 0; j < x.cols; j++) mean[j] = count[j] ? (sum[j] as number) / (count[j] as number) : 0;
    // Second pass over deviations rather than E[x^2] - E[x]^2, which cancels badly for large amounts.
    const sq = new Float64Array(x.cols);
    for (let i = 0, k = 0; i < x.rows; i++) {
      for (let j = 0; j < x.cols; j++, k++) {
        const v = x.data[k] as number;
        if (Number.isNaN(v)) continue;
        const d = v - (mean[j] as number);
        sq[j] = (sq[j] as number) + d * d;
      }
    }
    const scale = new Float64Array(x.cols);
    for (let j = 0; j < x.cols; j++) {
      const std = count[j] ? Math.sqrt((sq[j] as number) / (count[j] as number)) : 0;
      scale[j] = Number.isFinite(std) && std > 0 ? std : 1;
    }
    this.center = mean;
    this.scale = scale;
  }

  static load(saved: unknown): StandardScaler {
    return new StandardScaler().restore(saved);
  }
}

/**
 * Signed log1p, sign(x) * log1p(|x|), for heavy-tailed amounts: compresses magnitudes spanning many
 * orders (1 wei to 10^6 ETH) while staying defined, continuous and monotone through 0 and for
 * negative values (net flows), which a plain log is not. Stateless; fit is a no-op and save exists
 * only so a pipeline can persist every step the same way.
 */
export class LogScaler implements Scaler {
  readonly kind = 'log-scaler';

  fit(_x: Matrix): void {}

  transform(x: Matrix): Matrix {
    const out = matrix(x.rows, x.cols);
    const src = x.data;
    const dst = out.data;
    for (let k = 0; k < src.length; k++) {
      const v = src[k] as number;
      // log1p keeps precision for tiny |v|. NaN fails v < 0 and Math.log1p(NaN) is NaN, so it passes through.
      dst[k] = v < 0 ? -Math.log1p(-v) : Math.log1p(v);
    }
    return out;
  }

  save(): SavedModel<Record<string, never>> {
    return { format: 'argus-model', kind: this.kind, version: 1, params: {}, state: {} };
  }

  static load(saved: unknown): LogScaler {
    const s = new LogScaler();
    checkSaved(saved, s.kind, 1);
    return s;
  }
}
