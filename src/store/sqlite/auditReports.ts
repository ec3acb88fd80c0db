import type { Database } from 'better-sqlite3';
import {
  AUDIT_REPORT_INSERT_COLUMNS,
  AUDIT_REPORT_LIST_ORDER,
  AUDIT_REPORT_SUMMARY_COLUMNS,
  auditPageOf,
  auditReportFromRow,
  auditReportValues,
  auditReportWhere,
} from '../auditReportRows.js';
import { conflictOnDuplicate } from '../duplicates.js';
import { pageSize } from '../rows.js';
import type { AuditReportRepository } from '../types.js';

type Row = Record<string, unknown>;

export function sqliteAuditReports(db: Database): AuditReportRepository {
  const insert = db.prepare(
    `INSERT INTO audit_reports (${AUDIT_REPORT_INSERT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const byId = db.prepare(`SELECT ${AUDIT_REPORT_SUMMARY_COLUMNS}, body FROM audit_reports WHERE id = ?`);
  const drop = db.prepare('DELETE FROM audit_reports WHERE id = ?');
  return {
    async save(report) {
      await conflictOnDuplicate(`audit report ${report.id}`, () => insert.run(...auditReportValues(report)));
    },
    async get(id) {
      const row = byId.get(id) as Row | undefined;
      return row ? auditReportFromRow(row) : undefined;
    },
    async list(filter) {
      const limit = pageSize(filter.limit);
      const where = auditReportWhere(filter);
      const rows = db
        .prepare(
          `SELECT ${AUDIT_REPORT_SUMMARY_COLUMNS} FROM audit_reports ${where.sql} ${AUDIT_REPORT_LIST_ORDER} LIMIT ?`,
        )
        .all(...where.params, limit + 1) as Row[];
      return auditPageOf(rows, limit);
    },
    async remove(id) {
      return drop.run(id).changes > 0;
    },
  };
}
