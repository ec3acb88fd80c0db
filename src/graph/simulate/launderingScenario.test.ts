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
