import { type KleinbergBurst, type KleinbergOptions, kleinbergBursts } from './kleinberg.js';

/**
 * Kleinberg's automaton decides a bucket's state with hindsight (the Viterbi path uses the whole
 * series, and p0 is the share over all of it). Run as an alarm, it can only see the buckets so far, so
 * it is re-run on the prefix each time a bucket closes: O(T) per bucket, fine for the hundreds of
 * weekly or monthly buckets of a mention series.
 */
export interface KleinbergStep {
  /** The newest bucket is in the burst state on the prefix's cheapest path. */
  inBurst: boolean;
  /** A burst is in progress now and was not at the previous bucket: the moment to alert. */
  started: boolean;
  /** The burst the newest bucket belongs to, on the prefix's path (its start may lie in the past). */
  burst: KleinbergBurst | undefined;
}

export class KleinbergMonitor {
  private readonly counts: number[] = [];
  private readonly totals: number[] = [];
  private wasInBurst = false;

  constructor(private readonly options: KleinbergOptions = {}) {}

  push(count: number, total: number): KleinbergStep {
    this.counts.push(count);
    this.totals.push(total);
    const { bursts } = kleinbergBursts(this.counts, this.totals, this.options);
    const last = this.counts.length - 1;
    const burst = bursts.find((b) => b.end === last);
    const inBurst = burst !== undefined;
    const started = inBurst && !this.wasInBurst;
    this.wasInBurst = inBurst;
    return { inBurst, started, burst };
  }
}

/**
 * For each burst of the full-series path, the first bucket e >= its start at which the prefix [0, e]
 * already puts some bucket of [start, min(end, e)] in the burst state: when an online run would first
 * have shown it. -1 when no prefix does (the burst only appears with hindsight).
 */
export function onlineDetection(
  counts: ArrayLike<number>,
  totals: ArrayLike<number>,
  bursts: readonly Pick<KleinbergBurst, 'start' | 'end'>[],
  options: KleinbergOptions = {},
): Int32Array {
  const found = new Int32Array(bursts.length).fill(-1);
  if (bursts.length === 0) return found;
  const first = Math.min(...bursts.map((b) => b.start));
  const c = Float64Array.from(counts);
  const n = Float64Array.from(totals);
  let pending = bursts.length;
  for (let e = first; e < c.length && pending > 0; e++) {
    const { states } = kleinbergBursts(c.subarray(0, e + 1), n.subarray(0, e + 1), options);
    bursts.forEach((b, i) => {
      if (found[i] !== -1 || e < b.start) return;
      for (let t = b.start; t <= Math.min(b.end, e); t++) {
        if (states[t] === 1) {
          found[i] = e;
          pending--;
          return;
        }
      }
    });
  }
  return found;
}
