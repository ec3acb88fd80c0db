import { checkCounts } from './burstSeries.js';

/**
 * Kleinberg's two-state burst automaton in its batched ("enumerating") form (Kleinberg 2002, §4):
 * bucket t holds n_t documents of which d_t are relevant (mention the entity or technique). The base
 * state emits relevant documents at rate p0 = D/N, the share over the whole series; the burst state at
 * p1 = s·p0 (capped below 1, see burstRate). A bucket costs -ln of its binomial likelihood under the state's rate; entering the burst
 * state costs γ·ln(T) (T buckets, as in Kleinberg's definition and the burst_detection package), leaving
 * it is free. The cheapest state sequence (Viterbi) marks the bursts.
 *
 * Because the model is of the relevant share of each bucket, a burst means "a larger part of the talk
 * is about this", not merely "there is more talk": a surge of all documents moves nothing.
 */
export interface KleinbergOptions {
  /** Burst rate as a multiple of the base rate, > 1. */
  s?: number;
  /** Cost of entering the burst state, in units of ln(T); larger means fewer, stronger bursts. */
  gamma?: number;
}

export interface KleinbergBurst {
  /** First bucket in the burst state. */
  start: number;
  /** Last bucket in the burst state (inclusive). */
  end: number;
  /** Kleinberg's weight: the cost saved by the burst state over the base state across the interval. */
  weight: number;
  /** Relevant documents in the interval. */
  count: number;
  /** What the base rate expects in the interval: p0 times its total documents. */
  expected: number;
}

export interface KleinbergResult {
  /** 1 where the cheapest path is in the burst state. */
  states: Uint8Array;
  bursts: KleinbergBurst[];
  p0: number;
  p1: number;
}

/**
 * p1 must stay below 1, or one irrelevant document would make a bucket impossible in the burst state.
 * Kleinberg's s·p0 is therefore capped at halfway between p0 and 1, which only binds for a dominant
 * share (p0 > 1/(2s-1)); p1 is returned so a caller can see which rate was used.
 */
function burstRate(p0: number, s: number): number {
  return Math.min(s * p0, (1 + p0) / 2);
}

export function kleinbergBursts(
  counts: ArrayLike<number>,
  totals: ArrayLike<number>,
  options: KleinbergOptions = {},
): KleinbergResult {
  const s = options.s ?? 2;
  const gamma = options.gamma ?? 1;
  if (!(s > 1)) throw new RangeError(`kleinbergBursts: s must be > 1, got ${s}`);
  if (!(gamma >= 0)) throw new RangeError(`kleinbergBursts: gamma must be >= 0, got ${gamma}`);
  checkCounts('Kleinberg burst series', counts, totals);

  const T = counts.length;
  let relevant = 0;
  let all = 0;
  for (let t = 0; t < T; t++) {
    relevant += counts[t] as number;
    all += totals[t] as number;
  }
  const states = new Uint8Array(T);
  if (relevant === 0 || relevant === all) {
    // No relevant documents, or nothing but: the share cannot rise, so there is no burst to find.
    const p = all === 0 ? 0 : relevant / all;
    return { states, bursts: [], p0: p, p1: p };
  }
  const p0 = relevant / all;
  const p1 = burstRate(p0, s);
  const enter = gamma * Math.log(T);

  // The binomial coefficient is the same in both states, so it drops out of every comparison.
  const cost0 = new Float64Array(T);
  const cost1 = new Float64Array(T);
  for (let t = 0; t < T; t++) {
    const d = counts[t] as number;
    const n = totals[t] as number;
    cost0[t] = -(d * Math.log(p0) + (n - d) * Math.log1p(-p0));
    cost1[t] = -(d * Math.log(p1) + (n - d) * Math.log1p(-p1));
  }

  // Viterbi, starting in the base state. fromJ[t] = 1 when the best way into state j at t came from 1.
  // On a tie (possible only across empty buckets) the burst is entered late, never on an empty bucket.
  const from0 = new Uint8Array(T);
  const from1 = new Uint8Array(T);
  let best0 = 0;
  let best1 = Number.POSITIVE_INFINITY;
  for (let t = 0; t < T; t++) {
    const stay0 = best0;
    const drop = best1;
    const rise = best0 + enter;
    const stay1 = best1;
    from0[t] = drop < stay0 ? 1 : 0;
    from1[t] = stay1 < rise ? 1 : 0;
    best0 = Math.min(stay0, drop) + (cost0[t] as number);
    best1 = Math.min(rise, stay1) + (cost1[t] as number);
  }
  let state = best1 < best0 ? 1 : 0;
  for (let t = T - 1; t >= 0; t--) {
    states[t] = state;
    state = state === 1 ? (from1[t] as number) : (from0[t] as number);
  }

  const bursts: KleinbergBurst[] = [];
  let t = 0;
  while (t < T) {
    if (states[t] === 0) {
      t++;
      continue;
    }
    const start = t;
    let weight = 0;
    let count = 0;
    let total = 0;
    while (t < T && states[t] === 1) {
      weight += (cost0[t] as number) - (cost1[t] as number);
      count += counts[t] as number;
      total += totals[t] as number;
      t++;
    }
    bursts.push({ start, end: t - 1, weight, count, expected: p0 * total });
  }
  return { states, bursts, p0, p1 };
}
