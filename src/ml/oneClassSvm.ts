import { z } from 'zod';
import type { Matrix } from './matrix.js';
import { type AnomalyDetector, checkSaved, parseParams, type SavedModel, savedNumbers } from './model.js';
import { solveOneClass } from './oneClassSvmSolver.js';
import { sampleIndices, seededRandom } from './random.js';

const OneClassSvmParamsSchema = z.strictObject({
  /** Upper bound on the share of training points left outside, lower bound on the support vectors'. */
  nu: z.number().gt(0).max(1).default(0.5),
  /**
   * RBF width: 'scale' = 1 / (d * var(x)) over all training values (scikit-learn's default), 'auto'
   * = 1 / d, or a positive number.
   */
  gamma: z.union([z.enum(['scale', 'auto']), z.number().positive()]).default('scale'),
  /** Training rows above this are subsampled (seeded): the kernel matrix is n^2 and SMO about as slow. */
  maxSamples: z.number().int().min(2).default(2000),
  /** KKT gap at which SMO stops (libsvm's default). */
  tolerance: z.number().positive().default(1e-3),
  /** SMO iteration cap; default max(10^4, 100 n). */
  maxIterations: z.number().int().min(1).nullable().default(null),
  seed: z.number().int().default(1),
});

export type OneClassSvmParams = z.input<typeof OneClassSvmParamsSchema>;
type ResolvedParams = z.output<typeof OneClassSvmParamsSchema>;

interface OneClassSvmState {
  cols: number;
  gamma: number;
  rho: number;
  /** Support vectors, count x cols row-major, with missing values already filled. */
  supportVectors: number[];
  coefficients: number[];
  /** Per-column mean of the training sample, substituted for NaN. */
  fillValues: number[];
  trainingRows: number;
  iterations: number;
  converged: boolean;
}

interface Fitted {
  cols: number;
  gamma: number;
  rho: number;
  supportVectors: Float64Array;
  coefficients: Float64Array;
  fillValues: Float64Array;
  trainingRows: number;
  iterations: number;
  converged: boolean;
}

const KIND = 'one-class-svm';
const VERSION = 1;

/**
 * One-class SVM with an RBF kernel (Schölkopf et al. 2001, the nu formulation libsvm and
 * scikit-learn implement): it finds the smallest region in kernel space holding all but about a
 * share nu of the training points. The score is minus the decision function, rho - sum_i a_i
 * K(sv_i, x), so higher is more anomalous and positive means outside the learned boundary.
 *
 * It trains on a seeded subsample of at most maxSamples rows: the exact dual needs the full kernel
 * matrix, and a couple of thousand points already describe the support of the data well. A missing
 * value (NaN) is replaced by its column's training mean, at fit and when scoring. Scoring costs one
 * kernel evaluation per support vector (at least nu * n of them).
 */
export class OneClassSvm implements AnomalyDetector {
  readonly kind = KIND;
  readonly params: Readonly<ResolvedParams>;
  private state: Fitted | undefined;

  constructor(params: OneClassSvmParams = {}) {
    this.params = parseParams(OneClassSvmParamsSchema, params, 'one-class SVM parameters');
  }

  /** Solver diagnostics; undefined before fit. */
  get diagnostics():
    | { supportVectors: number; gamma: number; iterations: number; converged: boolean }
    | undefined {
    const s = this.state;
    return (
      s && {
        supportVectors: s.coefficients.length,
        gamma: s.gamma,
        iterations: s.iterations,
        converged: s.converged,
      }
    );
  }

  fit(x: Matrix): void {
    if (x.rows < 1 || x.cols < 1)
      throw new RangeError('the one-class SVM needs at least one row and column to fit');
    const p = this.params;
    const { cols } = x;
    const n = Math.min(x.rows, p.maxSamples);
    const rows = n < x.rows ? sampleIndices(x.rows, n, seededRandom(p.seed)) : null;
    const data = new Float64Array(n * cols);
    for (let i = 0; i < n; i++) {
      const r = rows ? (rows[i] as number) : i;
      data.set(x.data.subarray(r * cols, (r + 1) * cols), i * cols);
    }
    const fillValues = fillMissing(data, n, cols);
    const gamma = resolveGamma(p.gamma, data, cols);
    const kernel = new Float64Array(n * n);
    for (let a = 0; a < n; a++) {
      kernel[a * n + a] = 1;
      for (let b = a + 1; b < n; b++) {
        const k = rbf(data, a * cols, data, b * cols, cols, gamma);
        kernel[a * n + b] = k;
        kernel[b * n + a] = k;
      }
    }
    const solution = solveOneClass(
      kernel,
      n,
      p.nu,
      p.tolerance,
      p.maxIterations ?? Math.max(10_000, 100 * n),
    );
    let count = 0;
    for (const a of solution.alpha) if (a > 0) count++;
    const supportVectors = new Float64Array(count * cols);
    const coefficients = new Float64Array(count);
    for (let i = 0, k = 0; i < n; i++) {
      const a = solution.alpha[i] as number;
      if (a <= 0) continue;
      coefficients[k] = a;
      supportVectors.set(data.subarray(i * cols, (i + 1) * cols), k * cols);
      k++;
    }
    this.state = {
      cols,
      gamma,
      rho: solution.rho,
      supportVectors,
      coefficients,
      fillValues,
      trainingRows: n,
      iterations: solution.iterations,
      converged: solution.converged,
    };
  }

