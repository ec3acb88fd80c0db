import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../core/config/schema.js';
import { parseTransferEvent, type TransferEvent } from '../../core/transferEvent.js';
import { openSqliteStore } from '../../store/sqlite/sqliteStore.js';
import { openGraphWatch } from './openGraphWatch.js';

const dir = mkdtempSync(join(tmpdir(), 'argus-graph-watch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const addr = (n: number): string => `0x${n.toString(16).padStart(40, '0')}`;
const THIEF = addr(0xbad);

function transfer(from: string, to: string, time: number, chain = 'ethereum'): TransferEvent {
  const parsed = parseTransferEvent({ chain, time, from, to, amount: 1, valueUsd: 100 });
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.event;
}

describe('openGraphWatch', () => {
  it('loads the stored labels, saves the graphs through the store and restores them on the next run', async () => {
    const store = openSqliteStore({ path: join(dir, 'store.db') });
    try {
      await store.migrate();
      await store.labels.upsertMany([
        {
          chain: 'ethereum',
          address: THIEF,
          category: 'hack',
          label: 'Thief',
          source: 'defihacklabs',
          sourceRef: 'incidents.csv:1',
          importedAt: '2026-11-27T00:00:00.000Z',
        },
      ]);
      const config = ConfigSchema.parse({}).graph;
      const first = await openGraphWatch(store, config);
      expect(first.labels).toBe(1);
      expect(first.restored).toEqual([]);
      expect(first.watch.observe(transfer(THIEF, addr(1), 1_000))).toHaveLength(1);
      first.watch.observe(transfer(addr(1), addr(2), 2_000));
      first.watch.observe(transfer(addr(1), addr(2), 3_000, 'polygon'));
      const saved = await first.save(5_000);
      expect(saved.map((s) => s.chain).sort()).toEqual(['ethereum', 'polygon']);

      const second = await openGraphWatch(store, { ...config, chains: ['ethereum'] });
      expect(second.restored).toEqual([{ chain: 'ethereum', nodes: 3, edges: 2 }]);
      expect(second.watch.riskOf('ethereum', addr(2))).toBeCloseTo(0.9, 6);
      // The restored graph keeps growing where the last run stopped.
      second.watch.observe(transfer(addr(2), addr(3), 6_000));
      expect(second.watch.graphs().get('ethereum')?.edgeCount).toBe(3);
    } finally {
      await store.close();
    }
  });

  it('adds the privacy watch after the graph when addresses are listed, and refuses a malformed one', async () => {
    const store = openSqliteStore({ path: ':memory:' });
    try {
      await store.migrate();
      const config = ConfigSchema.parse({ graph: { privacy: { watch: [{ address: addr(7) }] } } }).graph;
      const opened = await openGraphWatch(store, config);
      expect(opened.observers).toEqual([opened.watch, opened.privacy]);
      const bad = ConfigSchema.parse({ graph: { privacy: { watch: [{ address: '0x12345' }] } } }).graph;
      await expect(openGraphWatch(store, bad)).rejects.toThrow(/graph\.privacy\.watch\.0\.address/);
    } finally {
      await store.close();
    }
  });
});
