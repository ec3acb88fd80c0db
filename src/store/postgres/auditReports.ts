import type pg from 'pg';
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
import { toDollarParams } from '../sqlFilters.js';
import type { AuditReportRepository } from '../types.js';
import type { Row } from './db.js';

export function postgresAuditReports(pool: pg.Pool): AuditReportRepository {
  return {
    async save(report) {
      await conflictOnDuplicate(`audit report ${report.id}`, () =>
        pool.query(
          `INSERT INTO audit_reports (${AUDIT_REPORT_INSERT_COLUMNS})
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
          auditReportValues(report),
        ),
      );
    },
    async get(id) {
      const { rows } = await pool.query<Row>(
        `SELECT ${AUDIT_REPORT_SUMMARY_COLUMNS}, body FROM audit_reports WHERE id = $1`,
        [id],
      );
      return rows[0] ? auditReportFromRow(rows[0]) : undefined;
    },
    async list(filter) {
      const limit = pageSize(filter.limit);
      const where = auditReportWhere(filter);
      const sql = toDollarParams(
        `SELECT ${AUDIT_REPORT_SUMMARY_COLUMNS} FROM audit_reports ${where.sql} ${AUDIT_REPORT_LIST_ORDER} LIMIT ?`,
      );
      const { rows } = await pool.query<Row>(sql, [...where.params, limit + 1]);
      return auditPageOf(rows, limit);
    },
    async remove(id) {
      const { rowCount } = await pool.query('DELETE FROM audit_reports WHERE id = $1', [id]);
      return (rowCount ?? 0) > 0;
    },
  };
}
