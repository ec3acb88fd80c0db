import { describe, expect, it } from 'vitest';
import { generateLaunderingScenario } from './launderingScenario.js';

describe('generateLaunderingScenario', () => {
  const scenario = generateLaunderingScenario({ users: 100, seed: 3, sources: 2 });

  it('is deterministic for a seed and differs across seeds', () => {
    const again = generateLaunderingScenario({ users: 100, seed: 3, sources: 2 });
    expect(again.transfers).toEqual(scenario.transfers);
    expect(again.addresses).toEqual(scenario.addresses);
    const other = generateLaunderingScenario({ users: 100, seed: 4, sources: 2 });
    expect(other.transfers).not.toEqual(scenario.transfers);
  });

  it('emits transfers in time order between known addresses, with distinct addresses', () => {
    const n = scenario.addresses.length;
    expect(new Set(scenario.addresses).size).toBe(n);
    for (let i = 0; i < scenario.transfers.length; i++) {
      const t = scenario.transfers[i];
      if (t === undefined) throw new Error('hole');
      expect(t.from).toBeGreaterThanOrEqual(0);
      expect(t.to).toBeLessThan(n);
      expect(t.value).toBeGreaterThan(0);
      if (i > 0) expect(t.time).toBeGreaterThanOrEqual(scenario.transfers[i - 1]?.time ?? 0);
    }
    expect(scenario.entityOf).toHaveLength(n);
  });

  it('taints only what the sources fed, each laundering address owned by its source', () => {
    expect(scenario.sources.map((s) => s.category)).toEqual(['hack', 'sanctions']);
    const sourceSet = new Set(scenario.sources.map((s) => s.address));
    for (const [address, truth] of scenario.taint) {
      expect(sourceSet.has(address)).toBe(false);
      expect(truth.hops).toBeGreaterThanOrEqual(1);
      for (const s of truth.sources) expect(sourceSet.has(s)).toBe(true);
    }
    // Peel hops, layering and mixer withdrawals of each source: 8 + 13 + 10 attacker addresses at least.
    for (const source of scenario.sources) {
      const owner = scenario.entityOf[source.address];
      const owned = [...scenario.taint.keys()].filter((a) => scenario.entityOf[a] === owner);
      expect(owned.length).toBeGreaterThanOrEqual(31);
    }
    // The mixer pool carries both sources' funds; the exchange hot wallets receive cash-outs.
    expect(scenario.taint.get(scenario.mixerPool)?.sources).toHaveLength(2);
    expect(scenario.hotWallets.some((h) => scenario.taint.has(h))).toBe(true);
  });

  it('gives background users sharing a deposit address or a funder one entity', () => {
    const deposits = scenario.transfers.filter((t) => scenario.hotWallets.includes(t.to));
    const depositAddress = deposits.find((t) => !scenario.taint.has(t.from))?.from;
    expect(depositAddress).toBeDefined();
    const payers = scenario.transfers.filter((t) => t.to === depositAddress).map((t) => t.from);
    for (const payer of payers)
      expect(scenario.entityOf[payer]).toBe(scenario.entityOf[depositAddress as number]);
  });
});

describe('the scenario mixer truth', () => {
  const options = { users: 100, seed: 3, sources: 2, mixerDeposits: 7, mixerBackgroundUsers: 12 };
  const scenario = generateLaunderingScenario(options);
  const { mixer } = scenario;

  it('records one deposit and one withdrawal per note, each a real pool transfer', () => {
    expect(mixer.pool).toBe(scenario.mixerPool);
    expect(mixer.deposits).toHaveLength(12 + 2 * 7);
    expect(mixer.withdrawals).toHaveLength(mixer.deposits.length);
    const key = (from: number, to: number, value: number, time: number) => `${from}>${to}:${value}@${time}`;
    const transfers = new Set(scenario.transfers.map((t) => key(t.from, t.to, t.value, t.time)));
    for (const d of mixer.deposits)
      expect(transfers.has(key(d.address, mixer.pool, d.amount, d.time))).toBe(true);
    for (const w of mixer.withdrawals)
      expect(transfers.has(key(mixer.pool, w.address, w.amount, w.time))).toBe(true);
    const poolTransfers = scenario.transfers.filter((t) => t.from === mixer.pool || t.to === mixer.pool);
    expect(poolTransfers).toHaveLength(2 * mixer.deposits.length);
  });

  it('pairs every withdrawal with a distinct earlier deposit of the same owner, to a fresh address', () => {
    const redeemed = new Set<number>();
    for (const w of mixer.withdrawals) {
      const d = mixer.deposits[w.deposit];
      if (d === undefined) throw new Error(`withdrawal names no deposit ${w.deposit}`);
      expect(redeemed.has(w.deposit)).toBe(false);
      redeemed.add(w.deposit);
      expect(w.time).toBeGreaterThan(d.time);
      expect(w.address).not.toBe(d.address);
      expect(scenario.entityOf[w.address]).toBe(scenario.entityOf[d.address]);
      // Only the withdrawal's own note touches the fresh address through the pool.
      expect(mixer.withdrawals.filter((o) => o.address === w.address)).toHaveLength(1);
    }
  });

  it('uses one denomination and random delays, so only timing separates notes', () => {
    expect(new Set(mixer.deposits.map((d) => d.amount))).toEqual(new Set([mixer.denomination]));
    const payout = mixer.denomination * (1 - mixer.fee);
    for (const w of mixer.withdrawals) expect(w.amount).toBeCloseTo(payout, 12);
    const delays = mixer.withdrawals.map((w) => w.time - (mixer.deposits[w.deposit]?.time ?? 0));
    expect(new Set(delays).size).toBe(delays.length);
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(2 * 3_600_000);
  });

  it('attributes each source’s mixer withdrawals to its own staging deposits', () => {
    for (const source of scenario.sources) {
      const owner = scenario.entityOf[source.address];
      const own = mixer.withdrawals.filter((w) => scenario.entityOf[w.address] === owner);
      expect(own).toHaveLength(7);
      const depositors = new Set(own.map((w) => mixer.deposits[w.deposit]?.address));
      expect(depositors.size).toBe(1);
      for (const w of own) expect(scenario.taint.get(w.address)?.sources).toEqual([source.address]);
    }
  });
});
