import type { Database } from 'better-sqlite3';
import { ConflictError, NotFoundError } from '../../core/errors.js';
import type { Transfer } from '../../core/transfer.js';
import { pageOf, pageSize, transferBody, transferFromRow } from '../rows.js';
import { transferWhere } from '../sqlFilters.js';
import type { TransferRepository } from '../types.js';

type Row = Record<string, unknown>;

export function sqliteTransfers(db: Database): TransferRepository {
  const byId = db.prepare('SELECT * FROM transfers WHERE id = ?');
  const insert = db.prepare(
    'INSERT INTO transfers (id, status, body, created_at, updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING',
  );
  const hold = db.prepare(`UPDATE transfers SET status = 'held', held_by = ?, held_reason = ?, held_at = ?,
    hold_alert_id = ?, updated_at = ? WHERE id = ? AND status = 'pending'`);
  const release = db.prepare(`UPDATE transfers SET status = 'released', released_by = ?, released_at = ?,
    release_note = ?, updated_at = ? WHERE id = ? AND status = 'held'`);

  const upsert = db.transaction((t: Transfer) => {
    const result = insert.run(t.id, t.status, transferBody(t), t.createdAt, t.updatedAt);
    return { transfer: transferFromRow(byId.get(t.id) as Row), created: result.changes === 1 };
  });

  const current = (id: string): Transfer => {
    const row = byId.get(id) as Row | undefined;
    if (!row) throw new NotFoundError('transfer', id);
    return transferFromRow(row);
  };

  const holdTx = db.transaction((id: string, h: Parameters<TransferRepository['hold']>[1]) => {
    const existing = current(id);
    if (existing.status === 'held') return existing;
    if (hold.run(h.by, h.reason, h.at, h.alertId ?? null, h.at, id).changes === 0) {
      throw new ConflictError(`transfer ${id} is ${existing.status}; only a pending transfer can be held`);
    }
    return current(id);
  });

  const releaseTx = db.transaction((id: string, r: Parameters<TransferRepository['release']>[1]) => {
    const existing = current(id);
    if (release.run(r.by, r.at, r.note ?? null, r.at, id).changes === 0) {
      throw new ConflictError(`transfer ${id} is ${existing.status}; only a held transfer can be released`);
    }
    return current(id);
  });

  return {
    async upsert(transfer) {
      return upsert(transfer);
    },
    async get(id) {
      const row = byId.get(id) as Row | undefined;
      return row ? transferFromRow(row) : undefined;
    },
    async list(filter) {
      const limit = pageSize(filter.limit);
      const where = transferWhere(filter);
      const rows = db
        .prepare(`SELECT * FROM transfers ${where.sql} ORDER BY seq DESC LIMIT ?`)
        .all(...where.params, limit + 1) as Row[];
      return pageOf(rows, limit, transferFromRow);
    },
    async hold(id, h) {
      return holdTx.immediate(id, h);
    },
    async release(id, r) {
      return releaseTx.immediate(id, r);
    },
  };
}
