import { z } from 'zod';
import { ValidationError } from '../../core/errors.js';

/** One deposit into, or withdrawal from, a mixer pool (the graph has no pool structure). */
export interface MixerEvent {
  address: string;
  amount: number;
  /** Epoch ms. */
  time: number;
  gasPrice?: number | undefined;
}

export const mixerEventSchema = z.object({
  address: z.string().min(1),
  amount: z.number().finite().positive(),
  time: z.number().finite(),
  gasPrice: z.number().finite().nonnegative().optional(),
});

export function parseMixerEvents(input: unknown, what = 'mixer events'): MixerEvent[] {
  const parsed = z.array(mixerEventSchema).safeParse(input);
  if (parsed.success) return parsed.data;
  throw new ValidationError(
    'INPUT_INVALID',
    what,
    parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    'each event needs address, amount (> 0), time (epoch ms) and optionally gasPrice',
  );
}

export interface MixerPairOptions {
  /** Relative amount difference under which a withdrawal can be the deposit coming back out. */
  amountTolerance?: number;
  /** A withdrawal links to a deposit only within this time after it. */
  windowMs?: number;
  /** When both sides carry a gas price, they must agree within this relative tolerance. */
  gasPriceTolerance?: number;
}

export interface MixerPair {
  /** Indexes into the deposits and withdrawals given. */
  deposit: number;
  withdrawal: number;
  /**
   * sameAddress — withdrawn to the address that deposited; uniqueMatch — the only withdrawal that
   * fits the deposit's amount, window and gas price, and the only deposit that fits it.
   */
  reason: 'sameAddress' | 'uniqueMatch';
  gasPriceMatched: boolean;
  delayMs: number;
}

const WEEK_MS = 7 * 86_400_000;

/**
 * Deposit/withdrawal pairs a mixer fails to hide (after Wang et al. 2023 on Tornado Cash): address
 * reuse across the pool, and withdrawals whose amount, timing and distinctive gas price single out
 * one deposit. With fixed denominations amount alone matches everyone, so it links only when the
 * window or the gas price leaves a single candidate both ways.
 */
export function matchMixerPairs(
  deposits: readonly MixerEvent[],
  withdrawals: readonly MixerEvent[],
  options: MixerPairOptions = {},
): MixerPair[] {
  const amountTol = options.amountTolerance ?? 1e-3;
  const windowMs = options.windowMs ?? WEEK_MS;
  const gasTol = options.gasPriceTolerance ?? 0;
  const byTime = Int32Array.from(withdrawals.keys()).sort(
    (a, b) => (withdrawals[a] as MixerEvent).time - (withdrawals[b] as MixerEvent).time,
  );
  const times = Float64Array.from(byTime, (w) => (withdrawals[w] as MixerEvent).time);
  const depositCandidates = new Int32Array(deposits.length);
  const onlyCandidate = new Int32Array(deposits.length).fill(-1);
  const withdrawalCandidates = new Int32Array(withdrawals.length);
  const sameAddress = new Int32Array(deposits.length).fill(-1);
  const gasMatched = new Uint8Array(deposits.length);

  deposits.forEach((d, di) => {
    for (
      let k = firstAfter(times, d.time);
      k < byTime.length && (times[k] as number) <= d.time + windowMs;
      k++
    ) {
      const wi = byTime[k] as number;
      const w = withdrawals[wi] as MixerEvent;
      if (Math.abs(w.amount - d.amount) > amountTol * d.amount) continue;
      const bothGas = d.gasPrice !== undefined && w.gasPrice !== undefined;
      if (
        bothGas &&
        Math.abs((w.gasPrice as number) - (d.gasPrice as number)) > gasTol * (d.gasPrice as number)
      )
        continue;
      if (w.address === d.address && sameAddress[di] === -1) sameAddress[di] = wi;
      depositCandidates[di] = (depositCandidates[di] as number) + 1;
      withdrawalCandidates[wi] = (withdrawalCandidates[wi] as number) + 1;
      onlyCandidate[di] = wi;
      if (bothGas) gasMatched[di] = 1;
    }
  });

  const pairs: MixerPair[] = [];
  deposits.forEach((d, di) => {
    const same = sameAddress[di] as number;
    const only = onlyCandidate[di] as number;
    let wi = -1;
    let reason: MixerPair['reason'] = 'uniqueMatch';
    if (same >= 0) {
      wi = same;
      reason = 'sameAddress';
    } else if (depositCandidates[di] === 1 && withdrawalCandidates[only] === 1) wi = only;
    if (wi < 0) return;
    const w = withdrawals[wi] as MixerEvent;
    pairs.push({
      deposit: di,
      withdrawal: wi,
      reason,
      gasPriceMatched: reason === 'uniqueMatch' && gasMatched[di] === 1,
      delayMs: w.time - d.time,
    });
  });
  return pairs;
}

/** Index of the first time strictly after t in ascending times. */
function firstAfter(times: Float64Array, t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((times[mid] as number) <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
