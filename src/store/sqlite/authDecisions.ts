import type { Database } from 'better-sqlite3';
import { AUTH_DECISION_COLUMNS, authDecisionFromRow, authDecisionValues } from '../authRows.js';
import { conflictOnDuplicate } from '../duplicates.js';
import { pageOf, pageSize } from '../rows.js';
import { authDecisionWhere } from '../sqlFilters.js';
import type { AuthDecisionRecord, AuthDecisionRepository } from '../types.js';

type Row = Record<string, unknown>;

export function sqliteAuthDecisions(db: Database): AuthDecisionRepository {
  const insert = db.prepare(
    `INSERT INTO auth_decisions (${AUTH_DECISION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const appendAll = db.transaction((records: readonly AuthDecisionRecord[]) => {
    for (const record of records) insert.run(...authDecisionValues(record));
  });
  return {
    async append(records) {
      if (records.length === 0) return;
      await conflictOnDuplicate('an auth decision id of the batch', () => appendAll(records));
    },
    async list(filter) {
      const limit = pageSize(filter.limit);
      const where = authDecisionWhere(filter);
      const rows = db
        .prepare(`SELECT * FROM auth_decisions ${where.sql} ORDER BY seq DESC LIMIT ?`)
        .all(...where.params, limit + 1) as Row[];
      return pageOf(rows, limit, authDecisionFromRow);
    },
  };
}