  score(x: Matrix): Float64Array {
    const s = this.fitted(x.cols);
    const out = new Float64Array(x.rows);
    for (let i = 0; i < x.rows; i++) out[i] = negativeDecision(s, x.data, i * x.cols);
    return out;
  }

  scoreRow(row: Float64Array): number {
    return negativeDecision(this.fitted(row.length), row, 0);
  }

  save(): SavedModel<OneClassSvmState> {
    const s = this.fitted();
    return {
      format: 'argus-model',
      kind: KIND,
      version: VERSION,
      params: { ...this.params },
      state: {
        cols: s.cols,
        gamma: s.gamma,
        rho: s.rho,
        supportVectors: Array.from(s.supportVectors),
        coefficients: Array.from(s.coefficients),
        fillValues: Array.from(s.fillValues),
        trainingRows: s.trainingRows,
        iterations: s.iterations,
        converged: s.converged,
      },
    };
  }

  static load(saved: unknown): OneClassSvm {
    const { params, state } = checkSaved(saved, KIND, VERSION);
    const model = new OneClassSvm(params as OneClassSvmParams);
    const st = (state ?? {}) as Partial<OneClassSvmState>;
    const { cols, gamma, rho } = st;
    if (typeof cols !== 'number' || !Number.isInteger(cols) || cols < 1) {
      throw new Error('saved one-class-svm model has an invalid column count');
    }
    if (typeof gamma !== 'number' || !(gamma > 0) || typeof rho !== 'number' || !Number.isFinite(rho)) {
      throw new Error('saved one-class-svm model has an invalid gamma or rho');
    }
    const coefficients = savedNumbers(st.coefficients, 'coefficients');
    model.state = {
      cols,
      gamma,
      rho,
      coefficients,
      supportVectors: savedNumbers(st.supportVectors, 'supportVectors', coefficients.length * cols),
      fillValues: savedNumbers(st.fillValues, 'fillValues', cols),
      trainingRows: typeof st.trainingRows === 'number' ? st.trainingRows : 0,
      iterations: typeof st.iterations === 'number' ? st.iterations : 0,
      converged: st.converged === true,
    };
    return model;
  }

  private fitted(cols?: number): Fitted {
    if (!this.state) throw new Error('the one-class SVM is not fitted');
    if (cols !== undefined && cols !== this.state.cols) {
      throw new RangeError(`the one-class SVM was fitted on ${this.state.cols} columns, got ${cols}`);
    }
    return this.state;
  }
}

/** rho - sum_i a_i exp(-gamma |sv_i - x|^2) for the row at data[offset], NaN filled on the fly. */
function negativeDecision(s: Fitted, data: Float64Array, offset: number): number {
  const { cols, gamma, supportVectors, coefficients, fillValues } = s;
  let sum = 0;
  for (let k = 0; k < coefficients.length; k++) {
    let d2 = 0;
    const base = k * cols;
    for (let j = 0; j < cols; j++) {
      let v = data[offset + j] as number;
      if (Number.isNaN(v)) v = fillValues[j] as number;
      const diff = v - (supportVectors[base + j] as number);
      d2 += diff * diff;
    }
    sum += (coefficients[k] as number) * Math.exp(-gamma * d2);
  }
  return s.rho - sum;
}

function rbf(
  a: Float64Array,
  offA: number,
  b: Float64Array,
  offB: number,
  cols: number,
  gamma: number,
): number {
  let d2 = 0;
  for (let j = 0; j < cols; j++) {
    const diff = (a[offA + j] as number) - (b[offB + j] as number);
    d2 += diff * diff;
  }
  return Math.exp(-gamma * d2);
}

/** Replaces NaN in the n x cols data by column means (0 for an all-missing column); returns the means. */
function fillMissing(data: Float64Array, n: number, cols: number): Float64Array {
  const sum = new Float64Array(cols);
  const count = new Float64Array(cols);
  for (let i = 0, p = 0; i < n; i++) {
    for (let j = 0; j < cols; j++, p++) {
      const v = data[p] as number;
      if (Number.isNaN(v)) continue;
      sum[j] = (sum[j] as number) + v;
      count[j] = (count[j] as number) + 1;
    }
  }
  for (let j = 0; j < cols; j++) sum[j] = count[j] ? (sum[j] as number) / (count[j] as number) : 0;
  for (let p = 0; p < data.length; p++)
    if (Number.isNaN(data[p] as number)) data[p] = sum[p % cols] as number;
  return sum;
}

/** scikit-learn's gamma: 'scale' is 1 / (d * var) over every value of the (filled) training data. */
function resolveGamma(gamma: ResolvedParams['gamma'], data: Float64Array, cols: number): number {
  if (typeof gamma === 'number') return gamma;
  if (gamma === 'auto') return 1 / cols;
  let mean = 0;
  for (const v of data) mean += v;
  mean /= data.length;
  let variance = 0;
  for (const v of data) variance += (v - mean) ** 2;
  variance /= data.length;
  // Constant data: any width separates nothing; fall back to 'auto' rather than divide by zero.
  return variance > 0 && Number.isFinite(variance) ? 1 / (cols * variance) : 1 / cols;
}
