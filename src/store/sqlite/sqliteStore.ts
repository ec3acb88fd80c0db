import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { ArgusError } from '../../core/errors.js';
import type { Store } from '../types.js';
import { sqliteActions } from './actions.js';
import { sqliteAlerts } from './alerts.js';
import { sqliteAuditReports } from './auditReports.js';
import { sqliteAuthChallenges } from './authChallenges.js';
import { sqliteAuthDecisions } from './authDecisions.js';
import { sqliteAuthProfiles } from './authProfiles.js';
import { sqliteGraphSnapshots } from './graphSnapshots.js';
import { sqliteIntelDocuments } from './intelDocuments.js';
import { sqliteLabels } from './labels.js';
import { sqliteMfaFactors } from './mfaFactors.js';
import { SQLITE_MIGRATIONS } from './migrations.js';
import { sqliteModelHealth } from './modelHealth.js';
import { sqlitePipeline } from './pipeline.js';
import { sqliteApiKeys, sqliteModels, sqliteStepUps, sqliteSweeps } from './small.js';
import { sqliteSourceCursors } from './sourceCursors.js';
import { sqliteTransfers } from './transfers.js';
import { sqliteTrustedDevices } from './trustedDevices.js';
import { startWalCheckpointer, type WalCheckpointer } from './walCheckpointer.js';

export interface SqliteStoreOptions {
  /** File path, or ':memory:' for tests. */
  path: string;
  /** 'normal' (default) loses nothing when the process dies; 'full' also survives power loss. */
  synchronous?: 'normal' | 'full';
  /** How often a background thread checkpoints the WAL into the database file; 500 ms by default. */
  checkpointIntervalMs?: number;
  /** Where background checkpoint failures are reported; stderr by default. */
  onCheckpointError?: (message: string) => void;
  /** Bytes per stored graph snapshot chunk; 8 MiB by default. Tests lower it to cover chunking cheaply. */
  graphChunkBytes?: number;
}

/** A backstop only: should the checkpoint thread stall, commits checkpoint themselves past 40 MB of WAL. */
const AUTOCHECKPOINT_PAGES = 10_000;

function applyMigrations(db: Database.Database): number {
  const migrate = db.transaction((): number => {
    db.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)',
    );
    const applied = new Set(
      (db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map(
        (r) => r.version,
      ),
    );
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    for (const m of SQLITE_MIGRATIONS) {
      if (applied.has(m.version)) continue;
      db.exec(m.sql);
      record.run(m.version, m.name, Date.now());
    }
    const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
    return row.v ?? 0;
  });
  // IMMEDIATE holds the write lock from the first read, so two processes opening a new file at once
  // cannot both decide that version 1 is missing.
  return migrate.immediate();
}

function openDatabase(options: SqliteStoreOptions): Database.Database {
  let db: Database.Database | undefined;
  try {
    if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
    db = new Database(options.path);
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    applyMigrations(db);
    return db;
  } catch (cause) {
    db?.close();
    throw new ArgusError(
      'STORE_FAILED',
      `cannot open SQLite store at ${options.path}: ${(cause as Error).message}`,
      {
        input: options.path,
        hint: 'check store.sqlite.path in the config and that its folder is writable',
        cause,
      },
    );
  }
}

/** Opens (creating if needed) the embedded store and applies pending migrations. */
export function openSqliteStore(options: SqliteStoreOptions): Store {
  const db = openDatabase(options);
  let checkpointer: WalCheckpointer | undefined;
  if (options.path !== ':memory:') {
    db.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
    checkpointer = startWalCheckpointer(
      options.path,
      options.checkpointIntervalMs ?? 500,
      options.onCheckpointError ??
        ((message) => process.stderr.write(`argus: WAL checkpoint failed: ${message}\n`)),
    );
  }
  return {
    kind: 'sqlite',
    alerts: sqliteAlerts(db),
    pipeline: sqlitePipeline(db),
    actions: sqliteActions(db),
    transfers: sqliteTransfers(db),
    stepUps: sqliteStepUps(db),
    sweeps: sqliteSweeps(db),
    models: sqliteModels(db),
    apiKeys: sqliteApiKeys(db),
    labels: sqliteLabels(db),
    graphs: sqliteGraphSnapshots(db, options.graphChunkBytes),
    authProfiles: sqliteAuthProfiles(db),
    mfaFactors: sqliteMfaFactors(db),
    trustedDevices: sqliteTrustedDevices(db),
    authChallenges: sqliteAuthChallenges(db),
    authDecisions: sqliteAuthDecisions(db),
    intelDocuments: sqliteIntelDocuments(db),
    sourceCursors: sqliteSourceCursors(db),
    auditReports: sqliteAuditReports(db),
    modelHealth: sqliteModelHealth(db),
    async migrate() {
      return applyMigrations(db);
    },
    async close() {
      await checkpointer?.close();
      checkpointer = undefined;
      if (db.open) db.close();
    },
  };
}
