import type { Database } from 'better-sqlite3';
import type { Alert, AlertStatusChange } from '../../core/alert.js';
import { NotFoundError } from '../../core/errors.js';
import { alertFromRow, pageOf, pageSize, statusChangeFromRow } from '../rows.js';
import { alertWhere } from '../sqlFilters.js';
import type { AlertFilter, AlertRepository, Page } from '../types.js';

type Row = Record<string, unknown>;

export function sqliteAlerts(db: Database): AlertRepository {
  const byId = db.prepare('SELECT * FROM alerts WHERE id = ?');
  const byDedupe = db.prepare(
    'SELECT * FROM alerts WHERE dedupe_key = ? AND first_seen_at >= ? ORDER BY first_seen_at DESC, seq DESC LIMIT 1',
  );
  const updateStatus = db.prepare(
    'UPDATE alerts SET status = ?, status_by = ?, status_at = ?, status_note = ? WHERE id = ?',
  );
  const insertHistory = db.prepare(
    'INSERT INTO alert_status_history (alert_id, status, by_who, at, note) VALUES (?, ?, ?, ?, ?)',
  );
  const history = db.prepare('SELECT * FROM alert_status_history WHERE alert_id = ? ORDER BY seq');

  const setStatus = db.transaction((change: AlertStatusChange): Alert => {
    const note = change.note ?? null;
    const result = updateStatus.run(change.status, change.by, change.at, note, change.alertId);
    if (result.changes === 0) throw new NotFoundError('alert', change.alertId);
    insertHistory.run(change.alertId, change.status, change.by, change.at, note);
    return alertFromRow(byId.get(change.alertId) as Row);
  });

  return {
    async get(id) {
      const row = byId.get(id) as Row | undefined;
      return row ? alertFromRow(row) : undefined;
    },
    async list(filter: AlertFilter): Promise<Page<Alert>> {
      const limit = pageSize(filter.limit);
      const where = alertWhere(filter);
      const rows = db
        .prepare(`SELECT * FROM alerts ${where.sql} ORDER BY seq DESC LIMIT ?`)
        .all(...where.params, limit + 1) as Row[];
      return pageOf(rows, limit, alertFromRow);
    },
    async count(filter) {
      const where = alertWhere(filter);
      const row = db.prepare(`SELECT COUNT(*) AS n FROM alerts ${where.sql}`).get(...where.params) as {
        n: number;
      };
      return row.n;
    },
    async findByDedupeKey(dedupeKey, since) {
      const row = byDedupe.get(dedupeKey, since) as Row | undefined;
      return row ? alertFromRow(row) : undefined;
    },
    async setStatus(change) {
      return setStatus(change);
    },
    async statusHistory(alertId) {
      return (history.all(alertId) as Row[]).map(statusChangeFromRow);
    },
  };
}
