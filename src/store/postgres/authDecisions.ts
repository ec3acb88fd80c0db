import type pg from 'pg';
import { AUTH_DECISION_COLUMNS, authDecisionFromRow, authDecisionValues } from '../authRows.js';
import { conflictOnDuplicate } from '../duplicates.js';
import { pageOf, pageSize } from '../rows.js';
import { authDecisionWhere, toDollarParams } from '../sqlFilters.js';
import type { AuthDecisionRecord, AuthDecisionRepository } from '../types.js';
import { inTransaction, type Row } from './db.js';

/** Records per statement: one array parameter per column, so a chunk is one round trip. */
const CHUNK = 5_000;
const COLUMN_COUNT = 8;

/* ORDER BY ord hands out seq in the order of the batch, which is the order list() reads back. */
const INSERT = `INSERT INTO auth_decisions (${AUTH_DECISION_COLUMNS})
  SELECT ${AUTH_DECISION_COLUMNS} FROM unnest($1::text[], $2::text[], $3::text[], $4::float8[], $5::text[],
    $6::text[], $7::text[], $8::bigint[]) WITH ORDINALITY AS t(${AUTH_DECISION_COLUMNS}, ord)
  ORDER BY ord`;

function columnsOf(records: readonly AuthDecisionRecord[]): unknown[][] {
  const columns: unknown[][] = Array.from({ length: COLUMN_COUNT }, () => []);
  for (const record of records) {
    const values = authDecisionValues(record);
    for (let i = 0; i < COLUMN_COUNT; i++) columns[i]?.push(values[i]);
  }
  return columns;
}

export function postgresAuthDecisions(pool: pg.Pool): AuthDecisionRepository {
  return {
    async append(records) {
      if (records.length === 0) return;
      await conflictOnDuplicate('an auth decision id of the batch', () =>
        inTransaction(pool, async (client) => {
          for (let start = 0; start < records.length; start += CHUNK) {
            await client.query(INSERT, columnsOf(records.slice(start, start + CHUNK)));
          }
        }),
      );
    },
    async list(filter) {
      const limit = pageSize(filter.limit);
      const where = authDecisionWhere(filter);
      const sql = toDollarParams(`SELECT * FROM auth_decisions ${where.sql} ORDER BY seq DESC LIMIT ?`);
      const { rows } = await pool.query<Row>(sql, [...where.params, limit + 1]);
      return pageOf(rows, limit, authDecisionFromRow);
    },
  };
}
