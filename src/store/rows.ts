import type { ActionEvent, ActionEventKind, ActionRecord, ActionSpec, ActionStatus } from '../core/action.js';
import type { Alert, AlertStatus, AlertStatusChange } from '../core/alert.js';
import type { Transfer } from '../core/transfer.js';
import type {
  ActionAttempt,
  ApiKeyRecord,
  SavedModel,
  SavedModelMeta,
  StepUpRequirement,
  SweepInstruction,
} from './types.js';

/**
 * Row <-> domain mapping shared by the SQLite and PostgreSQL stores. Rows arrive with
 * snake_case columns; PostgreSQL returns BIGINT as strings, hence the Number() calls.
 */
type Row = Record<string, unknown>;

export const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v));
export const optNum = (v: unknown): number | undefined =>
  v === null || v === undefined ? undefined : num(v);
export const optStr = (v: unknown): string | undefined =>
  v === null || v === undefined ? undefined : String(v);
const json = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));

export function withoutUndefined<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) {
    if (value[key] === undefined) delete value[key];
  }
  return value;
}

/** The JSON body column holds the parts of an alert that are never filtered on. */
export function alertBody(alert: Alert): string {
  return JSON.stringify({
    subject: alert.subject,
    explanation: alert.explanation,
    evidence: alert.evidence,
    context: alert.context,
  });
}

export function alertFromRow(row: Row): Alert {
  const body = json<Pick<Alert, 'subject' | 'explanation' | 'evidence' | 'context'>>(row.body);
  return withoutUndefined<Alert>({
    id: String(row.id),
    dedupeKey: String(row.dedupe_key),
    area: row.area as Alert['area'],
    detector: String(row.detector),
    subject: body.subject,
    severity: row.severity as Alert['severity'],
    score: num(row.score),
    title: String(row.title),
    explanation: body.explanation,
    evidence: body.evidence,
    context: body.context,
    occurredAt: num(row.occurred_at),
    firstSeenAt: num(row.first_seen_at),
    lastSeenAt: num(row.last_seen_at),
    count: num(row.count),
    status: row.status as AlertStatus,
    statusBy: optStr(row.status_by),
    statusAt: optNum(row.status_at),
    statusNote: optStr(row.status_note),
  });
}

export function statusChangeFromRow(row: Row): AlertStatusChange {
  return withoutUndefined<AlertStatusChange>({
    alertId: String(row.alert_id),
    status: row.status as AlertStatus,
    by: String(row.by_who),
    at: num(row.at),
    note: optStr(row.note),
  });
}

export function actionFromRow(row: Row): ActionRecord {
  return withoutUndefined<ActionRecord>({
    id: String(row.id),
    alertId: String(row.alert_id),
    rule: String(row.rule),
    type: row.type as ActionRecord['type'],
    spec: json<ActionSpec>(row.spec),
    status: row.status as ActionStatus,
    attempts: num(row.attempts),
    maxAttempts: num(row.max_attempts),
    idempotencyKey: String(row.idempotency_key),
    nextAttemptAt: num(row.next_attempt_at),
    lastError: optStr(row.last_error),
    result:
      row.result === null || row.result === undefined ? undefined : json<Record<string, unknown>>(row.result),
    createdAt: num(row.created_at),
    updatedAt: num(row.updated_at),
    completedAt: optNum(row.completed_at),
  });
}

export function actionEventFromRow(row: Row): ActionEvent {
  return {
    actionId: String(row.action_id),
    at: num(row.at),
    kind: row.kind as ActionEventKind,
    attempt: num(row.attempt),
    detail: String(row.detail),
  };
}

/** Hold and release facts live in columns; everything else of a transfer in the JSON body. */
export function transferBody(transfer: Transfer): string {
  const {
    heldBy: _a,
    heldReason: _b,
    heldAt: _c,
    holdAlertId: _d,
    releasedBy: _e,
    releasedAt: _f,
    releaseNote: _g,
    status: _h,
    createdAt: _i,
    updatedAt: _j,
    ...rest
  } = transfer;
  return JSON.stringify(rest);
}

export function transferFromRow(row: Row): Transfer {
  const body = json<Omit<Transfer, 'status' | 'createdAt' | 'updatedAt'>>(row.body);
  return withoutUndefined<Transfer>({
    ...body,
    status: row.status as Transfer['status'],
    createdAt: num(row.created_at),
    updatedAt: num(row.updated_at),
    heldBy: optStr(row.held_by),
    heldReason: optStr(row.held_reason),
    heldAt: optNum(row.held_at),
    holdAlertId: optStr(row.hold_alert_id),
    releasedBy: optStr(row.released_by),
    releasedAt: optNum(row.released_at),
    releaseNote: optStr(row.release_note),
  });
}

