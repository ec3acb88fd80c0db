import { describe, expect, it } from 'vitest';
import { parseTransferEvent, type TransferEvent, transferEventKey } from '../../core/transferEvent.js';
import { DEFAULT_PRICES } from './assets.js';
import { JURISDICTIONS, localHourAt } from './jurisdictions.js';
import { serializeTransfer } from './serializeTransfer.js';
import { createSimulation, simulateTransfers } from './simulateTransfers.js';

const DAY = 86_400_000;
const small = { accounts: 400, days: 20, seed: 11 };

describe('simulateTransfers', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const run = (seed: number) => [...simulateTransfers({ ...small, seed })].map(serializeTransfer);
    const first = run(11);
    expect(first.length).toBeGreaterThan(1000);
    expect(run(11)).toEqual(first);
    const other = run(12);
    expect(other.slice(0, 50)).not.toEqual(first.slice(0, 50));
  });

  it('yields the same stream on every pass over one simulation', () => {
    const stream = simulateTransfers(small);
    const keys = (s: Iterable<TransferEvent>) => [...s].map((e) => e.key);
    expect(keys(stream)).toEqual(keys(stream));
  });

  it('yields valid, uniquely keyed events in time order', () => {
    const events = [...simulateTransfers(small)];
    const keys = new Set<string>();
    let last = Number.NEGATIVE_INFINITY;
    const problems: string[] = [];
    for (const e of events) {
      if (e.time < last) problems.push(`${e.key} out of order`);
      last = e.time;
      const parsed = parseTransferEvent(JSON.parse(serializeTransfer(e)));
      if (!parsed.ok) problems.push(`${e.key}: ${parsed.reason}`);
      if (e.key !== transferEventKey(e)) problems.push(`${e.key} is not its derived key`);
      keys.add(e.key);
    }
    expect(problems).toEqual([]);
    expect(keys.size).toBe(events.length);
  });

  it('serializes as JSON that parses back to the same event, key included', () => {
    const events = [...simulateTransfers(small)];
    // A sample from the start plus one of each sender/recipient kind.
    const sample = [
      ...events.slice(0, 300),
      ...new Map(events.map((e) => [`${e.fromKind}>${e.toKind}`, e])).values(),
    ];
    for (const e of sample) {
      const line = serializeTransfer(e);
      const { key: _key, ...withoutKey } = e;
      expect(line).toBe(JSON.stringify(withoutKey));
      const parsed = parseTransferEvent(JSON.parse(line));
      expect(parsed.ok && parsed.event).toEqual(e);
    }
  });
});

describe('the simulated population', () => {
  const simulation = createSimulation({ accounts: 2000, days: 14, seed: 5, typologies: { structuring: 0 } });
  const events = [...simulation.events()];
  const inStream = events.filter((e) => e.time >= simulation.streamStart);
  const customers = new Set(simulation.accounts);
  const sentBy = new Map<string, TransferEvent[]>();
  for (const e of inStream) {
    if (e.fromKind !== 'customer') continue;
    const list = sentBy.get(e.from) ?? [];
    list.push(e);
    sentBy.set(e.from, list);
  }

  it('has 0x addresses, a mix of jurisdictions, and every kind of flow', () => {
    for (const address of simulation.accounts) expect(address).toMatch(/^0x[0-9a-f]{40}$/);
    const codes = new Set(inStream.map((e) => e.fromJurisdiction).filter(Boolean));
    expect(codes.size).toBeGreaterThanOrEqual(15);
    for (const code of codes) expect(JURISDICTIONS.map((j) => j.code)).toContain(code);
    const flows = new Set(inStream.map((e) => `${e.fromKind}->${e.toKind}`));
    for (const flow of [
      'external->customer',
      'customer->external',
      'customer->contract',
      'customer->customer',
      'customer->hot-wallet',
    ]) {
      expect(flows).toContain(flow);
    }
    expect([...flows].some((f) => f.includes('cold-wallet'))).toBe(true);
  });

  it('prices amounts consistently in three assets', () => {
    const assets = new Set<string>();
    let worst = 0;
    for (const e of events) {
      assets.add(e.asset);
      const price = DEFAULT_PRICES[e.asset as keyof typeof DEFAULT_PRICES];
      worst = Math.max(worst, Math.abs((e.valueUsd as number) - e.amount * price));
    }
    // valueUsd is amount · price rounded to the cent.
    expect(worst).toBeLessThanOrEqual(0.005 + 1e-9);
    expect([...assets].sort()).toEqual(['ETH', 'USDC', 'USDT']);
  });

  it('gives accounts heavy-tailed sizes and very different activity', () => {
    const medians: number[] = [];
    const counts: number[] = [];
    for (const list of sentBy.values()) {
      counts.push(list.length);
      const values = list.map((e) => e.valueUsd as number).sort((x, y) => x - y);
      medians.push(values[Math.floor(values.length / 2)] as number);
    }
    medians.sort((x, y) => x - y);
    counts.sort((x, y) => x - y);
    const q = (xs: number[], p: number) => xs[Math.floor(p * (xs.length - 1))] as number;
    // Typical sizes span orders of magnitude, and the top 1% of senders dwarf the median one.
    expect(q(medians, 0.99) / q(medians, 0.1)).toBeGreaterThan(50);
    expect(q(counts, 0.99) / q(counts, 0.5)).toBeGreaterThan(10);
    // Many accounts (the dormant and the occasional) send nothing in two weeks.
    expect(sentBy.size).toBeLessThan(customers.size * 0.8);
  });

  it('follows a daily cycle in each account’s local time', () => {
    const offset = new Map(JURISDICTIONS.map((j) => [j.code, j.utcOffset]));
    let night = 0;
    let evening = 0;
    for (const list of sentBy.values()) {
      for (const e of list) {
        const hour = localHourAt(e.time, offset.get(e.fromJurisdiction as string) ?? 0);
        if (hour >= 2 && hour < 6) night++;
        if (hour >= 18 && hour < 22) evening++;
      }
    }
    expect(evening).toBeGreaterThan(night * 5);
  });

  it('mostly pays habitual counterparties and sometimes new ones', () => {
    const seen = new Map<string, Set<string>>();
    let repeat = 0;
    let fresh = 0;
    for (const e of events) {
      if (e.fromKind !== 'customer' || e.toKind !== 'external') continue;
      const mine = seen.get(e.from) ?? new Set<string>();
      if (mine.has(e.to)) repeat++;
      else if (mine.size > 0) fresh++;
      mine.add(e.to);
      seen.set(e.from, mine);
    }
    expect(repeat).toBeGreaterThan(fresh * 2);
    expect(fresh).toBeGreaterThan(0);
  });

  it('gives dormant accounts a last activity before the stream', () => {
    const before = events.filter((e) => e.time < simulation.streamStart);
    expect(before.length).toBeGreaterThan(100);
    const closest = Math.min(...before.map((e) => simulation.streamStart - e.time));
    expect(closest).toBeGreaterThanOrEqual(7 * DAY - 1);
  });
});
