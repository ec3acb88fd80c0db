import type { Database } from 'better-sqlite3';
import type { ActionRecord } from '../../core/action.js';
import type { Alert } from '../../core/alert.js';
import { NotFoundError } from '../../core/errors.js';
import { AlertClosedError } from '../alertClosedError.js';
import { conflictOnDuplicate } from '../duplicates.js';
import { actionInsertValues, alertInsertValues } from '../rows.js';
import type { AlertRepeat, PipelineRepository, PipelineUnit } from '../types.js';

export function sqlitePipeline(db: Database): PipelineRepository {
  const insertAlert = db.prepare(`INSERT INTO alerts
    (id, dedupe_key, area, detector, subject_kind, subject_id, severity, score, title, status, status_by,
     status_at, status_note, count, occurred_at, first_seen_at, last_seen_at, body)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  // Only an alert still open or acknowledged absorbs repeats; one closed meanwhile (say, by the CLI in
  // another process) must not swallow a new occurrence and the responses it calls for.
  const updateRepeat = db.prepare(
    `UPDATE alerts SET count = ?, last_seen_at = ?, severity = ?, score = ?
     WHERE id = ? AND status IN ('open', 'acknowledged')`,
  );
  const statusOf = db.prepare('SELECT status FROM alerts WHERE id = ?');
  const insertAction = db.prepare(`INSERT INTO actions
    (id, alert_id, rule, type, spec, status, attempts, max_attempts, idempotency_key, next_attempt_at,
     created_at, updated_at, lease_until)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertEvent = db.prepare(
    'INSERT INTO action_events (action_id, at, kind, attempt, detail) VALUES (?, ?, ?, ?, ?)',
  );

  const writeActions = (actions: ActionRecord[], leaseUntil: number | null = null): void => {
    for (const a of actions) {
      insertAction.run(...actionInsertValues(a, leaseUntil));
      insertEvent.run(a.id, a.createdAt, 'queued', 0, `ordered by policy rule "${a.rule}"`);
    }
  };

  const writeNew = (alert: Alert, actions: ActionRecord[], leaseUntil: number | null = null): void => {
    insertAlert.run(...alertInsertValues(alert));
    writeActions(actions, leaseUntil);
  };

  const writeRepeat = (
    repeat: AlertRepeat,
    actions: ActionRecord[],
    leaseUntil: number | null = null,
  ): void => {
    const result = updateRepeat.run(
      repeat.count,
      repeat.lastSeenAt,
      repeat.severity,
      repeat.score,
      repeat.alertId,
    );
    if (result.changes === 0) {
      const row = statusOf.get(repeat.alertId) as { status: string } | undefined;
      if (!row) throw new NotFoundError('alert', repeat.alertId);
      throw new AlertClosedError(repeat.alertId, row.status);
    }
    writeActions(actions, leaseUntil);
  };

  const commitNew = db.transaction(writeNew);
  const commitRepeat = db.transaction(writeRepeat);
  const commitBatch = db.transaction((units: readonly PipelineUnit[], leaseUntil: number | null) => {
    for (const unit of units) {
      if (unit.kind === 'new') writeNew(unit.alert, unit.actions, leaseUntil);
      else writeRepeat(unit.repeat, unit.actions, leaseUntil);
    }
  });

  return {
    async commitNew(alert, actions) {
      await conflictOnDuplicate(`alert ${alert.id} or one of its actions`, () => commitNew(alert, actions));
    },
    async commitRepeat(repeat, actions) {
      await conflictOnDuplicate(`an action of alert ${repeat.alertId}`, () => commitRepeat(repeat, actions));
    },
    async commitBatch(units, leaseUntil) {
      await conflictOnDuplicate('an alert or action of the batch', () =>
        commitBatch(units, leaseUntil ?? null),
      );
    },
  };
}
