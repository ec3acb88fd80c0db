import { num } from './rows.js';
import type { WhereClause } from './sqlFilters.js';
import type {
  AuditReportFilter,
  AuditReportOrigin,
  AuditReportRecord,
  AuditReportSummary,
  Page,
} from './types.js';

/**
 * Row <-> record mapping of audit_reports, shared by the SQLite and PostgreSQL stores. The list reads
 * only the summary columns, so a page of reports never parses (or even transfers) their bodies.
 */
type Row = Record<string, unknown>;

export const AUDIT_REPORT_SUMMARY_COLUMNS =
  'seq, id, created_at, origin, target, files, critical, high, medium, low, info';
export const AUDIT_REPORT_INSERT_COLUMNS =
  'id, created_at, origin, target, files, critical, high, medium, low, info, body';

export function auditReportValues(report: AuditReportRecord): unknown[] {
  const { counts } = report;
  return [
    report.id,
    report.createdAt,
    report.origin,
    report.target,
    report.files,
    counts.critical,
    counts.high,
    counts.medium,
    counts.low,
    counts.info,
    report.body,
  ];
}

export function auditSummaryFromRow(row: Row): AuditReportSummary {
  return {
    id: String(row.id),
    createdAt: num(row.created_at),
    origin: row.origin as AuditReportOrigin,
    target: String(row.target),
    files: num(row.files),
    counts: {
      critical: num(row.critical),
      high: num(row.high),
      medium: num(row.medium),
      low: num(row.low),
      info: num(row.info),
    },
  };
}

export function auditReportFromRow(row: Row): AuditReportRecord {
  return { ...auditSummaryFromRow(row), body: String(row.body) };
}

/**
 * Pages run newest first by (created_at, seq), so the cursor carries both: a report saved late with an
 * early time still appears exactly once, where its time puts it.
 */
export function encodeAuditCursor(createdAt: number, seq: number): string {
  return Buffer.from(`${createdAt}:${seq}`).toString('base64url');
}

export function decodeAuditCursor(
  cursor: string | undefined,
): { createdAt: number; seq: number } | undefined {
  if (!cursor) return undefined;
  const [at, seq, extra] = Buffer.from(cursor, 'base64url').toString().split(':');
  const createdAt = Number(at);
  const s = Number(seq);
  if (extra !== undefined || at === '' || !Number.isSafeInteger(createdAt)) return undefined;
  return Number.isSafeInteger(s) && s > 0 ? { createdAt, seq: s } : undefined;
}

export function auditReportWhere(filter: Omit<AuditReportFilter, 'limit'>): WhereClause {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (filter.origin && filter.origin.length > 0) {
    parts.push(`origin IN (${filter.origin.map(() => '?').join(', ')})`);
    params.push(...filter.origin);
  }
  if (filter.target !== undefined) {
    parts.push('target = ?');
    params.push(filter.target);
  }
  const after = decodeAuditCursor(filter.cursor);
  if (after) {
    parts.push('(created_at, seq) < (?, ?)');
    params.push(after.createdAt, after.seq);
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

/** A page from `limit + 1` summary rows, newest first; the extra row tells that more exist. */
export function auditPageOf(rows: readonly Row[], limit: number): Page<AuditReportSummary> {
  const items = rows.slice(0, limit).map(auditSummaryFromRow);
  const last = rows[limit - 1];
  return rows.length > limit && last
    ? { items, nextCursor: encodeAuditCursor(num(last.created_at), num(last.seq)) }
    : { items };
}

export const AUDIT_REPORT_LIST_ORDER = 'ORDER BY created_at DESC, seq DESC';
