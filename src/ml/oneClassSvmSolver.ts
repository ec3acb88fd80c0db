/**
 * The one-class SVM dual (Schölkopf et al., "Estimating the support of a high-dimensional
 * distribution", 2001), in libsvm's scaling:
 *
 *   minimise 1/2 a'Ka  subject to  0 <= a_i <= 1,  sum a_i = nu * n,
 *
 * solved by SMO with libsvm's second-order working-set selection (Fan, Chen & Lin, JMLR 2005). With
 * every label +1 and no linear term, the gradient is G = Ka, a pair (i, j) moves mass between two
 * coefficients so the sum constraint holds, and the KKT gap max{-G_t : a_t < 1} - min{-G_t : a_t > 0}
 * falls below `tolerance` at the optimum. No shrinking: problems here are capped at a few thousand
 * points and a dense kernel matrix, where it would gain little.
 */

export interface OneClassSolution {
  alpha: Float64Array;
  /** Offset: the decision function is sum_i alpha_i K(x_i, x) - rho. */
  rho: number;
  iterations: number;
  /** False when maxIterations ran out before the KKT gap closed. */
  converged: boolean;
}

/** Curvature floor for a pair whose kernel rows coincide (libsvm's TAU). */
const TAU = 1e-12;

/**
 * @param kernel n x n symmetric kernel matrix, row-major.
 * @param nu in (0, 1]: an upper bound on the share of training points outside the boundary and a
 *   lower bound on the share of support vectors.
 */
export function solveOneClass(
  kernel: Float64Array,
  n: number,
  nu: number,
  tolerance: number,
  maxIterations: number,
): OneClassSolution {
  const alpha = new Float64Array(n);
  // libsvm's feasible start: the first floor(nu n) coefficients at the bound 1, the remainder next.
  const mass = nu * n;
  const full = Math.min(n, Math.floor(mass));
  for (let t = 0; t < full; t++) alpha[t] = 1;
  if (full < n) alpha[full] = mass - full;
  const grad = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    const a = alpha[t] as number;
    if (a === 0) continue;
    for (let s = 0; s < n; s++) grad[s] = (grad[s] as number) + a * (kernel[t * n + s] as number);
  }

  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    // i: steepest feasible ascent direction among coefficients that can still grow.
    let gMax = Number.NEGATIVE_INFINITY;
    let i = -1;
    for (let t = 0; t < n; t++) {
      if ((alpha[t] as number) < 1 && -(grad[t] as number) >= gMax) {
        gMax = -(grad[t] as number);
        i = t;
      }
    }
    // j: among coefficients that can shrink, the one whose pairing with i lowers the objective most.
    let gMax2 = Number.NEGATIVE_INFINITY;
    let j = -1;
    let bestDrop = Number.POSITIVE_INFINITY;
    if (i >= 0) {
      const kii = kernel[i * n + i] as number;
      for (let t = 0; t < n; t++) {
        if ((alpha[t] as number) <= 0) continue;
        const g = grad[t] as number;
        if (g >= gMax2) gMax2 = g;
        const diff = gMax + g;
        if (diff > 0) {
          let quad = kii + (kernel[t * n + t] as number) - 2 * (kernel[i * n + t] as number);
          if (quad <= 0) quad = TAU;
          const drop = -(diff * diff) / quad;
          if (drop <= bestDrop) {
            bestDrop = drop;
            j = t;
          }
        }
      }
    }
    if (i < 0 || j < 0 || gMax + gMax2 < tolerance) {
      converged = true;
      break;
    }
    iterations++;

    const oldI = alpha[i] as number;
    const oldJ = alpha[j] as number;
    let quad =
      (kernel[i * n + i] as number) + (kernel[j * n + j] as number) - 2 * (kernel[i * n + j] as number);
    if (quad <= 0) quad = TAU;
    const delta = ((grad[i] as number) - (grad[j] as number)) / quad;
    const sum = oldI + oldJ;
    let ai = oldI - delta;
    let aj = oldJ + delta;
    // Clip to the box while keeping ai + aj = sum (libsvm's same-label case).
    if (sum > 1) {
      if (ai > 1) {
        ai = 1;
        aj = sum - 1;
      }
    } else if (aj < 0) {
      aj = 0;
      ai = sum;
    }
    if (sum > 1) {
      if (aj > 1) {
        aj = 1;
        ai = sum - 1;
      }
    } else if (ai < 0) {
      ai = 0;
      aj = sum;
    }
    alpha[i] = ai;
    alpha[j] = aj;
    const dI = ai - oldI;
    const dJ = aj - oldJ;
    for (let t = 0; t < n; t++) {
      grad[t] = (grad[t] as number) + dI * (kernel[i * n + t] as number) + dJ * (kernel[j * n + t] as number);
    }
  }
  return { alpha, rho: offset(alpha, grad), iterations, converged };
}

/**
 * rho as libsvm computes it: the mean gradient over free coefficients (each satisfies G_t = rho at
 * the optimum), or the midpoint of the bounds the others give when none is free.
 */
function offset(alpha: Float64Array, grad: Float64Array): number {
  let upper = Number.POSITIVE_INFINITY;
  let lower = Number.NEGATIVE_INFINITY;
  let sum = 0;
  let free = 0;
  for (let t = 0; t < alpha.length; t++) {
    const a = alpha[t] as number;
    const g = grad[t] as number;
    if (a >= 1) lower = Math.max(lower, g);
    else if (a <= 0) upper = Math.min(upper, g);
    else {
      sum += g;
      free++;
    }
  }
  if (free > 0) return sum / free;
  // nu = 1 puts every coefficient at the bound, leaving only one side.
  if (!Number.isFinite(upper)) return lower;
  if (!Number.isFinite(lower)) return upper;
  return (upper + lower) / 2;
}
