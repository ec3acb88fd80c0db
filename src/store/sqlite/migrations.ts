/** Versioned schema for the embedded store; append new versions, never edit applied ones. */
export const SQLITE_MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'alerts, actions, transfers, step-ups, sweeps, models, api keys',
    sql: `
CREATE TABLE alerts (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  dedupe_key TEXT NOT NULL,
  area TEXT NOT NULL,
  detector TEXT NOT NULL,
  subject_kind TEXT NOT NULL,
  subject_id TEXT NOT NULL,
  severity TEXT NOT NULL,
  score REAL NOT NULL,
  title TEXT NOT NULL,
  status TEXT NOT NULL,
  status_by TEXT,
  status_at INTEGER,
  status_note TEXT,
  count INTEGER NOT NULL,
  occurred_at INTEGER NOT NULL,
  first_seen_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX alerts_dedupe ON alerts (dedupe_key, first_seen_at);
CREATE INDEX alerts_last_seen ON alerts (last_seen_at);
CREATE INDEX alerts_status ON alerts (status, seq);
CREATE INDEX alerts_subject ON alerts (subject_id);

CREATE TABLE alert_status_history (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  alert_id TEXT NOT NULL REFERENCES alerts (id),
  status TEXT NOT NULL,
  by_who TEXT NOT NULL,
  at INTEGER NOT NULL,
  note TEXT
);
CREATE INDEX alert_status_history_alert ON alert_status_history (alert_id, seq);

CREATE TABLE actions (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  alert_id TEXT NOT NULL REFERENCES alerts (id),
  rule TEXT NOT NULL,
  type TEXT NOT NULL,
  spec TEXT NOT NULL,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  max_attempts INTEGER NOT NULL,
  idempotency_key TEXT NOT NULL,
  next_attempt_at INTEGER NOT NULL,
  lease_until INTEGER,
  last_error TEXT,
  result TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  completed_at INTEGER
);
CREATE INDEX actions_due ON actions (status, next_attempt_at);
CREATE INDEX actions_alert ON actions (alert_id);

CREATE TABLE action_events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  action_id TEXT NOT NULL REFERENCES actions (id),
  at INTEGER NOT NULL,
  kind TEXT NOT NULL,
  attempt INTEGER NOT NULL,
  detail TEXT NOT NULL
);
CREATE INDEX action_events_action ON action_events (action_id, seq);

CREATE TABLE transfers (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  status TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  held_by TEXT,
  held_reason TEXT,
  held_at INTEGER,
  hold_alert_id TEXT,
  released_by TEXT,
  released_at INTEGER,
  release_note TEXT
);
CREATE INDEX transfers_status ON transfers (status, seq);

CREATE TABLE step_ups (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  factor TEXT NOT NULL,
  reason TEXT NOT NULL,
  alert_id TEXT,
  created_at INTEGER NOT NULL,
  satisfied_at INTEGER
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
  created_at INTEGER NOT NULL
);

CREATE TABLE models (
  name TEXT NOT NULL,
  version INTEGER NOT NULL,
  kind TEXT NOT NULL,
  format TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  bytes INTEGER NOT NULL,
  data BLOB NOT NULL,
  PRIMARY KEY (name, version)
);

CREATE TABLE api_keys (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  last_used_at INTEGER,
  revoked_at INTEGER
);
`,
  },
  {
    version: 2,
    name: 'address labels',
    sql: `
CREATE TABLE labels (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
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
  revision INTEGER NOT NULL,
  saved_at INTEGER NOT NULL,
  bytes INTEGER NOT NULL,
  nodes INTEGER NOT NULL,
  edges INTEGER NOT NULL
);

CREATE TABLE graph_snapshot_chunks (
  name TEXT NOT NULL REFERENCES graph_snapshots (name) ON DELETE CASCADE,
  chunk INTEGER NOT NULL,
  data BLOB NOT NULL,
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
  revision INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE mfa_factors (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  label TEXT,
  data TEXT NOT NULL,
  confirmed INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  last_used_at INTEGER
);
CREATE INDEX mfa_factors_user ON mfa_factors (user_id, created_at);

CREATE TABLE trusted_devices (
  user_id TEXT NOT NULL,
  device_id TEXT NOT NULL,
  trusted_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (user_id, device_id)
);

CREATE TABLE auth_challenges (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  purpose TEXT NOT NULL,
  data TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX auth_challenges_expiry ON auth_challenges (expires_at);

CREATE TABLE auth_decisions (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  user_id TEXT NOT NULL,
  ip TEXT,
  score REAL NOT NULL,
  decision TEXT NOT NULL,
  factor TEXT,
  reasons TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX auth_decisions_user ON auth_decisions (user_id, seq);
CREATE INDEX auth_decisions_decision ON auth_decisions (decision, seq);
CREATE INDEX auth_decisions_at ON auth_decisions (at DESC);
`,
  },
  {
    version: 5,
    name: 'intel documents with their entities and full-text index, source cursors',
    // The FTS table reads its text from intel_documents (external content) and the triggers keep it in
    // step within the writing transaction. Its rowid is the INTEGER PRIMARY KEY seq, which VACUUM keeps;
    // an implicit rowid could be renumbered and point the index at the wrong documents. Porter stemming
    // matches PostgreSQL's english configuration more closely than plain tokens.
    sql: `
CREATE TABLE intel_documents (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  source TEXT NOT NULL,
  origin TEXT NOT NULL,
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  url TEXT,
  published_at INTEGER NOT NULL,
  modified_at INTEGER NOT NULL,
  raw TEXT NOT NULL
);
CREATE INDEX intel_documents_published ON intel_documents (published_at, seq);
CREATE INDEX intel_documents_source ON intel_documents (source, published_at, seq);

CREATE TABLE intel_document_entities (
  document_id TEXT NOT NULL REFERENCES intel_documents (id) ON DELETE CASCADE,
  ord INTEGER NOT NULL,
  kind TEXT NOT NULL,
  value TEXT NOT NULL,
  published_at INTEGER NOT NULL,
  PRIMARY KEY (document_id, kind, value)
);
CREATE INDEX intel_document_entities_mentions ON intel_document_entities (kind, value, published_at);

CREATE VIRTUAL TABLE intel_documents_fts USING fts5 (
  title, body, content = 'intel_documents', content_rowid = 'seq',
  tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER intel_documents_fts_insert AFTER INSERT ON intel_documents BEGIN
  INSERT INTO intel_documents_fts (rowid, title, body) VALUES (new.seq, new.title, new.body);
END;
CREATE TRIGGER intel_documents_fts_delete AFTER DELETE ON intel_documents BEGIN
  INSERT INTO intel_documents_fts (intel_documents_fts, rowid, title, body)
    VALUES ('delete', old.seq, old.title, old.body);
END;
CREATE TRIGGER intel_documents_fts_update AFTER UPDATE OF title, body ON intel_documents BEGIN
  INSERT INTO intel_documents_fts (intel_documents_fts, rowid, title, body)
    VALUES ('delete', old.seq, old.title, old.body);
  INSERT INTO intel_documents_fts (rowid, title, body) VALUES (new.seq, new.title, new.body);
END;

CREATE TABLE source_cursors (
  key TEXT PRIMARY KEY,
  cursor TEXT NOT NULL,
  updated_at INTEGER NOT NULL
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
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
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
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  model TEXT NOT NULL,
  at INTEGER NOT NULL,
  generation INTEGER NOT NULL,
  sample_size INTEGER NOT NULL,
  psi REAL NOT NULL,
  level TEXT NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX model_health_model_at ON model_health (model, at, seq);
`,
  },
];
