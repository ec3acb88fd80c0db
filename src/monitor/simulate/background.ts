import type { TransferEvent } from '../../core/transferEvent.js';
import type { Random } from '../../ml/random.js';
import { simulationRandom } from '../../ml/simulationRandom.js';
import { humanRound, isNativeAsset, roundAmount, roundCents } from './assets.js';
import { normal, pareto, pickCumulative, poisson } from './draws.js';
import { DOMAIN, hashAddress, hashWord, PREHISTORY_DAY, type TxHashes } from './hash.js';
import { DAY_MS, JURISDICTIONS, LOCAL_HOUR_CUMULATIVE, utcMsOfLocalHour } from './jurisdictions.js';
import { MinHeap } from './minHeap.js';
import type { ResolvedSimulationOptions } from './options.js';
import { ACTIVITY, isQuiet, type Population } from './population.js';
import { keptTransfer, makeTransfer } from './transferFactory.js';

/**
 * A day's schedule is one Float64Array of keys ms·2^26 + slot, sorted numerically: no comparator, no
 * objects. Slots below the population size are customers; the ones above are exchange wallets.
 */
const SLOT_SPAN = 2 ** 26;
const MINUTE = 60_000;
const MAX_TRANSFER_USD = 50_000_000;

export const MAX_SLOTS = SLOT_SPAN;

/**
 * The ordinary life of the exchange, one day at a time: who transfers when (planDay), then what each
 * transfer is (materialize). Each day has its own seeded generators, so a day's events do not depend
 * on how earlier days were consumed.
 */
export class BackgroundGenerator {
  private keys = new Float64Array(1 << 16);
  private readonly offsets: Float64Array;
  private readonly codes: string[];
  private readonly walletSlots: number;
  private details: Random = simulationRandom(0);
  private day = 0;
  private txInDay = 0;
  private freshInDay = 0;

  constructor(
    private readonly o: ResolvedSimulationOptions,
    private readonly p: Population,
    private readonly prices: Float64Array,
    private readonly streamEnd: number,
    private readonly txHashes: TxHashes,
  ) {
    this.offsets = Float64Array.from(JURISDICTIONS.map((j) => j.utcOffset));
    this.codes = JURISDICTIONS.map((j) => j.code);
    this.walletSlots = p.hotWallets.length;
  }

  get dayCount(): number {
    return Math.ceil((this.streamEnd - this.o.start) / DAY_MS);
  }

  /**
   * One transfer before the stream for every dormant account: its last activity weeks or months ago.
   * Without it a dormant account would first appear when it wakes, and the only accounts with history
   * before the start would be the planted drains, a give-away no real stream has.
   */
  prehistory(): TransferEvent[] {
    const p = this.p;
    this.startDay(PREHISTORY_DAY);
    const r = this.details;
    const later = new MinHeap<TransferEvent>();
    const events: TransferEvent[] = [];
    for (let a = 0; a < p.size; a++) {
      if (p.activity[a] !== ACTIVITY.dormant) continue;
      const daysBefore = 7 + r.int(Math.max(1, (p.wakePeriod[a] as number) - 7));
      const offset = this.offsets[p.jurisdiction[a] as number] as number;
      const hour = pickCumulative(LOCAL_HOUR_CUMULATIVE, r) + r.next();
      const time = this.o.start - (daysBefore + 1) * DAY_MS + utcMsOfLocalHour(hour, offset);
      const event = this.materialize(a, time, later);
      if (event !== undefined) events.push(keptTransfer(event));
    }
    while (later.size > 0) events.push(keptTransfer(later.pop() as TransferEvent));
    return events.sort((x, y) => x.time - y.time);
  }

  private startDay(day: number): void {
    this.details = simulationRandom(hashWord(this.o.seed, DOMAIN.dayDetails, day, 0, 0));
    this.day = day;
    this.txInDay = 0;
    this.freshInDay = 0;
  }

