import type pg from 'pg';
import { inTransaction } from './db.js';

/**
 * Versioned schema for the shared store; append new versions, never edit applied ones. Mirrors the SQLite
 * schema: BIGSERIAL seq for paging, BIGINT epoch-ms times, JSONB bodies, BYTEA model data.
 */
export const POSTGRES_MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'alerts, actions, transfers, step-ups, sweeps, models, api keys',
    sql: `
CREATE TABLE alerts (
  seq BIGSERIAL PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  dedupe_key TEXT NOT NULL,
  area TEXT NOT NULL,
  detector TEXT NOT NULL,
  subject_kind TEXT NOT NULL,
  subject_id TEXT NOT NULL,
  severity TEXT NOT NULL,
  score DOUBLE PRECISION NOT NULL,
  title TEXT NOT NULL,
  status TEXT NOT NULL,
  status_by TEXT,
  status_at BIGINT,
  status_note TEXT,
  count INTEGER NOT NULL,
  occurred_at BIGINT NOT NULL,
  first_seen_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  body JSONB NOT NULL
);
CREATE INDEX alerts_dedupe ON alerts (dedupe_key, first_seen_at);
CREATE INDEX alerts_last_seen ON alerts (last_seen_at);
CREATE INDEX alerts_status ON alerts (status, seq);
CREATE INDEX alerts_subject ON alerts (subject_id);

CREATE TABLE alert_status_history (
  seq BIGSERIAL PRIMARY KEY,
  alert_id TEXT NOT NULL REFERENCES alerts (id),
  status TEXT NOT NULL,
  by_who TEXT NOT NULL,
  at BIGINT NOT NULL,
  note TEXT
);
CREATE INDEX alert_status_history_alert ON alert_status_history (alert_id, seq);

CREATE TABLE actions (
  seq BIGSERIAL PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  alert_id TEXT NOT NULL REFERENCES alerts (id),
  rule TEXT NOT NULL,
  type TEXT NOT NULL,
  spec JSONB NOT NULL,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  max_attempts INTEGER NOT NULL,
  idempotency_key TEXT NOT NULL,
  next_attempt_at BIGINT NOT NULL,
  lease_until BIGINT,
  last_error TEXT,
  result JSONB,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  completed_at BIGINT
);
CREATE INDEX actions_due ON actions (status, next_attempt_at);
CREATE INDEX actions_alert ON actions (alert_id);

CREATE TABLE action_events (
  seq BIGSERIAL PRIMARY KEY,
  action_id TEXT NOT NULL REFERENCES actions (id),
  at BIGINT NOT NULL,
  kind TEXT NOT NULL,
  attempt INTEGER NOT NULL,
  detail TEXT NOT NULL
);
CREATE INDEX action_events_action ON action_events (action_id, seq);

CREATE TABLE transfers (
  seq BIGSERIAL PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  status TEXT NOT NULL,
  body JSONB NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  held_by TEXT,
  held_reason TEXT,
  held_at BIGINT,
  hold_alert_id TEXT,
  released_by TEXT,
  released_at BIGINT,
  release_note TEXT
);
CREATE INDEX transfers_status ON transfers (status, seq);

CREATE TABLE step_ups (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  factor TEXT NOT NULL,
  reason TEXT NOT NULL,
  alert_id TEXT,
  created_at BIGINT NOT NULL,
  satisfied_at BIGINT
);
CREATE INDEX step_ups_user ON step_ups (user_id, satisfied_at);

CREATE TABLE sweeps (
  id TEXT PRIMARY KEY,
  alert_id TEXT NOT NULL,
  action_id TEXT NOT NULL UNIQUE,
  asset TEXT NOT NULL,
  amount TEXT NOT NULL,
  from_wallet TEXT,
  vault TEXT NOT NULL,
  created_at BIGINT NOT NULL
);

CREATE TABLE models (
  name TEXT NOT NULL,
  version INTEGER NOT NULL,
  kind TEXT NOT NULL,
  format TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  bytes INTEGER NOT NULL,
  data BYTEA NOT NULL,
  PRIMARY KEY (name, version)
);

CREATE TABLE api_keys (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  last_used_at BIGINT,
  revoked_at BIGINT
);
`,
  },
  {
    version: 2,
    name: 'address labels',
    sql: `
CREATE TABLE labels (
  seq BIGSERIAL PRIMARY KEY,
  chain TEXT NOT NULL,
  address TEXT NOT NULL,
  category TEXT NOT NULL,
  source TEXT NOT NULL,
  label TEXT NOT NULL,
  source_ref TEXT NOT NULL,
  listed_at TEXT,
  imported_at TEXT NOT NULL,
  UNIQUE (chain, address, category, source)
);
CREATE INDEX labels_chain ON labels (chain, seq);
CREATE INDEX labels_category ON labels (category, seq);
CREATE INDEX labels_source ON labels (source, seq);
`,
  },
  {
    version: 3,
    name: 'graph snapshots',
    sql: `
CREATE TABLE graph_snapshots (
  name TEXT PRIMARY KEY,
  revision BIGINT NOT NULL,
  saved_at BIGINT NOT NULL,
  bytes BIGINT NOT NULL,
  nodes BIGINT NOT NULL,
  edges BIGINT NOT NULL
);

CREATE TABLE graph_snapshot_chunks (
  name TEXT NOT NULL REFERENCES graph_snapshots (name) ON DELETE CASCADE,
  chunk INTEGER NOT NULL,
  data BYTEA NOT NULL,
  PRIMARY KEY (name, chunk)
);
`,
  },
  {
    version: 4,
    name: 'auth profiles, MFA factors, trusted devices, challenges, decisions',
    sql: `
CREATE TABLE auth_profiles (
  user_id TEXT PRIMARY KEY,
  data TEXT NOT NULL,
  revision BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE TABLE mfa_factors (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  label TEXT,
  data TEXT NOT NULL,
  confirmed BOOLEAN NOT NULL,
  created_at BIGINT NOT NULL,
  last_used_at BIGINT
);
CREATE INDEX mfa_factors_user ON mfa_factors (user_id, created_at);

CREATE TABLE trusted_devices (
  user_id TEXT NOT NULL,
  device_id TEXT NOT NULL,
  trusted_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  PRIMARY KEY (user_id, device_id)
);

CREATE TABLE auth_challenges (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  purpose TEXT NOT NULL,
  data TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX auth_challenges_expiry ON auth_challenges (expires_at);

CREATE TABLE auth_decisions (
  seq BIGSERIAL PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  user_id TEXT NOT NULL,
  ip TEXT,
  score DOUBLE PRECISION NOT NULL,
  decision TEXT NOT NULL,
  factor TEXT,
  reasons TEXT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX auth_decisions_user ON auth_decisions (user_id, seq);
CREATE INDEX auth_decisions_decision ON auth_decisions (decision, seq);
CREATE INDEX auth_decisions_at ON auth_decisions (at DESC);
`,
  },
  {
    version: 5,
    name: 'intel documents with their entities and full-text index, source cursors',
    // The tsvector is a generated column, so it can never disagree with the title and body it is made
    // of. The english configuration stems both documents and queries; title outranks body through the
    // weights A and B that ts_rank reads.
    sql: `
CREATE TABLE intel_documents (
  seq BIGSERIAL PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  source TEXT NOT NULL,
  origin TEXT NOT NULL,
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  url TEXT,
  published_at BIGINT NOT NULL,
  modified_at BIGINT NOT NULL,
  raw TEXT NOT NULL,
  search TSVECTOR GENERATED ALWAYS AS (
    setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', body), 'B')
  ) STORED
);
CREATE INDEX intel_documents_published ON intel_documents (published_at, seq);
CREATE INDEX intel_documents_source ON intel_documents (source, published_at, seq);
CREATE INDEX intel_documents_search ON intel_documents USING GIN (search);

CREATE TABLE intel_document_entities (
  document_id TEXT NOT NULL REFERENCES intel_documents (id) ON DELETE CASCADE,
  ord INTEGER NOT NULL,
  kind TEXT NOT NULL,
  value TEXT NOT NULL,
  published_at BIGINT NOT NULL,
  PRIMARY KEY (document_id, kind, value)
);
CREATE INDEX intel_document_entities_mentions ON intel_document_entities (kind, value, published_at);

CREATE TABLE source_cursors (
  key TEXT PRIMARY KEY,
  cursor TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);
`,
  },
  {
    version: 6,
    name: 'audit reports, model health checks',
    // Reports keep the whole finding list as JSON (its shape is the audit area's, versioned there); the
    // counts per severity are columns so the report list needs no JSON. Model health keeps one row per
    // drift check of a scoring model: the score distribution against its training baseline.
    sql: `
CREATE TABLE audit_reports (
  seq BIGSERIAL PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  origin TEXT NOT NULL,
  target TEXT NOT NULL,
  files INTEGER NOT NULL,
  critical INTEGER NOT NULL,
  high INTEGER NOT NULL,
  medium INTEGER NOT NULL,
  low INTEGER NOT NULL,
  info INTEGER NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX audit_reports_created ON audit_reports (created_at DESC, seq DESC);

CREATE TABLE model_health (
  seq BIGSERIAL PRIMARY KEY,
  model TEXT NOT NULL,
  at BIGINT NOT NULL,
  generation INTEGER NOT NULL,
  sample_size INTEGER NOT NULL,
  psi DOUBLE PRECISION NOT NULL,
  level TEXT NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX model_health_model_at ON model_health (model, at, seq);
`,
  },
];

/**
 * Applies pending migrations in one transaction under an advisory lock keyed by the schema, so processes
 * starting together take turns: the first migrates, the others find nothing left to do. CREATE SCHEMA
 * IF NOT EXISTS is inside the lock too because it is not safe against a concurrent create.
 */
export async function applyPostgresMigrations(pool: pg.Pool, schema: string): Promise<number> {
  return inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`argus.migrate.${schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)`);
    const applied = new Set(
      (await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map(
        (r) => r.version,
      ),
    );
    for (const m of POSTGRES_MIGRATIONS) {
      if (applied.has(m.version)) continue;
      await client.query(m.sql);
      await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
        m.version,
        m.name,
        Date.now(),
      ]);
    }
    const { rows } = await client.query<{ v: number | null }>(
      'SELECT MAX(version) AS v FROM schema_migrations',
    );
    return rows[0]?.v ?? 0;
  });
}
