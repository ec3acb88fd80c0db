import type pg from 'pg';
import { NotFoundError } from '../../core/errors.js';
import { alertFromRow, pageOf, pageSize, statusChangeFromRow } from '../rows.js';
import { alertWhere, toDollarParams } from '../sqlFilters.js';
import type { AlertRepository } from '../types.js';
import { inTransaction, type Row } from './db.js';

export function postgresAlerts(pool: pg.Pool): AlertRepository {
  return {
    async get(id) {
      const { rows } = await pool.query<Row>('SELECT * FROM alerts WHERE id = $1', [id]);
      return rows[0] ? alertFromRow(rows[0]) : undefined;
    },
    async list(filter) {
      const limit = pageSize(filter.limit);
      const where = alertWhere(filter);
      const sql = toDollarParams(`SELECT * FROM alerts ${where.sql} ORDER BY seq DESC LIMIT ?`);
      const { rows } = await pool.query<Row>(sql, [...where.params, limit + 1]);
      return pageOf(rows, limit, alertFromRow);
    },
    async count(filter) {
      const where = alertWhere(filter);
      const { rows } = await pool.query<{ n: string }>(
        toDollarParams(`SELECT COUNT(*) AS n FROM alerts ${where.sql}`),
        where.params,
      );
      return Number(rows[0]?.n ?? 0);
    },
    async findByDedupeKey(dedupeKey, since) {
      const { rows } = await pool.query<Row>(
        `SELECT * FROM alerts WHERE dedupe_key = $1 AND first_seen_at >= $2
         ORDER BY first_seen_at DESC, seq DESC LIMIT 1`,
        [dedupeKey, since],
      );
      return rows[0] ? alertFromRow(rows[0]) : undefined;
    },
    async setStatus(change) {
      const note = change.note ?? null;
      return inTransaction(pool, async (client) => {
        const { rows } = await client.query<Row>(
          'UPDATE alerts SET status = $1, status_by = $2, status_at = $3, status_note = $4 WHERE id = $5 RETURNING *',
          [change.status, change.by, change.at, note, change.alertId],
        );
        if (!rows[0]) throw new NotFoundError('alert', change.alertId);
        await client.query(
          'INSERT INTO alert_status_history (alert_id, status, by_who, at, note) VALUES ($1, $2, $3, $4, $5)',
          [change.alertId, change.status, change.by, change.at, note],
        );
        return alertFromRow(rows[0]);
      });
    },
    async statusHistory(alertId) {
      const { rows } = await pool.query<Row>(
        'SELECT * FROM alert_status_history WHERE alert_id = $1 ORDER BY seq',
        [alertId],
      );
      return rows.map(statusChangeFromRow);
    },
  };
}
