import { isAbsolute, resolve } from 'node:path';
import type { ArgusConfig } from '../core/config/schema.js';
import { openPostgresStore } from './postgres/postgresStore.js';
import { openSqliteStore } from './sqlite/sqliteStore.js';
import type { Store } from './types.js';

/**
 * Opens the configured store. A relative SQLite path is relative to the config file's folder, not to
 * wherever the process was started. Both drivers report failures as STORE_FAILED with a hint naming the key.
 */
export async function openStore(config: ArgusConfig['store'], baseDir: string): Promise<Store> {
  if (config.driver === 'postgres') return openPostgresStore(config.postgres);
  const { path, synchronous } = config.sqlite;
  const file = path === ':memory:' || isAbsolute(path) ? path : resolve(baseDir, path);
  return openSqliteStore({ path: file, synchronous });
}
