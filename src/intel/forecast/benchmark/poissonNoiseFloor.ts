/**
 * How well any forecaster could do on counts: an oracle that knows each month's true Poisson mean λ
 * still misses by E|Y − λ|, the noise alone. Scaled like MASE, this is the floor under every method's
 * MASE on a count series, so a target below it cannot be met by forecasting better.
 */

/** E|Y − λ| for Y ~ Poisson(λ): 2 λ^(k+1) e^(−λ) / k! with k = ⌊λ⌋, computed in logs for large λ. */
export function poissonMeanAbsoluteDeviation(lambda: number): number {
  if (!(lambda > 0)) return 0;
  const k = Math.floor(lambda);
  let logFactorial = 0;
  for (let i = 2; i <= k; i++) logFactorial += Math.log(i);
  return 2 * Math.exp((k + 1) * Math.log(lambda) - lambda - logFactorial);
}

/**
 * The true mean stood in for by a centred moving average of the counts (it looks ahead, as an oracle
 * may): a level that moves smoothly, without the month's own noise dominating it.
 */
export function centredMean(y: Float64Array, index: number, halfWidth: number): number {
  const from = Math.max(0, index - halfWidth);
  const to = Math.min(y.length - 1, index + halfWidth);
  let sum = 0;
  for (let i = from; i <= to; i++) sum += y[i] as number;
  return sum / (to - from + 1);
}

/**
 * The oracle's MASE over the scored points: each target's Poisson noise over the scale the methods'
 * errors were divided by at that origin. Overdispersed counts (variance above the mean) make the true
 * floor higher still, so this is a lower bound.
 */
export function poissonNoiseFloorMase(
  y: Float64Array,
  points: readonly { target: number; scale: number }[],
  halfWidth = 2,
): number {
  if (points.length === 0) return Number.NaN;
  let sum = 0;
  for (const p of points) sum += poissonMeanAbsoluteDeviation(centredMean(y, p.target, halfWidth)) / p.scale;
  return sum / points.length;
}
