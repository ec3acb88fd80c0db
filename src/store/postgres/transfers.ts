import type pg from 'pg';
import { ConflictError, NotFoundError } from '../../core/errors.js';
import type { Transfer } from '../../core/transfer.js';
import { pageOf, pageSize, transferBody, transferFromRow } from '../rows.js';
import { toDollarParams, transferWhere } from '../sqlFilters.js';
import type { TransferRepository } from '../types.js';
import { inTransaction, type Row } from './db.js';

/** Reads a transfer and locks it for the rest of the transaction, so a hold and a release cannot interleave. */
async function lockTransfer(client: pg.PoolClient, id: string): Promise<Transfer> {
  const { rows } = await client.query<Row>('SELECT * FROM transfers WHERE id = $1 FOR UPDATE', [id]);
  if (!rows[0]) throw new NotFoundError('transfer', id);
  return transferFromRow(rows[0]);
}

export function postgresTransfers(pool: pg.Pool): TransferRepository {
  return {
    async upsert(t) {
      const inserted = await pool.query<Row>(
        `INSERT INTO transfers (id, status, body, created_at, updated_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (id) DO NOTHING RETURNING *`,
        [t.id, t.status, transferBody(t), t.createdAt, t.updatedAt],
      );
      if (inserted.rows[0]) return { transfer: transferFromRow(inserted.rows[0]), created: true };
      const { rows } = await pool.query<Row>('SELECT * FROM transfers WHERE id = $1', [t.id]);
      return { transfer: transferFromRow(rows[0] as Row), created: false };
    },
    async get(id) {
      const { rows } = await pool.query<Row>('SELECT * FROM transfers WHERE id = $1', [id]);
      return rows[0] ? transferFromRow(rows[0]) : undefined;
    },
    async list(filter) {
      const limit = pageSize(filter.limit);
      const where = transferWhere(filter);
      const sql = toDollarParams(`SELECT * FROM transfers ${where.sql} ORDER BY seq DESC LIMIT ?`);
      const { rows } = await pool.query<Row>(sql, [...where.params, limit + 1]);
      return pageOf(rows, limit, transferFromRow);
    },
    async hold(id, h) {
      return inTransaction(pool, async (client) => {
        const existing = await lockTransfer(client, id);
        if (existing.status === 'held') return existing;
        if (existing.status !== 'pending') {
          throw new ConflictError(
            `transfer ${id} is ${existing.status}; only a pending transfer can be held`,
          );
        }
        const { rows } = await client.query<Row>(
          `UPDATE transfers SET status = 'held', held_by = $1, held_reason = $2, held_at = $3, hold_alert_id = $4,
             updated_at = $3 WHERE id = $5 RETURNING *`,
          [h.by, h.reason, h.at, h.alertId ?? null, id],
        );
        return transferFromRow(rows[0] as Row);
      });
    },
    async release(id, r) {
      return inTransaction(pool, async (client) => {
        const existing = await lockTransfer(client, id);
        if (existing.status !== 'held') {
          throw new ConflictError(
            `transfer ${id} is ${existing.status}; only a held transfer can be released`,
          );
        }
        const { rows } = await client.query<Row>(
          `UPDATE transfers SET status = 'released', released_by = $1, released_at = $2, release_note = $3,
             updated_at = $2 WHERE id = $4 RETURNING *`,
          [r.by, r.at, r.note ?? null, id],
        );
        return transferFromRow(rows[0] as Row);
      });
    },
  };
}
