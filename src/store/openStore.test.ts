import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigSchema } from '../core/config/schema.js';
import { openStore } from './openStore.js';

const dir = mkdtempSync(join(tmpdir(), 'argus-open-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const storeConfig = (store: object) => ConfigSchema.parse({ store }).store;

describe('openStore', () => {
  it('resolves a relative SQLite path against the config folder', async () => {
    const store = await openStore(storeConfig({ sqlite: { path: 'data/argus.db' } }), dir);
    expect(store.kind).toBe('sqlite');
    expect(existsSync(join(dir, 'data', 'argus.db'))).toBe(true);
    await store.close();
  });

  it('keeps an absolute path and :memory: as they are', async () => {
    const absolute = join(dir, 'absolute.db');
    const onDisk = await openStore(storeConfig({ sqlite: { path: absolute } }), '/nonexistent');
    await onDisk.close();
    expect(existsSync(absolute)).toBe(true);
    const inMemory = await openStore(storeConfig({ sqlite: { path: ':memory:' } }), dir);
    expect(existsSync(join(dir, ':memory:'))).toBe(false);
    await inMemory.close();
  });

  it('reports an unreachable PostgreSQL server as STORE_FAILED naming store.postgres.url', async () => {
    const config = storeConfig({
      driver: 'postgres',
      postgres: { url: 'postgres://argus:s3cret@127.0.0.1:1/argus' },
    });
    const failure = openStore(config, dir);
    await expect(failure).rejects.toMatchObject({
      code: 'STORE_FAILED',
      hint: expect.stringContaining('store.postgres.url'),
    });
    await expect(failure).rejects.not.toThrow(/s3cret/);
  });
});
