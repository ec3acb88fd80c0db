import type pg from 'pg';
import type { Label } from '../../core/label.js';
import {
  LABEL_COLUMNS,
  LABEL_READ_PAGE,
  labelFromRow,
  labelValues,
  labelWhere,
  latestPerKey,
} from '../labelRows.js';
import { pageOf, pageSize } from '../rows.js';
import { toDollarParams } from '../sqlFilters.js';
import type { LabelRepository } from '../types.js';
import { inTransaction, type Row } from './db.js';

/** Labels per statement: one array parameter per column, so a chunk is one round trip. */
const CHUNK = 5_000;
const COLUMN_COUNT = 8;

/*
 * unnest() turns the column arrays back into rows; xmax = 0 holds for a row this statement inserted and
 * not for one it updated, which is how the insert/update split is counted without a second query.
 */
const UPSERT = `INSERT INTO labels (${LABEL_COLUMNS})
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
  ON CONFLICT (chain, address, category, source) DO UPDATE SET
    label = excluded.label, source_ref = excluded.source_ref,
    listed_at = excluded.listed_at, imported_at = excluded.imported_at
  RETURNING (xmax = 0) AS inserted`;

function columnsOf(labels: readonly Label[]): unknown[][] {
  const columns: unknown[][] = Array.from({ length: COLUMN_COUNT }, () => []);
  for (const label of labels) {
    const values = labelValues(label);
    for (let i = 0; i < COLUMN_COUNT; i++) columns[i]?.push(values[i]);
  }
  return columns;
}

export function postgresLabels(pool: pg.Pool): LabelRepository {
  return {
    async upsertMany(labels) {
      const unique = latestPerKey(labels);
      if (unique.length === 0) return { inserted: 0, updated: 0 };
      return inTransaction(pool, async (client) => {
        let inserted = 0;
        for (let start = 0; start < unique.length; start += CHUNK) {
          const { rows } = await client.query<{ inserted: boolean }>(
            UPSERT,
            columnsOf(unique.slice(start, start + CHUNK)),
          );
          for (const row of rows) if (row.inserted) inserted++;
        }
        return { inserted, updated: unique.length - inserted };
      });
    },
    async forAddress(chain, address) {
      const { rows } = await pool.query<Row>(
        'SELECT * FROM labels WHERE chain = $1 AND address = $2 ORDER BY seq',
        [chain, address],
      );
      return rows.map(labelFromRow);
    },
    async list(filter) {
      const limit = pageSize(filter.limit);
      const where = labelWhere(filter);
      const sql = toDollarParams(`SELECT * FROM labels ${where.sql} ORDER BY seq DESC LIMIT ?`);
      const { rows } = await pool.query<Row>(sql, [...where.params, limit + 1]);
      return pageOf(rows, limit, labelFromRow);
    },
    async count(filter) {
      const where = labelWhere(filter);
      const { rows } = await pool.query<{ n: string }>(
        toDollarParams(`SELECT COUNT(*) AS n FROM labels ${where.sql}`),
        where.params,
      );
      return Number(rows[0]?.n ?? 0);
    },
    async *all(chain) {
      let after = 0;
      for (;;) {
        const { rows } =
          chain === undefined
            ? await pool.query<Row>('SELECT * FROM labels WHERE seq > $1 ORDER BY seq LIMIT $2', [
                after,
                LABEL_READ_PAGE,
              ])
            : await pool.query<Row>(
                'SELECT * FROM labels WHERE chain = $1 AND seq > $2 ORDER BY seq LIMIT $3',
                [chain, after, LABEL_READ_PAGE],
              );
        for (const row of rows) yield labelFromRow(row);
        const last = rows.at(-1);
        if (rows.length < LABEL_READ_PAGE || last === undefined) return;
        after = Number(last.seq);
      }
    },
  };
}
