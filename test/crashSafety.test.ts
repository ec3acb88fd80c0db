import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { openPostgresStore } from '../src/store/postgres/postgresStore.js';
import {
  describePostgres,
  dropSchema,
  PG_TEST_URL,
  postgresUnavailable,
  randomSchema,
} from '../src/store/postgres/testServer.fixture.js';
import { openSqliteStore } from '../src/store/sqlite/sqliteStore.js';
import type { Store } from '../src/store/types.js';

/*
 * A writer process is killed with SIGKILL in the middle of committing alerts. Whatever it acknowledged
 * (printed after the commit resolved) must survive, and nothing may be half written: every stored alert
 * has exactly the two actions it was committed with, each with its 'queued' event.
 */

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WRITER = fileURLToPath(new URL('./fixtures/crashWriter.ts', import.meta.url));
const ACKS_BEFORE_KILL = 300;
const TIMEOUT = 60_000;

/** Runs the writer until it has acknowledged enough alerts, kills it, and returns every id it printed. */
function writeUntilKilled(args: string[]): Promise<string[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER, ...args], { cwd: ROOT });
  const acked: string[] = [];
  let pending = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  child.stdout.on('data', (chunk: Buffer) => {
    const lines = (pending + chunk.toString()).split('\n');
    // A line without its newline may be cut off mid-id; only whole lines count as acknowledged.
    pending = lines.pop() ?? '';
    acked.push(...lines);
    if (acked.length >= ACKS_BEFORE_KILL && child.signalCode === null) child.kill('SIGKILL');
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    // 'close' rather than 'exit': lines already in the pipe when the kill landed are acknowledged too.
    child.on('close', (code, signal) => {
      if (signal === 'SIGKILL') resolve(acked);
      else reject(new Error(`writer ended by itself (code ${code}) after ${acked.length} ids:\n${stderr}`));
    });
  });
}

async function expectAcknowledged(store: Store, acked: string[]): Promise<void> {
  expect(acked.length).toBeGreaterThanOrEqual(ACKS_BEFORE_KILL);
  for (const id of acked) {
    const alert = await store.alerts.get(id);
    expect(alert?.id, `acknowledged alert ${id}`).toBe(id);
    expect((await store.actions.list({ alertId: id })).items).toHaveLength(2);
  }
  expect(await store.alerts.count({})).toBeGreaterThanOrEqual(acked.length);
}

const HALF_WRITTEN = `
  SELECT a.id FROM alerts a
  WHERE (SELECT COUNT(*) FROM actions c WHERE c.alert_id = a.id) <> 2
     OR EXISTS (SELECT 1 FROM actions c WHERE c.alert_id = a.id
                AND NOT EXISTS (SELECT 1 FROM action_events e WHERE e.action_id = c.id AND e.kind = 'queued'))`;

const dir = mkdtempSync(join(tmpdir(), 'argus-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it(
  'sqlite: a killed writer loses no acknowledged alert and leaves an intact database',
  async () => {
    const path = join(dir, 'crash.db');
    const acked = await writeUntilKilled(['sqlite', path]);

    const store = openSqliteStore({ path });
    await expectAcknowledged(store, acked);
    await store.close();

    const db = new Database(path);
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
      expect(db.prepare(HALF_WRITTEN).all()).toEqual([]);
    } finally {
      db.close();
    }
  },
  TIMEOUT,
);

const unavailable = await postgresUnavailable();

describePostgres('postgres crash safety', unavailable, () => {
  const schema = randomSchema();
  afterAll(() => dropSchema(schema));

  it(
    'a writer killed mid-transaction loses no acknowledged alert and leaves no half-written one',
    async () => {
      const acked = await writeUntilKilled(['postgres', PG_TEST_URL, schema]);

      const store = await openPostgresStore({ url: PG_TEST_URL, schema, poolSize: 2 });
      try {
        await expectAcknowledged(store, acked);
      } finally {
        await store.close();
      }

      const client = new pg.Client({ connectionString: PG_TEST_URL, options: `-c search_path=${schema}` });
      await client.connect();
      try {
        expect((await client.query(HALF_WRITTEN)).rows).toEqual([]);
      } finally {
        await client.end();
      }
    },
    TIMEOUT,
  );
});
