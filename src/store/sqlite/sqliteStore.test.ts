import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { CONTRACT_GRAPH_CHUNK_BYTES, describeStoreContract } from '../storeContract.fixture.js';
import { SQLITE_MIGRATIONS } from './migrations.js';
import { openSqliteStore } from './sqliteStore.js';

const dir = mkdtempSync(join(tmpdir(), 'argus-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const graphChunkBytes = CONTRACT_GRAPH_CHUNK_BYTES;
describeStoreContract('sqlite :memory:', async () => openSqliteStore({ path: ':memory:', graphChunkBytes }));
describeStoreContract('sqlite file', async () =>
  openSqliteStore({ path: join(dir, 'contract', 'argus.db'), graphChunkBytes }),
);

describe('sqlite store files', () => {
  const latest = Math.max(...SQLITE_MIGRATIONS.map((m) => m.version));

  it('keeps data across a reopen without migrating again', async () => {
    const path = join(dir, 'reopen.db');
    const first = openSqliteStore({ path, synchronous: 'full' });
    await first.apiKeys.create({ id: 'key_1', name: 'ci', hash: 'h1', createdAt: 1 });
    await first.close();
    await first.close();
    const second = openSqliteStore({ path });
    expect(await second.migrate()).toBe(latest);
    expect((await second.apiKeys.list()).map((k) => k.id)).toEqual(['key_1']);
    await second.close();
  });

  it('lets a second connection open a file another one migrated', async () => {
    const path = join(dir, 'twice.db');
    const [a, b] = [openSqliteStore({ path }), openSqliteStore({ path })];
    expect([await a.migrate(), await b.migrate()]).toEqual([latest, latest]);
    await a.close();
    await b.close();
  });

  it('stores graph snapshots in chunks of graphChunkBytes and drops the old ones on a save', async () => {
    const path = join(dir, 'chunks.db');
    const store = openSqliteStore({ path, graphChunkBytes: 10 });
    const raw = new Database(path, { readonly: true });
    const chunks = () =>
      raw
        .prepare('SELECT length(data) AS n FROM graph_snapshot_chunks WHERE name = ? ORDER BY chunk')
        .all('g');
    await store.graphs.save({ name: 'g', data: new Uint8Array(35), nodes: 1, edges: 1, at: 1 });
    expect(chunks()).toEqual([{ n: 10 }, { n: 10 }, { n: 10 }, { n: 5 }]);
    await store.graphs.save({ name: 'g', data: new Uint8Array(12), nodes: 1, edges: 1, at: 2 });
    expect(chunks()).toEqual([{ n: 10 }, { n: 2 }]);
    raw.close();
    await store.close();
  });

  it('reports a path it cannot create as STORE_FAILED naming the config key', () => {
    const blocked = join(dir, 'reopen.db', 'inside-a-file.db');
    expect(() => openSqliteStore({ path: blocked })).toThrow(
      expect.objectContaining({ code: 'STORE_FAILED', hint: expect.stringContaining('store.sqlite.path') }),
    );
  });
});
