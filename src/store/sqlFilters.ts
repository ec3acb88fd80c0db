import { decodeCursor } from './rows.js';
import type { ActionFilter, AlertFilter, AuthDecisionFilter, TransferFilter } from './types.js';

/** A WHERE clause with `?` placeholders, shared by both SQL dialects. */
export interface WhereClause {
  sql: string;
  params: unknown[];
}

function inList(
  column: string,
  values: readonly unknown[] | undefined,
  parts: string[],
  params: unknown[],
): void {
  if (!values || values.length === 0) return;
  parts.push(`${column} IN (${values.map(() => '?').join(', ')})`);
  params.push(...values);
}

function finish(parts: string[], params: unknown[], cursor: string | undefined): WhereClause {
  const seq = decodeCursor(cursor);
  if (seq !== undefined) {
    parts.push('seq < ?');
    params.push(seq);
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

export function alertWhere(filter: Omit<AlertFilter, 'limit'>): WhereClause {
  const parts: string[] = [];
  const params: unknown[] = [];
  inList('area', filter.area, parts, params);
  inList('detector', filter.detector, parts, params);
  inList('severity', filter.severity, parts, params);
  inList('status', filter.status, parts, params);
  if (filter.subjectId) {
    parts.push('subject_id = ?');
    params.push(filter.subjectId);
  }
  if (filter.since !== undefined) {
    parts.push('last_seen_at >= ?');
    params.push(filter.since);
  }
  return finish(parts, params, filter.cursor);
}

export function actionWhere(filter: Omit<ActionFilter, 'limit'>): WhereClause {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (filter.alertId) {
    parts.push('alert_id = ?');
    params.push(filter.alertId);
  }
  inList('status', filter.status, parts, params);
  inList('type', filter.type, parts, params);
  return finish(parts, params, filter.cursor);
}

export function transferWhere(filter: Omit<TransferFilter, 'limit'>): WhereClause {
  const parts: string[] = [];
  const params: unknown[] = [];
  inList('status', filter.status, parts, params);
  return finish(parts, params, filter.cursor);
}

export function authDecisionWhere(filter: Omit<AuthDecisionFilter, 'limit'>): WhereClause {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (filter.userId) {
    parts.push('user_id = ?');
    params.push(filter.userId);
  }
  inList('decision', filter.decision, parts, params);
  if (filter.since !== undefined) {
    parts.push('at >= ?');
    params.push(filter.since);
  }
  if (filter.until !== undefined) {
    parts.push('at < ?');
    params.push(filter.until);
  }
  return finish(parts, params, filter.cursor);
}

/** Rewrites `?` placeholders as PostgreSQL's `$1, $2, ...`, starting after `offset`. */
export function toDollarParams(sql: string, offset = 0): string {
  let n = offset;
  return sql.replace(/\?/g, () => `$${++n}`);
}
