import pg from 'pg';
import { ArgusError } from '../../core/errors.js';
import type { Store } from '../types.js';
import { postgresActions } from './actions.js';
import { postgresAlerts } from './alerts.js';
import { postgresAuditReports } from './auditReports.js';
import { postgresAuthChallenges } from './authChallenges.js';
import { postgresAuthDecisions } from './authDecisions.js';
import { postgresAuthProfiles } from './authProfiles.js';
import { postgresGraphSnapshots } from './graphSnapshots.js';
import { postgresIntelDocuments } from './intelDocuments.js';
import { postgresLabels } from './labels.js';
import { postgresMfaFactors } from './mfaFactors.js';
import { applyPostgresMigrations } from './migrations.js';
import { postgresModelHealth } from './modelHealth.js';
import { postgresPipeline } from './pipeline.js';
import { postgresApiKeys, postgresModels, postgresStepUps, postgresSweeps } from './small.js';
import { postgresSourceCursors } from './sourceCursors.js';
import { postgresTransfers } from './transfers.js';
import { postgresTrustedDevices } from './trustedDevices.js';

export interface PostgresStoreOptions {
  /** Connection string, e.g. postgres://argus@db.internal:5432/argus. */
  url: string;
  /** Schema that holds every table; created if missing. */
  schema: string;
  poolSize: number;
  /** Bytes per stored graph snapshot chunk; 8 MiB by default. Tests lower it to cover chunking cheaply. */
  graphChunkBytes?: number;
}

/** The schema name is spliced into SQL and the connection options, so it must be a plain identifier. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]*$/;

/** The URL without its password, fit for messages and logs. */
function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}

/** Node reports a refused dual-stack connection as an AggregateError with an empty message. */
function reason(cause: unknown): string {
  const err = cause as { message?: string; code?: string } | null;
  return err?.message || err?.code || String(cause);
}

async function connect(options: PostgresStoreOptions): Promise<pg.Pool> {
  if (!SCHEMA_NAME.test(options.schema)) {
    throw new ArgusError(
      'CONFIG_INVALID',
      `store.postgres.schema "${options.schema}" is not a valid schema name`,
      {
        input: options.schema,
        hint: 'use a lower-case SQL identifier such as "argus"',
      },
    );
  }
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize,
    options: `-c search_path=${options.schema}`,
    application_name: 'argus',
    connectionTimeoutMillis: 10_000,
  });
  // An idle connection that the server drops is removed by the pool and replaced on the next query;
  // without a listener the 'error' event would crash the process instead.
  pool.on('error', () => {});
  const where = `${redact(options.url)} (schema ${options.schema})`;
  try {
    (await pool.connect()).release();
  } catch (cause) {
    await pool.end();
    throw new ArgusError('STORE_FAILED', `cannot connect to PostgreSQL at ${where}: ${reason(cause)}`, {
      input: redact(options.url),
      hint: 'check store.postgres.url in the config (host, port, database, role) and that the server is running',
      cause,
    });
  }
  try {
    await applyPostgresMigrations(pool, options.schema);
  } catch (cause) {
    await pool.end();
    throw new ArgusError('STORE_FAILED', `cannot migrate PostgreSQL store at ${where}: ${reason(cause)}`, {
      input: options.schema,
      hint: 'the role in store.postgres.url needs the right to create store.postgres.schema and tables in it',
      cause,
    });
  }
  return pool;
}

/** Opens the shared store: connects, applies pending migrations, and returns the repositories. */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<Store> {
  const pool = await connect(options);
  let closed = false;
  return {
    kind: 'postgres',
    alerts: postgresAlerts(pool),
    pipeline: postgresPipeline(pool),
    actions: postgresActions(pool),
    transfers: postgresTransfers(pool),
    stepUps: postgresStepUps(pool),
    sweeps: postgresSweeps(pool),
    models: postgresModels(pool),
    apiKeys: postgresApiKeys(pool),
    labels: postgresLabels(pool),
    graphs: postgresGraphSnapshots(pool, options.graphChunkBytes),
    authProfiles: postgresAuthProfiles(pool),
    mfaFactors: postgresMfaFactors(pool),
    trustedDevices: postgresTrustedDevices(pool),
    authChallenges: postgresAuthChallenges(pool),
    authDecisions: postgresAuthDecisions(pool),
    intelDocuments: postgresIntelDocuments(pool),
    sourceCursors: postgresSourceCursors(pool),
    auditReports: postgresAuditReports(pool),
    modelHealth: postgresModelHealth(pool),
    async migrate() {
      return applyPostgresMigrations(pool, options.schema);
    },
    async close() {
      // pg rejects a second end(); closing twice is harmless for the SQLite store, so it is here too.
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}
