import type { Random } from '../../ml/random.js';

/** Standard normal by Box-Muller; one value per call so a draw never depends on a cached twin. */
export function normal(random: Random): number {
  const u = 1 - random.next();
  const v = random.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** exp(mu + sigma·N(0,1)): positive and right-skewed, the usual shape of payment sizes. */
export function logNormal(random: Random, mu: number, sigma: number): number {
  return Math.exp(mu + sigma * normal(random));
}

/** Pareto with minimum xm and tail index alpha; alpha near 1 gives the very heavy tails of wealth. */
export function pareto(random: Random, xm: number, alpha: number): number {
  return xm * (1 - random.next()) ** (-1 / alpha);
}

/** Poisson count: exact (Knuth) for small means, the normal approximation above 30 where it is close. */
export function poisson(random: Random, mean: number): number {
  if (!(mean > 0)) return 0;
  if (mean < 30) {
    const limit = Math.exp(-mean);
    let k = 0;
    let p = random.next();
    while (p > limit) {
      k++;
      p *= random.next();
    }
    return k;
  }
  return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal(random)));
}

export function uniform(random: Random, low: number, high: number): number {
  return low + (high - low) * random.next();
}

/** Integer in [low, high], both ends included. */
export function uniformInt(random: Random, low: number, high: number): number {
  return low + random.int(high - low + 1);
}

/** Index into cumulative weights (last entry = total) for one uniform draw. */
export function pickCumulative(cumulative: ArrayLike<number>, random: Random): number {
  const total = cumulative[cumulative.length - 1] as number;
  const x = random.next() * total;
  let i = 0;
  while (i < cumulative.length - 1 && (cumulative[i] as number) <= x) i++;
  return i;
}

export function cumulativeOf(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  for (let i = 0; i < weights.length; i++) {
    sum += weights[i] as number;
    out[i] = sum;
  }
  return out;
}
