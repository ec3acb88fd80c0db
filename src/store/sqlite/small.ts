import type { Database } from 'better-sqlite3';
import { conflictOnDuplicate } from '../duplicates.js';
import { apiKeyFromRow, modelFromRow, modelMetaFromRow, stepUpFromRow, sweepFromRow } from '../rows.js';
import type { ApiKeyRepository, ModelRepository, StepUpRepository, SweepRepository } from '../types.js';

type Row = Record<string, unknown>;

export function sqliteStepUps(db: Database): StepUpRepository {
  const insert = db.prepare(
    'INSERT INTO step_ups (id, user_id, factor, reason, alert_id, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const pending = db.prepare(
    'SELECT * FROM step_ups WHERE user_id = ? AND satisfied_at IS NULL ORDER BY created_at, id',
  );
  const satisfy = db.prepare(
    'UPDATE step_ups SET satisfied_at = ? WHERE user_id = ? AND satisfied_at IS NULL',
  );
  return {
    async require(r) {
      await conflictOnDuplicate(`step-up ${r.id}`, () =>
        insert.run(r.id, r.userId, r.factor, r.reason, r.alertId ?? null, r.createdAt),
      );
    },
    async pending(userId) {
      return (pending.all(userId) as Row[]).map(stepUpFromRow);
    },
    async satisfy(userId, at) {
      return satisfy.run(at, userId).changes;
    },
  };
}

export function sqliteSweeps(db: Database): SweepRepository {
  const insert =
    db.prepare(`INSERT INTO sweeps (id, alert_id, action_id, asset, amount, from_wallet, vault, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (action_id) DO NOTHING`);
  const byAction = db.prepare('SELECT * FROM sweeps WHERE action_id = ?');
  const list = db.prepare('SELECT * FROM sweeps ORDER BY created_at DESC, id DESC LIMIT ?');
  return {
    async record(s) {
      await conflictOnDuplicate(`sweep ${s.id}`, () =>
        insert.run(
          s.id,
          s.alertId,
          s.actionId,
          s.asset,
          s.amount,
          s.fromWallet ?? null,
          s.vault,
          s.createdAt,
        ),
      );
      return sweepFromRow(byAction.get(s.actionId) as Row);
    },
    async list(limit = 100) {
      return (list.all(limit) as Row[]).map(sweepFromRow);
    },
  };
}

export function sqliteModels(db: Database): ModelRepository {
  const latestVersion = db.prepare('SELECT MAX(version) AS v FROM models WHERE name = ?');
  const insert = db.prepare(
    'INSERT INTO models (name, version, kind, format, created_at, bytes, data) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const byVersion = db.prepare('SELECT * FROM models WHERE name = ? AND version = ?');
  const latest = db.prepare('SELECT * FROM models WHERE name = ? ORDER BY version DESC LIMIT 1');
  const list = db.prepare(
    'SELECT name, version, kind, format, created_at, bytes FROM models ORDER BY name, version DESC',
  );
  const save = db.transaction((m: Parameters<ModelRepository['save']>[0]) => {
    const current = (latestVersion.get(m.name) as { v: number | null }).v ?? 0;
    const version = current + 1;
    insert.run(m.name, version, m.kind, m.format, m.at, m.data.byteLength, Buffer.from(m.data));
    return {
      name: m.name,
      version,
      kind: m.kind,
      format: m.format,
      createdAt: m.at,
      bytes: m.data.byteLength,
    };
  });
  return {
    async save(model) {
      // IMMEDIATE: two processes saving the same name must not both read the same latest version.
      return save.immediate(model);
    },
    async load(name, version) {
      const row = (version === undefined ? latest.get(name) : byVersion.get(name, version)) as
        | Row
        | undefined;
      if (!row) return undefined;
      return modelFromRow(row);
    },
    async list() {
      return (list.all() as Row[]).map(modelMetaFromRow);
    },
  };
}

export function sqliteApiKeys(db: Database): ApiKeyRepository {
  const insert = db.prepare('INSERT INTO api_keys (id, name, hash, created_at) VALUES (?, ?, ?, ?)');
  const byHash = db.prepare('SELECT * FROM api_keys WHERE hash = ? AND revoked_at IS NULL');
  const list = db.prepare('SELECT * FROM api_keys ORDER BY created_at, id');
  const revoke = db.prepare('UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');
  const touch = db.prepare('UPDATE api_keys SET last_used_at = ? WHERE id = ?');
  return {
    async create(k) {
      await conflictOnDuplicate(`API key ${k.id} (or its hash)`, () =>
        insert.run(k.id, k.name, k.hash, k.createdAt),
      );
    },
    async findActiveByHash(hash) {
      const row = byHash.get(hash) as Row | undefined;
      return row ? apiKeyFromRow(row) : undefined;
    },
    async list() {
      return (list.all() as Row[]).map(apiKeyFromRow);
    },
    async revoke(id, at) {
      return revoke.run(at, id).changes === 1;
    },
    async touch(id, at) {
      touch.run(at, id);
    },
  };
}
