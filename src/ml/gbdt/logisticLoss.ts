/**
 * Binary log loss on raw margins (log-odds). Gradients and hessians are with respect to the margin:
 * g = w (p - y), h = w p (1 - p) with p = sigmoid(margin).
 */

export function sigmoid(margin: number): number {
  return 1 / (1 + Math.exp(-margin));
}

/** The constant margin that minimises the loss: the log-odds of the weighted positive rate. */
export function baselineMargin(y: Uint8Array, weights: Float64Array): number {
  let positive = 0;
  let total = 0;
  for (let i = 0; i < y.length; i++) {
    const w = weights[i] as number;
    total += w;
    if (y[i] === 1) positive += w;
  }
  // Clipped so a one-class input gives a large finite margin rather than +-Infinity.
  const p = Math.min(Math.max(positive / total, 1e-15), 1 - 1e-15);
  return Math.log(p / (1 - p));
}

export function logisticGradients(
  margins: Float64Array,
  y: Uint8Array,
  weights: Float64Array,
  gradients: Float64Array,
  hessians: Float64Array,
): void {
  for (let i = 0; i < margins.length; i++) {
    const p = sigmoid(margins[i] as number);
    const w = weights[i] as number;
    gradients[i] = w * (p - (y[i] as number));
    hessians[i] = w * p * (1 - p);
  }
}

/** Weighted mean log loss; log(1 + e^m) - y m, computed without overflow. */
export function logisticLoss(margins: Float64Array, y: Uint8Array, weights: Float64Array): number {
  let sum = 0;
  let total = 0;
  for (let i = 0; i < margins.length; i++) {
    const m = margins[i] as number;
    const softplus = m > 0 ? m + Math.log1p(Math.exp(-m)) : Math.log1p(Math.exp(m));
    const w = weights[i] as number;
    sum += w * (softplus - (y[i] as number) * m);
    total += w;
  }
  return sum / total;
}
