import { simulationRandom } from '../../ml/simulationRandom.js';

export interface LaunderingScenarioOptions {
  seed?: number;
  /** Background users (entities with one to four wallets). */
  users?: number;
  days?: number;
  hotWallets?: number;
  /** Labelled sources (alternately 'hack' and 'sanctions'), each laundered three ways. */
  sources?: number;
  peelHops?: number;
  /** Fresh addresses the layering splits into before merging again. */
  layeringWidth?: number;
  /** Fixed-denomination mixer deposits per source. */
  mixerDeposits?: number;
  /** Clean users who also deposit into and withdraw from the mixer (its anonymity set). */
  mixerBackgroundUsers?: number;
}

/** One transfer between scenario addresses (indices into `addresses`); time is epoch ms. */
export interface ScenarioTransfer {
  from: number;
  to: number;
  value: number;
  time: number;
}

export interface ScenarioSource {
  address: number;
  category: 'hack' | 'sanctions';
}

/** An address that truly carries a source's funds, and the fewest laundering hops from one. */
export interface TaintTruth {
  sources: number[];
  hops: number;
}

/** One transfer into (deposit) or out of (withdrawal) the mixer pool, as an observer of the pool sees it. */
export interface ScenarioMixerEvent {
  /** The depositing or receiving address (index into `addresses`). */
  address: number;
  amount: number;
  time: number;
}

/** A withdrawal with its ground truth: the deposit whose note it redeems (index into deposits). */
export interface ScenarioMixerWithdrawal extends ScenarioMixerEvent {
  deposit: number;
}

/**
 * The mixer's events and the truth an observer does not have. Every deposit is one fixed denomination
 * and every withdrawal that denomination less the pool's fee, after a random delay, to a fresh address:
 * nothing but timing separates one note from another. Gas prices are not simulated, so a matcher that
 * uses them gets no help here (real gas prices can single out a careless user).
 */
export interface ScenarioMixer {
  pool: number;
  denomination: number;
  /** Share of the denomination the pool keeps: a withdrawal pays out denomination × (1 - fee). */
  fee: number;
  deposits: ScenarioMixerEvent[];
  withdrawals: ScenarioMixerWithdrawal[];
}

export interface LaunderingScenario {
  addresses: string[];
  /** Ground-truth owner of every address (dense entity ids). */
  entityOf: Int32Array;
  entityCount: number;
  /** In time order. */
  transfers: ScenarioTransfer[];
  sources: ScenarioSource[];
  /** Addresses (not the sources themselves) that received a source's funds in the scenario's flow. */
  taint: Map<number, TaintTruth>;
  hotWallets: number[];
  mixerPool: number;
  mixer: ScenarioMixer;
}

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const START = Date.UTC(2025, 0, 1);
const MIXER_DENOMINATION = 10;
/** What a withdrawal pays out of one denomination; the rest is the pool's (relayer) fee. */
const MIXER_PAYOUT = 0.99;

/**
 * A seeded laundering scenario with ground truth. Background: users with power-law activity, some with
 * several wallets (the extra ones funded by the main wallet in one burst: common funding), paying one
 * another and an exchange, whose per-user deposit addresses sweep into hot wallets (deposit reuse).
 * Then each labelled source receives stolen funds and launders them by a peel chain (fresh hops peeling
 * small amounts to exchange deposit addresses), layering (split over fresh addresses, merged later) and a
 * mixer (fixed denominations into a shared pool, withdrawn to fresh addresses later). Every laundering
 * address belongs to the source's owner; taint truth follows the scenario's own flow of funds, so clean
 * mixer users and exchange customers paid from a hot wallet are not tainted even though they share a
 * pool with tainted funds.
 */
