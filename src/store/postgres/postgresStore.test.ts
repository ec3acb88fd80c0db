import { afterAll, describe, expect, it } from 'vitest';
import { describeStoreContract } from '../storeContract.fixture.js';
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
const open = (schema: string) => openPostgresStore({ url: PG_TEST_URL, schema, poolSize: 8 });

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
});
