import type { Matrix } from '../../../ml/matrix.js';
import { cholesky, forwardSolve } from './cholesky.js';
import { columnMeans, columnStdDevs, medianOf } from './columnStats.js';

/**
 * A whitening map fitted on one user's samples: w(x) = L⁻¹·D⁻¹·(x − mean), where D holds the feature
 * standard deviations and L·Lᵀ is the shrunk correlation matrix, so ‖w(x) − w(y)‖² is the Mahalanobis
 * distance between x and y under the shrunk covariance D·R*·D.
 *
 * Why shrinkage: with a handful of enrolment samples (4 on keystroke-challenge) and 37 features the
 * sample covariance is singular and plain Mahalanobis is undefined. We shrink the correlations toward
 * the identity (keeping each feature's own variance) with Schäfer & Strimmer's (2005) closed-form
 * intensity, which is estimated from the same genuine samples, so nothing is tuned on other users. With
 * many samples (200 on the CMU benchmark) the intensity falls toward 0 and this is K&M's Mahalanobis.
 */
export interface Whitener {
  readonly dims: number;
  /** The shrinkage intensity used, in [0, 1]. */
  readonly lambda: number;
  /** Writes w(x) into out (length dims) and returns it. */
  whiten(x: ArrayLike<number>, out: Float64Array): Float64Array;
}

/**
 * Floor for a feature's standard deviation, relative to the user's median one: a feature that never
 * varied in training still has to be divisible by something. It is tiny, so such a feature still
 * dominates the distance when it does vary, which is what an unshrunk Mahalanobis distance would do.
 */
const RELATIVE_SD_FLOOR = 1e-6;

export function fitWhitener(train: Matrix): Whitener {
  const n = train.rows;
  const d = train.cols;
  const mean = columnMeans(train);
  const sd = columnStdDevs(train, mean);
  const medianSd = medianOf(sd);
  const floor = medianSd > 0 ? RELATIVE_SD_FLOOR * medianSd : 1e-9;
  for (let j = 0; j < d; j++) sd[j] = Math.max(sd[j] as number, floor);

  const z = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      z[i * d + j] = ((train.data[i * d + j] as number) - (mean[j] as number)) / (sd[j] as number);
    }
  }
  // Correlations r_ij and the estimated variance of each (Schäfer & Strimmer, target D).
  const r = new Float64Array(d * d);
  let sumVar = 0;
  let sumSq = 0;
  for (let a = 0; a < d; a++) {
    r[a * d + a] = 1;
    for (let b = 0; b < a; b++) {
      let wMean = 0;
      for (let i = 0; i < n; i++) wMean += (z[i * d + a] as number) * (z[i * d + b] as number);
      wMean /= n;
      let wVar = 0;
      for (let i = 0; i < n; i++) {
        const dev = (z[i * d + a] as number) * (z[i * d + b] as number) - wMean;
        wVar += dev * dev;
      }
      const rab = (n / (n - 1)) * wMean;
      r[a * d + b] = rab;
      r[b * d + a] = rab;
      sumVar += (n / (n - 1) ** 3) * wVar;
      sumSq += rab * rab;
    }
  }
  let lambda = sumSq > 0 ? Math.min(1, Math.max(0, sumVar / sumSq)) : 1;

  // Too few samples can leave R* singular even after shrinkage; raise the intensity until it factors.
  let l: Float64Array | undefined;
  const shrunk = new Float64Array(d * d);
  for (;;) {
    for (let a = 0; a < d; a++) {
      for (let b = 0; b < d; b++) shrunk[a * d + b] = a === b ? 1 : (1 - lambda) * (r[a * d + b] as number);
    }
    l = cholesky(shrunk, d);
    if (l || lambda >= 1) break;
    lambda = Math.min(1, Math.max(1e-6, lambda * 2));
  }
  const factor = l as Float64Array;
  const scratch = new Float64Array(d);
  return {
    dims: d,
    lambda,
    whiten(x, out) {
      for (let j = 0; j < d; j++) scratch[j] = ((x[j] as number) - (mean[j] as number)) / (sd[j] as number);
      return forwardSolve(factor, d, scratch, out);
    },
  };
}
