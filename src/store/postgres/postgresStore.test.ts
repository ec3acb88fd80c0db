import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { CONTRACT_GRAPH_CHUNK_BYTES, describeStoreContract } from '../storeContract.fixture.js';
import { POSTGRES_MIGRATIONS } from './migrations.js';
import { openPostgresStore } from './postgresStore.js';
import {
  describePostgres,
  dropSchema,
  PG_TEST_URL,
  postgresUnavailable,
  randomSchema,
} from './testServer.fixture.js';

const unavailable = await postgresUnavailable();
const latest = Math.max(...POSTGRES_MIGRATIONS.map((m) => m.version));
const open = (schema: string, graphChunkBytes = CONTRACT_GRAPH_CHUNK_BYTES) =>
  openPostgresStore({ url: PG_TEST_URL, schema, poolSize: 8, graphChunkBytes });

describePostgres('postgres store', unavailable, () => {
  const schema = randomSchema();
  const fresh = randomSchema();
  afterAll(async () => {
    await dropSchema(schema);
    await dropSchema(fresh);
  });

  describeStoreContract(`postgres (schema ${schema})`, () => open(schema));

  describe('migrations', () => {
    it('migrate() twice is a no-op that reports the same version', async () => {
      const store = await open(schema);
      expect(await store.migrate()).toBe(latest);
      expect(await store.migrate()).toBe(latest);
      await store.close();
      await store.close();
    });

    it('two stores opening one fresh schema at once both succeed', async () => {
      const stores = await Promise.all([open(fresh), open(fresh), open(fresh)]);
      for (const store of stores) expect(await store.migrate()).toBe(latest);
      await stores[0]?.alerts.count({});
      await Promise.all(stores.map((s) => s.close()));
    });

    it('rejects a schema name that is not a plain identifier', async () => {
      await expect(open('bad"; DROP TABLE x; --')).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
    });
  });

  describe('graph snapshots', () => {
    it('are stored in chunks of graphChunkBytes, and a save drops the old ones', async () => {
      const store = await open(schema, 10);
      const raw = new pg.Client({ connectionString: PG_TEST_URL, options: `-c search_path=${schema}` });
      await raw.connect();
      try {
        const chunks = async () =>
          (
            await raw.query<{ n: number }>(
              "SELECT length(data) AS n FROM graph_snapshot_chunks WHERE name = 'g' ORDER BY chunk",
            )
          ).rows;
        await store.graphs.save({ name: 'g', data: new Uint8Array(35), nodes: 1, edges: 1, at: 1 });
        expect(await chunks()).toEqual([{ n: 10 }, { n: 10 }, { n: 10 }, { n: 5 }]);
        await store.graphs.save({ name: 'g', data: new Uint8Array(12), nodes: 1, edges: 1, at: 2 });
        expect(await chunks()).toEqual([{ n: 10 }, { n: 2 }]);
      } finally {
        await raw.end();
        await store.close();
      }
    });
  });
});