export function generateLaunderingScenario(options: LaunderingScenarioOptions = {}): LaunderingScenario {
  const o = {
    seed: options.seed ?? 1,
    users: options.users ?? 1000,
    days: options.days ?? 30,
    hotWallets: options.hotWallets ?? 2,
    sources: options.sources ?? 3,
    peelHops: options.peelHops ?? 8,
    layeringWidth: options.layeringWidth ?? 6,
    mixerDeposits: options.mixerDeposits ?? 10,
    mixerBackgroundUsers: options.mixerBackgroundUsers ?? 30,
  };
  const rng = simulationRandom(o.seed);
  const horizon = o.days * DAY;
  const addresses: string[] = [];
  const entities: number[] = [];
  const transfers: ScenarioTransfer[] = [];
  const taint = new Map<number, TaintTruth>();
  let entityCount = 0;

  const newEntity = (): number => entityCount++;
  const newAddress = (entity: number): number => {
    const index = addresses.length;
    // Opaque but deterministic: a mixed index, so roles are not readable from the address.
    const mixed = (Math.imul(index + 1, 0x9e3779b1) >>> 0).toString(16).padStart(8, '0');
    addresses.push(`0x${mixed}${index.toString(16).padStart(32, '0')}`);
    entities.push(entity);
    return index;
  };
  const send = (from: number, to: number, value: number, time: number): void => {
    transfers.push({ from, to, value, time });
  };
  const tainted = (address: number, source: number, hops: number): void => {
    const seen = taint.get(address);
    if (seen === undefined) taint.set(address, { sources: [source], hops });
    else {
      if (!seen.sources.includes(source)) seen.sources.push(source);
      seen.hops = Math.min(seen.hops, hops);
    }
  };

  const exchange = newEntity();
  const hotWallets = Array.from({ length: o.hotWallets }, () => newAddress(exchange));
  const hot = (): number => hotWallets[rng.int(hotWallets.length)] as number;
  /** A deposit address of owner's at the exchange, paid by `from`, swept to a hot wallet promptly. */
  const depositVia = (deposit: number, from: number, value: number, time: number): number => {
    send(from, deposit, value, time);
    const wallet = hot();
    send(deposit, wallet, value, time + MINUTE + rng.int(6 * HOUR));
    return wallet;
  };

  // Background users.
  interface User {
    wallets: number[];
    deposit: number;
    start: number;
    activity: number;
  }
  const users: User[] = [];
  for (let u = 0; u < o.users; u++) {
    const entity = newEntity();
    const walletCount = rng.next() < 0.6 ? 1 : 2 + rng.int(3);
    const wallets = Array.from({ length: walletCount }, () => newAddress(entity));
    const deposit = rng.next() < 0.7 ? newAddress(entity) : -1;
    // Pareto(1.2) activity, capped so one user cannot dominate a small scenario.
    const activity = Math.min(50, (1 - rng.next()) ** (-1 / 1.2));
    const start = START + rng.int(Math.floor(horizon * 0.2));
    users.push({ wallets, deposit, start, activity });
    const main = wallets[0] as number;
    send(hot(), main, 5 + rng.next() * 45, start);
    for (let w = 1; w < walletCount; w++) {
      send(main, wallets[w] as number, 1 + rng.next() * 5, start + 5 * MINUTE + rng.int(30 * MINUTE));
    }
  }
  // Counterparties are drawn with a skew toward low indices: a few popular users, a long tail.
  const popularUser = (): User => users[Math.floor(o.users * rng.next() ** 2)] as User;
  for (const user of users) {
    const count = Math.max(1, Math.round(user.activity * 3));
    for (let i = 0; i < count; i++) {
      const time = user.start + HOUR + rng.int(Math.max(1, START + horizon - user.start - HOUR));
      const wallet = user.wallets[rng.int(user.wallets.length)] as number;
      const value = 0.05 + rng.next() ** 2 * 5;
      const kind = rng.next();
      const peer = popularUser();
      if (kind < 0.5 && peer !== user && peer.start < time)
        send(wallet, peer.wallets[0] as number, value, time);
      else if (kind < 0.8) {
        if (user.deposit >= 0) depositVia(user.deposit, wallet, value, time);
        else send(wallet, hot(), value, time);
      } else send(hot(), wallet, value, time);
    }
  }

  // The mixer: one pool; clean users deposit and later withdraw to fresh addresses of their own.
  const mixerEntity = newEntity();
  const mixerPool = newAddress(mixerEntity);
  const mixer: ScenarioMixer = {
    pool: mixerPool,
    denomination: MIXER_DENOMINATION,
    fee: 1 - MIXER_PAYOUT,
    deposits: [],
    withdrawals: [],
  };
  /** One note: deposited by `from`, redeemed to `to` at withdrawAt; both recorded with the truth. */
  const mix = (from: number, depositAt: number, to: number, withdrawAt: number): void => {
    send(from, mixerPool, MIXER_DENOMINATION, depositAt);
    const payout = MIXER_DENOMINATION * MIXER_PAYOUT;
    send(mixerPool, to, payout, withdrawAt);
    mixer.deposits.push({ address: from, amount: MIXER_DENOMINATION, time: depositAt });
    mixer.withdrawals.push({
      address: to,
      amount: payout,
      time: withdrawAt,
      deposit: mixer.deposits.length - 1,
    });
  };
  for (let i = 0; i < o.mixerBackgroundUsers; i++) {
    const user = users[rng.int(users.length)] as User;
    const time = user.start + HOUR + rng.int(Math.max(1, START + horizon - user.start - 2 * DAY));
    const fresh = newAddress(entities[user.wallets[0] as number] as number);
    mix(user.wallets[0] as number, time, fresh, time + 2 * HOUR + rng.int(2 * DAY));
  }

  const sources: ScenarioSource[] = [];
  for (let s = 0; s < o.sources; s++) {
    const category = s % 2 === 0 ? 'hack' : 'sanctions';
    launder(s, category);
  }

  function launder(index: number, category: ScenarioSource['category']): void {
    const attacker = newEntity();
    const victim = newAddress(newEntity());
    const source = newAddress(attacker);
    sources.push({ address: source, category });
    const amount = 1000 + rng.next() * 4000;
    let t = START + Math.floor(horizon * (0.3 + 0.3 * (index / Math.max(1, o.sources)))) + rng.int(DAY);
    send(victim, source, amount, t);
    t += HOUR;

    // Peel chain: each hop forwards most of what it holds and peels a little to a cash-out.
    let held = amount * 0.4;
    let prev = source;
    for (let hop = 1; hop <= o.peelHops; hop++) {
      const next = newAddress(attacker);
      send(prev, next, held, t);
      tainted(next, source, hop);
      t += 10 * MINUTE + rng.int(3 * HOUR);
      const peel = held * (0.02 + rng.next() * 0.06);
      const cashOut = newAddress(attacker);
      const wallet = depositVia(cashOut, next, peel, t);
      tainted(cashOut, source, hop + 1);
      tainted(wallet, source, hop + 2);
      held -= peel;
      prev = next;
    }
    const lastDeposit = newAddress(attacker);
    tainted(lastDeposit, source, o.peelHops + 1);
    tainted(depositVia(lastDeposit, prev, held, t + HOUR), source, o.peelHops + 2);

    // Layering: split over fresh addresses, one more fresh hop each, then merge and cash out.
    t += HOUR;
    const part = (amount * 0.3) / o.layeringWidth;
    const merge = newAddress(attacker);
    let mergeAt = t;
    for (let j = 0; j < o.layeringWidth; j++) {
      const first = newAddress(attacker);
      const second = newAddress(attacker);
      const at = t + rng.int(30 * MINUTE);
      send(source, first, part, at);
      const secondAt = at + HOUR + rng.int(DAY);
      send(first, second, part * 0.999, secondAt);
      const mergedAt = secondAt + HOUR + rng.int(DAY);
      send(second, merge, part * 0.998, mergedAt);
      mergeAt = Math.max(mergeAt, mergedAt);
      tainted(first, source, 1);
      tainted(second, source, 2);
    }
    tainted(merge, source, 3);
    const mergeDeposit = newAddress(attacker);
    tainted(mergeDeposit, source, 4);
    tainted(depositVia(mergeDeposit, merge, amount * 0.3 * 0.99, mergeAt + HOUR), source, 5);

    // Mixer: an intermediate wallet deposits fixed denominations; fresh addresses withdraw later.
    const staging = newAddress(attacker);
    send(source, staging, MIXER_DENOMINATION * o.mixerDeposits, t + 2 * HOUR);
    tainted(staging, source, 1);
    tainted(mixerPool, source, 2);
    for (let d = 0; d < o.mixerDeposits; d++) {
      const depositAt = t + 3 * HOUR + d * (20 * MINUTE + rng.int(2 * HOUR));
      const withdrawal = newAddress(attacker);
      mix(staging, depositAt, withdrawal, depositAt + 6 * HOUR + rng.int(3 * DAY));
      tainted(withdrawal, source, 3);
    }
  }

  // Stable sort: transfers made at the same ms keep the order they were generated in.
  transfers.sort((a, b) => a.time - b.time);
  return {
    addresses,
    entityOf: Int32Array.from(entities),
    entityCount,
    transfers,
    sources,
    taint,
    hotWallets,
    mixerPool,
    mixer,
  };
}