  /** The sorted schedule of day `day`; valid until the next call. */
  planDay(day: number): { keys: Float64Array; count: number; dayStart: number } {
    const p = this.p;
    const random = simulationRandom(hashWord(this.o.seed, DOMAIN.daySchedule, day, 0, 0));
    const dayStart = this.o.start + day * DAY_MS;
    const dayLength = Math.min(DAY_MS, this.streamEnd - dayStart);
    const weekday = new Date(dayStart).getUTCDay();
    const dayFactor = weekday === 0 || weekday === 6 ? 0.85 : 1.06;
    let n = 0;
    const add = (ms: number, slot: number) => {
      if (ms >= dayLength) return;
      if (n === this.keys.length) {
        const grown = new Float64Array(this.keys.length * 2);
        grown.set(this.keys);
        this.keys = grown;
      }
      this.keys[n++] = ms * SLOT_SPAN + slot;
    };
    for (let a = 0; a < p.size; a++) {
      if (p.activity[a] === ACTIVITY.dormant) {
        const period = p.wakePeriod[a] as number;
        if ((day + (p.wakePhase[a] as number)) % period >= (p.wakeLength[a] as number)) continue;
      }
      const k = poisson(random, (p.ratePerDay[a] as number) * dayFactor);
      if (k === 0) continue;
      const offset = this.offsets[p.jurisdiction[a] as number] as number;
      for (let j = 0; j < k; j++) {
        const hour = pickCumulative(LOCAL_HOUR_CUMULATIVE, random) + random.next();
        add(utcMsOfLocalHour(hour, offset), a);
      }
    }
    for (let s = 0; s < this.walletSlots; s++) {
      const k = poisson(random, this.o.rates.rebalancesPerDay);
      for (let j = 0; j < k; j++) add(random.int(DAY_MS), p.size + s);
    }
    const keys = this.keys.subarray(0, n);
    keys.sort();
    this.startDay(day);
    return { keys, count: n, dayStart };
  }

  static slotOf(key: number): number {
    return key % SLOT_SPAN;
  }

  static msOf(key: number): number {
    return (key - (key % SLOT_SPAN)) / SLOT_SPAN;
  }

