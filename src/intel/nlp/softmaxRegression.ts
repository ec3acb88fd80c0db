import { type LbfgsResult, minimizeLbfgs } from './lbfgs.js';
import type { SparseMatrix } from './sparseMatrix.js';

export interface SoftmaxRegressionOptions {
  /**
   * Inverse regularisation strength, as scikit-learn's C: the objective is
   * C * sum_i w_i * -log p(y_i | x_i) + ||W||^2 / 2, intercepts not penalised (default 1).
   */
  c?: number;
  /** 'balanced' weights each row by n / (classes * count of its class), as scikit-learn's class_weight. */
  classWeight?: 'none' | 'balanced';
  maxIterations?: number;
  gradientTolerance?: number;
}

export interface SavedSoftmaxRegression {
  classes: number;
  features: number;
  /** classes x features, row-major. */
  weights: number[];
  intercepts: number[];
}

/**
 * Multinomial logistic regression on sparse rows, L2-regularised, fitted by L-BFGS. Labels are class
 * indices 0..classes-1, each of which must have at least one training row.
 */
export class SoftmaxRegression {
  readonly options: Required<SoftmaxRegressionOptions>;
  classes = 0;
  features = 0;
  weights = new Float64Array(0);
  intercepts = new Float64Array(0);
  lastFit: Omit<LbfgsResult, 'x'> | undefined;

  constructor(options: SoftmaxRegressionOptions = {}) {
    this.options = {
      c: options.c ?? 1,
      classWeight: options.classWeight ?? 'none',
      maxIterations: options.maxIterations ?? 1000,
      gradientTolerance: options.gradientTolerance ?? 1e-6,
    };
    if (!(this.options.c > 0)) throw new RangeError(`c must be > 0, got ${this.options.c}`);
  }

  fit(x: SparseMatrix, y: ArrayLike<number>, classes: number): this {
    if (y.length !== x.rows) throw new RangeError(`${y.length} labels for ${x.rows} rows`);
    const k = classes;
    const d = x.cols;
    const counts = new Float64Array(k);
    for (let i = 0; i < y.length; i++) {
      const label = y[i] as number;
      if (!(Number.isInteger(label) && label >= 0 && label < k)) {
        throw new RangeError(`label ${i} is ${label}, expected an integer in [0, ${k})`);
      }
      counts[label] = (counts[label] as number) + 1;
    }
    // An empty class's unpenalised intercept would run off to minus infinity; callers drop such classes.
    const empty = counts.indexOf(0);
    if (empty >= 0) throw new RangeError(`class ${empty} has no training rows`);
    const rowWeight = new Float64Array(x.rows).fill(1);
    if (this.options.classWeight === 'balanced') {
      // scikit-learn's n / (classes * count).
      for (let i = 0; i < x.rows; i++) {
        rowWeight[i] = x.rows / (k * (counts[y[i] as number] as number));
      }
    }
    const c = this.options.c;
    const logits = new Float64Array(k);
    // Parameters: k*d weights then k intercepts.
    const objective = (theta: Float64Array, grad: Float64Array): number => {
      grad.fill(0);
      let loss = 0;
      for (let i = 0; i < x.rows; i++) {
        const from = x.indptr[i] as number;
        const to = x.indptr[i + 1] as number;
        let max = Number.NEGATIVE_INFINITY;
        for (let m = 0; m < k; m++) {
          let z = theta[k * d + m] as number;
          const base = m * d;
          for (let e = from; e < to; e++)
            z += (theta[base + (x.indices[e] as number)] as number) * (x.values[e] as number);
          logits[m] = z;
          if (z > max) max = z;
        }
        let sum = 0;
        for (let m = 0; m < k; m++) {
          const p = Math.exp((logits[m] as number) - max);
          logits[m] = p;
          sum += p;
        }
        const label = y[i] as number;
        const w = c * (rowWeight[i] as number);
        loss -= w * Math.log((logits[label] as number) / sum);
        for (let m = 0; m < k; m++) {
          const residual = w * ((logits[m] as number) / sum - (m === label ? 1 : 0));
          if (residual === 0) continue;
          grad[k * d + m] = (grad[k * d + m] as number) + residual;
          const base = m * d;
          for (let e = from; e < to; e++) {
            const j = base + (x.indices[e] as number);
            grad[j] = (grad[j] as number) + residual * (x.values[e] as number);
          }
        }
      }
      for (let j = 0; j < k * d; j++) {
        const t = theta[j] as number;
        loss += 0.5 * t * t;
        grad[j] = (grad[j] as number) + t;
      }
      return loss;
    };
    const result = minimizeLbfgs(objective, new Float64Array(k * d + k), {
      maxIterations: this.options.maxIterations,
      gradientTolerance: this.options.gradientTolerance,
    });
    this.classes = k;
    this.features = d;
    this.weights = result.x.slice(0, k * d);
    this.intercepts = result.x.slice(k * d);
    const { x: _solution, ...summary } = result;
    this.lastFit = summary;
    return this;
  }

  /** rows x classes probabilities, row-major. */
  predictProba(x: SparseMatrix): Float64Array {
    if (x.cols !== this.features)
      throw new RangeError(`model has ${this.features} features, matrix has ${x.cols}`);
    const k = this.classes;
    const d = this.features;
    const out = new Float64Array(x.rows * k);
    for (let i = 0; i < x.rows; i++) {
      const from = x.indptr[i] as number;
      const to = x.indptr[i + 1] as number;
      let max = Number.NEGATIVE_INFINITY;
      for (let m = 0; m < k; m++) {
        let z = this.intercepts[m] as number;
        for (let e = from; e < to; e++)
          z += (this.weights[m * d + (x.indices[e] as number)] as number) * (x.values[e] as number);
        out[i * k + m] = z;
        if (z > max) max = z;
      }
      let sum = 0;
      for (let m = 0; m < k; m++) {
        const p = Math.exp((out[i * k + m] as number) - max);
        out[i * k + m] = p;
        sum += p;
      }
      for (let m = 0; m < k; m++) out[i * k + m] = (out[i * k + m] as number) / sum;
    }
    return out;
  }

  save(): SavedSoftmaxRegression {
    return {
      classes: this.classes,
      features: this.features,
      weights: [...this.weights],
      intercepts: [...this.intercepts],
    };
  }

  static load(saved: SavedSoftmaxRegression, options: SoftmaxRegressionOptions = {}): SoftmaxRegression {
    const model = new SoftmaxRegression(options);
    const { classes, features } = saved;
    if (!(Number.isInteger(classes) && Number.isInteger(features) && classes > 0 && features >= 0)) {
      throw new Error('saved softmax regression has bad dimensions');
    }
    if (saved.weights?.length !== classes * features || saved.intercepts?.length !== classes) {
      throw new Error('saved softmax regression weights do not match its dimensions');
    }
    model.classes = classes;
    model.features = features;
    model.weights = Float64Array.from(saved.weights);
    model.intercepts = Float64Array.from(saved.intercepts);
    return model;
  }
}

/** The index of the largest probability in each row (ties to the lower index). */
export function argmaxRows(probabilities: Float64Array, classes: number): Int32Array {
  const rows = probabilities.length / classes;
  const out = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    let best = 0;
    for (let m = 1; m < classes; m++) {
      if ((probabilities[i * classes + m] as number) > (probabilities[i * classes + best] as number))
        best = m;
    }
    out[i] = best;
  }
  return out;
}
