import type { Database } from 'better-sqlite3';
import type { ActionRecord } from '../../core/action.js';
import { ConflictError, NotFoundError } from '../../core/errors.js';
import { actionEventFromRow, actionFromRow, attemptUpdateValues, pageOf, pageSize } from '../rows.js';
import { actionWhere } from '../sqlFilters.js';
import type { ActionAttempt, ActionRepository } from '../types.js';

type Row = Record<string, unknown>;

export function sqliteActions(db: Database): ActionRepository {
  const byId = db.prepare('SELECT * FROM actions WHERE id = ?');
  const due = db.prepare(`SELECT * FROM actions
    WHERE status = 'pending' AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until <= ?)
    ORDER BY next_attempt_at, seq LIMIT ?`);
  const lease = db.prepare('UPDATE actions SET lease_until = ? WHERE id = ?');
  const update = db.prepare(`UPDATE actions SET status = ?, attempts = ?, next_attempt_at = ?, last_error = ?,
    result = ?, completed_at = ?, updated_at = ?, lease_until = NULL WHERE id = ?`);
  const insertEvent = db.prepare(
    'INSERT INTO action_events (action_id, at, kind, attempt, detail) VALUES (?, ?, ?, ?, ?)',
  );
  const events = db.prepare('SELECT * FROM action_events WHERE action_id = ? ORDER BY seq');

  const claimDue = db.transaction((now: number, limit: number, leaseUntil: number): ActionRecord[] => {
    const rows = due.all(now, now, limit) as Row[];
    for (const row of rows) lease.run(leaseUntil, row.id);
    return rows.map(actionFromRow);
  });

  const writeAttempt = (actionId: string, attempt: ActionAttempt): void => {
    const result = update.run(...attemptUpdateValues(actionId, attempt));
    if (result.changes === 0) throw new NotFoundError('action', actionId);
    const e = attempt.event;
    insertEvent.run(actionId, e.at, e.kind, e.attempt, e.detail);
  };

  const recordAttempt = db.transaction((actionId: string, attempt: ActionAttempt): ActionRecord => {
    writeAttempt(actionId, attempt);
    return actionFromRow(byId.get(actionId) as Row);
  });

  const recordAttempts = db.transaction((batch: readonly { actionId: string; attempt: ActionAttempt }[]) => {
    for (const { actionId, attempt } of batch) writeAttempt(actionId, attempt);
  });

  const requeue = db.transaction((actionId: string, now: number, by: string): ActionRecord => {
    const row = byId.get(actionId) as Row | undefined;
    if (!row) throw new NotFoundError('action', actionId);
    if (row.status !== 'dead-letter' && row.status !== 'failed') {
      throw new ConflictError(
        `action ${actionId} is ${String(row.status)}; only dead-letter or failed actions can be retried`,
      );
    }
    update.run('pending', 0, now, row.last_error, row.result, null, now, actionId);
    insertEvent.run(actionId, now, 'requeued', Number(row.attempts), `requeued by ${by}`);
    return actionFromRow(byId.get(actionId) as Row);
  });

  return {
    async get(id) {
      const row = byId.get(id) as Row | undefined;
      return row ? actionFromRow(row) : undefined;
    },
    async list(filter) {
      const limit = pageSize(filter.limit);
      const where = actionWhere(filter);
      const rows = db
        .prepare(`SELECT * FROM actions ${where.sql} ORDER BY seq DESC LIMIT ?`)
        .all(...where.params, limit + 1) as Row[];
      return pageOf(rows, limit, actionFromRow);
    },
    async claimDue(now, limit, leaseUntil) {
      // IMMEDIATE takes the write lock before reading, so two processes never lease the same rows.
      return limit < 1 ? [] : claimDue.immediate(now, limit, leaseUntil);
    },
    async recordAttempt(actionId, attempt) {
      return recordAttempt(actionId, attempt);
    },
    async recordAttempts(batch) {
      recordAttempts(batch);
    },
    async requeue(actionId, now, by) {
      return requeue.immediate(actionId, now, by);
    },
    async events(actionId) {
      return (events.all(actionId) as Row[]).map(actionEventFromRow);
    },
  };
}