  /**
   * The transfer behind one scheduled slot, or undefined when an injected incident keeps the account
   * silent then. Follow-ups (the sweep of a deposit) go into `later`, keyed by time.
   */
  materialize(slot: number, time: number, later: MinHeap<TransferEvent>): TransferEvent | undefined {
    const p = this.p;
    if (slot >= p.size) return this.rebalance(slot - p.size, time);
    const a = slot;
    if (isQuiet(p, a, time)) return undefined;
    const r = this.details;
    const rates = this.o.rates;
    const asset = r.next() < 0.85 ? (p.primaryAsset[a] as number) : r.int(3);
    const price = this.prices[asset] as number;
    const value = Math.min(
      MAX_TRANSFER_USD,
      Math.max(0.5, (p.scaleUsd[a] as number) * Math.exp((p.sigma[a] as number) * normal(r))),
    );
    let amount = value / price;
    if (r.next() < (p.roundShare[a] as number)) amount = humanRound(amount, r.next() < 0.5);
    amount = roundAmount(amount, asset);
    const valueUsd = roundCents(amount * price);
    const own = p.addresses[a] as string;
    const jurisdiction = this.codes[p.jurisdiction[a] as number] as string;
    const userId = p.userIds[a] as string;

    if (r.next() < (p.depositShare[a] as number)) {
      const first = p.fundingStart[a] as number;
      const sources = (p.fundingStart[a + 1] as number) - first;
      const from = r.next() < 0.85 ? (p.funding[first + r.int(sources)] as string) : this.fresh();
      const deposit = this.transfer(
        time,
        from,
        own,
        asset,
        amount,
        valueUsd,
        undefined,
        jurisdiction,
        'external',
        'customer',
        undefined,
      );
      if (r.next() < rates.sweepShare) {
        const at = time + Math.floor((2 + 88 * r.next()) * MINUTE);
        if (at < this.streamEnd && !isQuiet(p, a, at)) {
          const hot = p.hotWallets[asset] as string;
          later.push(
            at,
            this.transfer(
              at,
              own,
              hot,
              asset,
              amount,
              valueUsd,
              jurisdiction,
              undefined,
              'customer',
              'hot-wallet',
              userId,
            ),
          );
        }
      }
      return deposit;
    }

    const kind = r.next();
    const contractShare = p.contractShare[a] as number;
    if (kind < contractShare) {
      const first = p.contractStart[a] as number;
      const favourites = (p.contractStart[a + 1] as number) - first;
      let to: string;
      if (favourites > 0 && r.next() < 0.85)
        to = p.knownContracts[p.contracts[first + r.int(favourites)] as number] as string;
      else if (r.next() < 0.7)
        to = p.knownContracts[Math.floor(p.knownContracts.length * r.next() ** 2)] as string;
      else to = this.fresh();
      return this.transfer(
        time,
        own,
        to,
        asset,
        amount,
        valueUsd,
        jurisdiction,
        undefined,
        'customer',
        'contract',
        userId,
      );
    }
    if (kind < contractShare + (p.internalShare[a] as number)) {
      const b = r.int(p.size);
      if (b !== a && !isQuiet(p, b, time)) {
        const theirs = this.codes[p.jurisdiction[b] as number] as string;
        return this.transfer(
          time,
          own,
          p.addresses[b] as string,
          asset,
          amount,
          valueUsd,
          jurisdiction,
          theirs,
          'customer',
          'customer',
          userId,
        );
      }
    }
    let to: string;
    if (r.next() < (p.newShare[a] as number)) to = this.fresh();
    else {
      const first = p.recipientStart[a] as number;
      const count = (p.recipientStart[a + 1] as number) - first;
      // Zipf-like: the first wallet is where most withdrawals go.
      to = p.recipients[first + Math.floor(count * r.next() ** 2)] as string;
    }
    return this.transfer(
      time,
      own,
      to,
      asset,
      amount,
      valueUsd,
      jurisdiction,
      undefined,
      'customer',
      'external',
      userId,
    );
  }

  /** Treasury moves between the hot and cold wallet of one asset. */
  private rebalance(asset: number, time: number): TransferEvent {
    const r = this.details;
    const p = this.p;
    const price = this.prices[asset] as number;
    const amount = roundAmount(Math.min(20_000_000, pareto(r, 100_000, 1.5)) / price, asset);
    const toCold = r.next() < 0.6;
    const hot = p.hotWallets[asset] as string;
    const cold = p.coldWallets[asset] as string;
    return this.transfer(
      time,
      toCold ? hot : cold,
      toCold ? cold : hot,
      asset,
      amount,
      roundCents(amount * price),
      undefined,
      undefined,
      toCold ? 'hot-wallet' : 'cold-wallet',
      toCold ? 'cold-wallet' : 'hot-wallet',
      undefined,
    );
  }

  private fresh(): string {
    return hashAddress(this.o.seed, DOMAIN.freshBackground, this.freshInDay++, this.day);
  }

  private transfer(
    time: number,
    from: string,
    to: string,
    asset: number,
    amount: number,
    valueUsd: number,
    fromJurisdiction: string | undefined,
    toJurisdiction: string | undefined,
    fromKind: 'customer' | 'external' | 'hot-wallet' | 'cold-wallet',
    toKind: 'customer' | 'external' | 'hot-wallet' | 'cold-wallet' | 'contract',
    userId: string | undefined,
  ): TransferEvent {
    const n = this.txInDay++;
    const logIndex = isNativeAsset(asset) ? -1 : mixIndex(n) % 300;
    return makeTransfer(
      this.o.chain,
      this.txHashes.of(this.day, n),
      logIndex,
      time,
      from,
      to,
      asset,
      amount,
      valueUsd,
      fromJurisdiction,
      toJurisdiction,
      fromKind,
      toKind,
      userId,
    );
  }
}

function mixIndex(n: number): number {
  return Math.imul(n ^ (n >>> 7), 0x2c1b3c6d) >>> 0;
}