export function stepUpFromRow(row: Row): StepUpRequirement {
  return withoutUndefined<StepUpRequirement>({
    id: String(row.id),
    userId: String(row.user_id),
    factor: row.factor as StepUpRequirement['factor'],
    reason: String(row.reason),
    alertId: optStr(row.alert_id),
    createdAt: num(row.created_at),
    satisfiedAt: optNum(row.satisfied_at),
  });
}

export function sweepFromRow(row: Row): SweepInstruction {
  return withoutUndefined<SweepInstruction>({
    id: String(row.id),
    alertId: String(row.alert_id),
    actionId: String(row.action_id),
    asset: String(row.asset),
    amount: String(row.amount),
    fromWallet: optStr(row.from_wallet),
    vault: String(row.vault),
    createdAt: num(row.created_at),
  });
}

export function modelMetaFromRow(row: Row): SavedModelMeta {
  return {
    name: String(row.name),
    version: num(row.version),
    kind: String(row.kind),
    format: row.format as SavedModelMeta['format'],
    createdAt: num(row.created_at),
    bytes: num(row.bytes),
  };
}

export function apiKeyFromRow(row: Row): ApiKeyRecord {
  return withoutUndefined<ApiKeyRecord>({
    id: String(row.id),
    name: String(row.name),
    hash: String(row.hash),
    createdAt: num(row.created_at),
    lastUsedAt: optNum(row.last_used_at),
    revokedAt: optNum(row.revoked_at),
  });
}

/** Cursors are the row sequence number, opaque to callers. */
export function encodeCursor(seq: number): string {
  return Buffer.from(String(seq)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): number | undefined {
  if (!cursor) return undefined;
  const value = Number(Buffer.from(cursor, 'base64url').toString());
  return Number.isSafeInteger(value) && value > 0 ? value : undefined;
}

export const DEFAULT_PAGE = 50;
export const MAX_PAGE = 500;

/** Whole numbers in [1, MAX_PAGE]: a NaN or fractional limit would make the SQL LIMIT fail. */
export function pageSize(limit: number | undefined): number {
  const wanted = limit === undefined || Number.isNaN(limit) ? DEFAULT_PAGE : Math.trunc(limit);
  return Math.min(Math.max(1, wanted), MAX_PAGE);
}

/** Builds a page from `limit + 1` rows ordered by seq descending: the extra row tells that more exist. */
export function pageOf<T>(
  rows: Row[],
  limit: number,
  map: (row: Row) => T,
): { items: T[]; nextCursor?: string } {
  const items = rows.slice(0, limit).map(map);
  const last = rows[limit - 1];
  return rows.length > limit && last ? { items, nextCursor: encodeCursor(Number(last.seq)) } : { items };
}

/** Values for `INSERT INTO alerts (id, dedupe_key, ..., body)` in column order, for both dialects. */
export function alertInsertValues(alert: Alert): unknown[] {
  return [
    alert.id,
    alert.dedupeKey,
    alert.area,
    alert.detector,
    alert.subject.kind,
    alert.subject.id,
    alert.severity,
    alert.score,
    alert.title,
    alert.status,
    alert.statusBy ?? null,
    alert.statusAt ?? null,
    alert.statusNote ?? null,
    alert.count,
    alert.occurredAt,
    alert.firstSeenAt,
    alert.lastSeenAt,
    alertBody(alert),
  ];
}

/** Values for `INSERT INTO actions (id, ..., lease_until)` in column order. */
export function actionInsertValues(a: ActionRecord, leaseUntil: number | null): unknown[] {
  return [
    a.id,
    a.alertId,
    a.rule,
    a.type,
    JSON.stringify(a.spec),
    a.status,
    a.attempts,
    a.maxAttempts,
    a.idempotencyKey,
    a.nextAttemptAt,
    a.createdAt,
    a.updatedAt,
    leaseUntil,
  ];
}

/** Values for the outcome UPDATE (status, attempts, next_attempt_at, last_error, result, completed_at, updated_at, id). */
export function attemptUpdateValues(actionId: string, attempt: ActionAttempt): unknown[] {
  return [
    attempt.status,
    attempt.attempts,
    attempt.nextAttemptAt,
    attempt.lastError ?? null,
    attempt.result === undefined ? null : JSON.stringify(attempt.result),
    attempt.completedAt ?? null,
    attempt.event.at,
    actionId,
  ];
}

/** The model bytes as a Uint8Array over the driver's Buffer, without a copy. */
export function modelFromRow(row: Row): SavedModel {
  const data = row.data as Buffer;
  return { ...modelMetaFromRow(row), data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}
