import type pg from 'pg';
import type { ActionRecord } from '../../core/action.js';
import { ConflictError, NotFoundError } from '../../core/errors.js';
import { actionEventFromRow, actionFromRow, attemptUpdateValues, pageOf, pageSize } from '../rows.js';
import { actionWhere, toDollarParams } from '../sqlFilters.js';
import type { ActionAttempt, ActionRepository } from '../types.js';
import { inTransaction, type Row } from './db.js';

const UPDATE_OUTCOME = `UPDATE actions SET status = $1, attempts = $2, next_attempt_at = $3, last_error = $4,
  result = $5, completed_at = $6, updated_at = $7, lease_until = NULL WHERE id = $8 RETURNING *`;
const INSERT_EVENT =
  'INSERT INTO action_events (action_id, at, kind, attempt, detail) VALUES ($1, $2, $3, $4, $5)';

/**
 * SKIP LOCKED lets several workers claim at once: each takes rows no other transaction has locked, and a
 * row leased by a transaction that committed meanwhile is rechecked and dropped by the lease condition.
 */
const CLAIM_DUE = `UPDATE actions SET lease_until = $3 WHERE id IN (
  SELECT id FROM actions
  WHERE status = 'pending' AND next_attempt_at <= $1 AND (lease_until IS NULL OR lease_until <= $1)
  ORDER BY next_attempt_at, seq LIMIT $2
  FOR UPDATE SKIP LOCKED)
RETURNING *`;

async function writeAttempt(
  client: pg.PoolClient,
  actionId: string,
  attempt: ActionAttempt,
): Promise<ActionRecord> {
  const { rows } = await client.query<Row>(UPDATE_OUTCOME, attemptUpdateValues(actionId, attempt));
  if (!rows[0]) throw new NotFoundError('action', actionId);
  const e = attempt.event;
  await client.query(INSERT_EVENT, [actionId, e.at, e.kind, e.attempt, e.detail]);
  return actionFromRow(rows[0]);
}

export function postgresActions(pool: pg.Pool): ActionRepository {
  return {
    async get(id) {
      const { rows } = await pool.query<Row>('SELECT * FROM actions WHERE id = $1', [id]);
      return rows[0] ? actionFromRow(rows[0]) : undefined;
    },
    async list(filter) {
      const limit = pageSize(filter.limit);
      const where = actionWhere(filter);
      const sql = toDollarParams(`SELECT * FROM actions ${where.sql} ORDER BY seq DESC LIMIT ?`);
      const { rows } = await pool.query<Row>(sql, [...where.params, limit + 1]);
      return pageOf(rows, limit, actionFromRow);
    },
    async claimDue(now, limit, leaseUntil) {
      if (limit < 1) return [];
      const { rows } = await pool.query<Row>(CLAIM_DUE, [now, limit, leaseUntil]);
      // RETURNING has no order of its own; callers expect oldest first.
      return rows
        .map((row) => ({ seq: Number(row.seq), action: actionFromRow(row) }))
        .sort((a, b) => a.action.nextAttemptAt - b.action.nextAttemptAt || a.seq - b.seq)
        .map((claimed) => claimed.action);
    },
    async recordAttempt(actionId, attempt) {
      return inTransaction(pool, (client) => writeAttempt(client, actionId, attempt));
    },
    async recordAttempts(batch) {
      await inTransaction(pool, async (client) => {
        for (const { actionId, attempt } of batch) await writeAttempt(client, actionId, attempt);
      });
    },
    async requeue(actionId, now, by) {
      return inTransaction(pool, async (client) => {
        const found = await client.query<Row>('SELECT * FROM actions WHERE id = $1 FOR UPDATE', [actionId]);
        const row = found.rows[0];
        if (!row) throw new NotFoundError('action', actionId);
        if (row.status !== 'dead-letter' && row.status !== 'failed') {
          throw new ConflictError(
            `action ${actionId} is ${String(row.status)}; only dead-letter or failed actions can be retried`,
          );
        }
        // The last error and result stay: they tell the operator what happened before the retry.
        const { rows } = await client.query<Row>(
          `UPDATE actions SET status = 'pending', attempts = 0, next_attempt_at = $1, completed_at = NULL,
             updated_at = $1, lease_until = NULL WHERE id = $2 RETURNING *`,
          [now, actionId],
        );
        await client.query(INSERT_EVENT, [
          actionId,
          now,
          'requeued',
          Number(row.attempts),
          `requeued by ${by}`,
        ]);
        return actionFromRow(rows[0] as Row);
      });
    },
    async events(actionId) {
      const { rows } = await pool.query<Row>(
        'SELECT * FROM action_events WHERE action_id = $1 ORDER BY seq',
        [actionId],
      );
      return rows.map(actionEventFromRow);
    },
  };
}
