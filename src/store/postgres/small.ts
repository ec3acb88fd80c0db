import type pg from 'pg';
import { conflictOnDuplicate } from '../duplicates.js';
import { apiKeyFromRow, modelFromRow, modelMetaFromRow, stepUpFromRow, sweepFromRow } from '../rows.js';
import type { ApiKeyRepository, ModelRepository, StepUpRepository, SweepRepository } from '../types.js';
import { inTransaction, type Row } from './db.js';

/* Text ordering uses COLLATE "C" (byte order) so that lists come out as SQLite's BINARY collation sorts them. */

export function postgresStepUps(pool: pg.Pool): StepUpRepository {
  return {
    async require(r) {
      await conflictOnDuplicate(`step-up ${r.id}`, () =>
        pool.query(
          'INSERT INTO step_ups (id, user_id, factor, reason, alert_id, created_at) VALUES ($1, $2, $3, $4, $5, $6)',
          [r.id, r.userId, r.factor, r.reason, r.alertId ?? null, r.createdAt],
        ),
      );
    },
    async pending(userId) {
      const { rows } = await pool.query<Row>(
        'SELECT * FROM step_ups WHERE user_id = $1 AND satisfied_at IS NULL ORDER BY created_at, id COLLATE "C"',
        [userId],
      );
      return rows.map(stepUpFromRow);
    },
    async satisfy(userId, at) {
      const result = await pool.query(
        'UPDATE step_ups SET satisfied_at = $1 WHERE user_id = $2 AND satisfied_at IS NULL',
        [at, userId],
      );
      return result.rowCount ?? 0;
    },
  };
}

export function postgresSweeps(pool: pg.Pool): SweepRepository {
  return {
    async record(s) {
      const inserted = await conflictOnDuplicate(`sweep ${s.id}`, () =>
        pool.query<Row>(
          `INSERT INTO sweeps (id, alert_id, action_id, asset, amount, from_wallet, vault, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (action_id) DO NOTHING RETURNING *`,
          [s.id, s.alertId, s.actionId, s.asset, s.amount, s.fromWallet ?? null, s.vault, s.createdAt],
        ),
      );
      if (inserted.rows[0]) return sweepFromRow(inserted.rows[0]);
      const { rows } = await pool.query<Row>('SELECT * FROM sweeps WHERE action_id = $1', [s.actionId]);
      return sweepFromRow(rows[0] as Row);
    },
    async list(limit = 100) {
      const { rows } = await pool.query<Row>(
        'SELECT * FROM sweeps ORDER BY created_at DESC, id COLLATE "C" DESC LIMIT $1',
        [limit],
      );
      return rows.map(sweepFromRow);
    },
  };
}

export function postgresModels(pool: pg.Pool): ModelRepository {
  return {
    async save(m) {
      return inTransaction(pool, async (client) => {
        // Serialises saves of one name (MAX + 1 would otherwise hand two writers the same version).
        await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
          `argus.models.${m.name}`,
        ]);
        const { rows } = await client.query<{ v: number | null }>(
          'SELECT MAX(version) AS v FROM models WHERE name = $1',
          [m.name],
        );
        const version = (rows[0]?.v ?? 0) + 1;
        const bytes = m.data.byteLength;
        await client.query(
          'INSERT INTO models (name, version, kind, format, created_at, bytes, data) VALUES ($1, $2, $3, $4, $5, $6, $7)',
          [
            m.name,
            version,
            m.kind,
            m.format,
            m.at,
            bytes,
            Buffer.from(m.data.buffer, m.data.byteOffset, bytes),
          ],
        );
        return { name: m.name, version, kind: m.kind, format: m.format, createdAt: m.at, bytes };
      });
    },
    async load(name, version) {
      const { rows } =
        version === undefined
          ? await pool.query<Row>('SELECT * FROM models WHERE name = $1 ORDER BY version DESC LIMIT 1', [
              name,
            ])
          : await pool.query<Row>('SELECT * FROM models WHERE name = $1 AND version = $2', [name, version]);
      const row = rows[0];
      if (!row) return undefined;
      return modelFromRow(row);
    },
    async list() {
      const { rows } = await pool.query<Row>(
        'SELECT name, version, kind, format, created_at, bytes FROM models ORDER BY name COLLATE "C", version DESC',
      );
      return rows.map(modelMetaFromRow);
    },
  };
}

export function postgresApiKeys(pool: pg.Pool): ApiKeyRepository {
  return {
    async create(k) {
      await conflictOnDuplicate(`API key ${k.id} (or its hash)`, () =>
        pool.query('INSERT INTO api_keys (id, name, hash, created_at) VALUES ($1, $2, $3, $4)', [
          k.id,
          k.name,
          k.hash,
          k.createdAt,
        ]),
      );
    },
    async findActiveByHash(hash) {
      const { rows } = await pool.query<Row>(
        'SELECT * FROM api_keys WHERE hash = $1 AND revoked_at IS NULL',
        [hash],
      );
      return rows[0] ? apiKeyFromRow(rows[0]) : undefined;
    },
    async list() {
      const { rows } = await pool.query<Row>('SELECT * FROM api_keys ORDER BY created_at, id COLLATE "C"');
      return rows.map(apiKeyFromRow);
    },
    async revoke(id, at) {
      const result = await pool.query(
        'UPDATE api_keys SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL',
        [at, id],
      );
      return result.rowCount === 1;
    },
    async touch(id, at) {
      await pool.query('UPDATE api_keys SET last_used_at = $1 WHERE id = $2', [at, id]);
    },
  };
}
