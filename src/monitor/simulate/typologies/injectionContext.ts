import { ArgusError } from '../../../core/errors.js';
import type { TransferEvent } from '../../../core/transferEvent.js';
import type { Random } from '../../../ml/random.js';
import { isNativeAsset, roundAmount, roundCents } from '../assets.js';
import { uniform } from '../draws.js';
import { DOMAIN, hashAddress, INJECTED_TX_DAY, type TxHashes } from '../hash.js';
import { JURISDICTIONS } from '../jurisdictions.js';
import type { ResolvedSimulationOptions } from '../options.js';
import type { Population } from '../population.js';
import { keptTransfer, makeTransfer } from '../transferFactory.js';
import type { InjectionContext, TransferFields } from './typology.js';

const PROBES = 64;

export function createInjectionContext(
  options: ResolvedSimulationOptions,
  population: Population,
  random: Random,
  prices: Float64Array,
  txHashes: TxHashes,
): InjectionContext {
  const streamStart = options.start;
  const streamEnd = options.start + Math.round(options.days * 86_400_000);
  const warmupEnd = options.start + Math.round(options.warmupDays * 86_400_000);
  const taken = new Uint8Array(population.size);
  let freshCount = 0;
  let txCount = 0;

  const takeAccount = (accept: (account: number) => boolean = () => true): number => {
    const ok = (a: number) => taken[a] === 0 && accept(a);
    let found = -1;
    for (let i = 0; i < PROBES && found < 0; i++) {
      const a = random.int(population.size);
      if (ok(a)) found = a;
    }
    // Random probes miss when few accounts qualify; a scan from a random offset still finds them.
    if (found < 0) {
      const offset = random.int(population.size);
      for (let i = 0; i < population.size && found < 0; i++) {
        const a = (offset + i) % population.size;
        if (ok(a)) found = a;
      }
    }
    if (found < 0) {
      throw new ArgusError(
        'INPUT_INVALID',
        `the population of ${population.size} accounts has no account left for another incident`,
        { hint: 'simulate more --accounts or inject fewer incidents with --typologies' },
      );
    }
    taken[found] = 1;
    return found;
  };

  const transfer = (f: TransferFields): TransferEvent => {
    const price = prices[f.asset] as number;
    let amount: number;
    if (f.amount !== undefined) amount = roundAmount(f.amount, f.asset);
    else if (f.valueUsd !== undefined) amount = roundAmount(f.valueUsd / price, f.asset);
    else throw new Error('a transfer needs an amount or a valueUsd');
    const n = txCount++;
    const logIndex = isNativeAsset(f.asset) ? -1 : (n * 7) % 211;
    const made = makeTransfer(
      options.chain,
      txHashes.of(INJECTED_TX_DAY, n),
      logIndex,
      Math.floor(f.time),
      f.from,
      f.to,
      f.asset,
      amount,
      roundCents(amount * price),
      f.fromJurisdiction,
      f.toJurisdiction,
      f.fromKind,
      f.toKind,
      f.userId,
    );
    return keptTransfer(made);
  };

  return {
    options,
    population,
    random,
    streamStart,
    streamEnd,
    warmupEnd,
    takeAccount,
    freshAddress: () => hashAddress(options.seed, DOMAIN.freshInjected, freshCount++, 0),
    customer: (a) => ({
      address: population.addresses[a] as string,
      jurisdiction: (JURISDICTIONS[population.jurisdiction[a] as number] as { code: string }).code,
      userId: population.userIds[a] as string,
    }),
    startFor(durationMs) {
      let lo = warmupEnd;
      const hi = streamEnd - durationMs - 1;
      if (hi < lo) lo = streamStart;
      if (hi < lo) {
        throw new ArgusError(
          'INPUT_INVALID',
          `a stream of ${options.days} days is too short for an incident lasting ${(durationMs / 3_600_000).toFixed(1)} h`,
          { hint: 'simulate more --days' },
        );
      }
      return Math.floor(uniform(random, lo, hi));
    },
    quiet(account, from, until) {
      population.quietFrom[account] = Math.min(population.quietFrom[account] as number, from);
      population.quietUntil[account] = Math.max(population.quietUntil[account] as number, until);
    },
    transfer,
  };
}
