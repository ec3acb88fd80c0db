import type { LaunderingScenario, ScenarioMixer, ScenarioTransfer } from './launderingScenario.js';

/** The pool every hand scenario's mixer notes go through (address a0, an entity of its own). */
export const POOL = 0;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/**
 * A hand-written scenario for tests: entityOf gives the owners of addresses a0, a1, ...; notes are
 * mixer deposits [depositor, time] and their withdrawals [receiver, time], in the same order; the
 * pool transfers of the notes are added to `transfers`.
 */
export function handScenario(
  entityOf: number[],
  transfers: ScenarioTransfer[],
  notes: { from: number; at: number; to: number; withdrawAt: number }[] = [],
): LaunderingScenario {
  const mixer: ScenarioMixer = { pool: POOL, denomination: 10, fee: 0.01, deposits: [], withdrawals: [] };
  const all = [...transfers];
  for (const note of notes) {
    all.push({ from: note.from, to: POOL, value: 10, time: note.at });
    all.push({ from: POOL, to: note.to, value: 9.9, time: note.withdrawAt });
    mixer.deposits.push({ address: note.from, amount: 10, time: note.at });
    mixer.withdrawals.push({
      address: note.to,
      amount: 9.9,
      time: note.withdrawAt,
      deposit: mixer.deposits.length - 1,
    });
  }
  all.sort((a, b) => a.time - b.time);
  return {
    addresses: entityOf.map((_, i) => `a${i}`),
    entityOf: Int32Array.from(entityOf),
    entityCount: Math.max(...entityOf) + 1,
    transfers: all,
    sources: [],
    taint: new Map(),
    hotWallets: [],
    mixerPool: POOL,
    mixer,
  };
}
