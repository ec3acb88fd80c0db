import type pg from 'pg';
import type { ActionRecord } from '../../core/action.js';
import type { Alert } from '../../core/alert.js';
import { NotFoundError } from '../../core/errors.js';
import { AlertClosedError } from '../alertClosedError.js';
import { conflictOnDuplicate } from '../duplicates.js';
import { actionInsertValues, alertInsertValues } from '../rows.js';
import type { AlertRepeat, PipelineRepository } from '../types.js';
import { inTransaction } from './db.js';

async function writeActions(
  client: pg.PoolClient,
  actions: ActionRecord[],
  leaseUntil: number | null = null,
): Promise<void> {
  for (const a of actions) {
    await client.query(
      `INSERT INTO actions (id, alert_id, rule, type, spec, status, attempts, max_attempts, idempotency_key,
         next_attempt_at, created_at, updated_at, lease_until)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      actionInsertValues(a, leaseUntil),
    );
    await client.query(
      'INSERT INTO action_events (action_id, at, kind, attempt, detail) VALUES ($1, $2, $3, $4, $5)',
      [a.id, a.createdAt, 'queued', 0, `ordered by policy rule "${a.rule}"`],
    );
  }
}

async function writeNew(
  client: pg.PoolClient,
  alert: Alert,
  actions: ActionRecord[],
  leaseUntil: number | null,
) {
  await client.query(
    `INSERT INTO alerts (id, dedupe_key, area, detector, subject_kind, subject_id, severity, score, title,
       status, status_by, status_at, status_note, count, occurred_at, first_seen_at, last_seen_at, body)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
    alertInsertValues(alert),
  );
  await writeActions(client, actions, leaseUntil);
}

async function writeRepeat(
  client: pg.PoolClient,
  repeat: AlertRepeat,
  actions: ActionRecord[],
  leaseUntil: number | null,
) {
  // Only an alert still open or acknowledged absorbs repeats (see the SQLite store).
  const result = await client.query(
    `UPDATE alerts SET count = $1, last_seen_at = $2, severity = $3, score = $4
     WHERE id = $5 AND status IN ('open', 'acknowledged')`,
    [repeat.count, repeat.lastSeenAt, repeat.severity, repeat.score, repeat.alertId],
  );
  if (result.rowCount === 0) {
    const found = await client.query<{ status: string }>('SELECT status FROM alerts WHERE id = $1', [
      repeat.alertId,
    ]);
    const status = found.rows[0]?.status;
    if (status === undefined) throw new NotFoundError('alert', repeat.alertId);
    throw new AlertClosedError(repeat.alertId, status);
  }
  await writeActions(client, actions, leaseUntil);
}

export function postgresPipeline(pool: pg.Pool): PipelineRepository {
  return {
    async commitNew(alert, actions) {
      await conflictOnDuplicate(`alert ${alert.id} or one of its actions`, () =>
        inTransaction(pool, (client) => writeNew(client, alert, actions, null)),
      );
    },
    async commitRepeat(repeat, actions) {
      await conflictOnDuplicate(`an action of alert ${repeat.alertId}`, () =>
        inTransaction(pool, (client) => writeRepeat(client, repeat, actions, null)),
      );
    },
    async commitBatch(units, leaseUntil) {
      await conflictOnDuplicate('an alert or action of the batch', () =>
        inTransaction(pool, async (client) => {
          for (const unit of units) {
            if (unit.kind === 'new') await writeNew(client, unit.alert, unit.actions, leaseUntil ?? null);
            else await writeRepeat(client, unit.repeat, unit.actions, leaseUntil ?? null);
          }
        }),
      );
    },
  };
}
