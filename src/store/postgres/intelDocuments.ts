import type pg from 'pg';
import {
  checkDocuments,
  DOCUMENT_INSERT_COLUMNS,
  DOCUMENT_REPLACE,
  dayStartSql,
  documentColumns,
  documentsFromRows,
  documentValues,
  entityValues,
  INTEL_READ_PAGE,
  intelPageOf,
  intelWhere,
  latestPerId,
  type MentionQuery,
  mentionFromRow,
  mentionWhere,
  searchTerms,
  weekStartSql,
} from '../intelRows.js';
import { pageSize } from '../rows.js';
import { toDollarParams } from '../sqlFilters.js';
import type { IntelDocument, IntelDocumentRepository } from '../types.js';
import { inTransaction, type Row } from './db.js';

/** Documents per statement: one array parameter per column, so a chunk is one round trip. */
const CHUNK = 1_000;
const DOCUMENT_COLUMN_COUNT = 10;
const ENTITY_COLUMN_COUNT = 5;

const COLUMNS = documentColumns();

/*
 * ORDER BY ord hands out seq in the order of the batch; xmax = 0 holds for a row this statement inserted
 * and not for one it updated, which counts the split without a second query.
 */
const UPSERT = `INSERT INTO intel_documents (${DOCUMENT_INSERT_COLUMNS})
  SELECT ${DOCUMENT_INSERT_COLUMNS} FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[],
    $6::text[], $7::text[], $8::bigint[], $9::bigint[], $10::text[])
    WITH ORDINALITY AS t(${DOCUMENT_INSERT_COLUMNS}, ord)
  ORDER BY ord
  ON CONFLICT (id) DO UPDATE SET ${DOCUMENT_REPLACE}
  RETURNING (xmax = 0) AS inserted`;

const DROP_ENTITIES = 'DELETE FROM intel_document_entities WHERE document_id = ANY($1::text[])';

const INSERT_ENTITIES = `INSERT INTO intel_document_entities (document_id, ord, kind, value, published_at)
  SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::bigint[])`;

const ENTITIES_OF = `SELECT document_id, kind, value FROM intel_document_entities
  WHERE document_id = ANY($1::text[]) ORDER BY ord`;

function columnsOf(rows: readonly unknown[][], width: number): unknown[][] {
  const columns: unknown[][] = Array.from({ length: width }, () => []);
  for (const values of rows) {
    for (let i = 0; i < width; i++) columns[i]?.push(values[i]);
  }
  return columns;
}

function bucketSql(bucket: MentionQuery['bucket']): string {
  const day = dayStartSql('published_at');
  if (bucket === 'day') return day;
  if (bucket === 'week') return weekStartSql('published_at');
  // AT TIME ZONE 'UTC' makes date_trunc cut at the UTC month whatever the session's time zone.
  return `(EXTRACT(EPOCH FROM date_trunc('month', to_timestamp(${day} / 1000) AT TIME ZONE 'UTC')) * 1000)::bigint`;
}

/** Every term a phrase, all of them required: the same reading the SQLite store gives a query. */
function tsquerySql(termCount: number): string {
  return Array.from({ length: termCount }, (_, i) => `phraseto_tsquery('english', $${i + 1})`).join(' && ');
}

export function postgresIntelDocuments(pool: pg.Pool): IntelDocumentRepository {
  /** The entity rows of these documents, read in one more query. */
  const entitiesOf = async (rows: readonly Row[]): Promise<Row[]> => {
    if (rows.length === 0) return [];
    return (await pool.query<Row>(ENTITIES_OF, [rows.map((r) => String(r.id))])).rows;
  };
  const withEntities = async (rows: readonly Row[]): Promise<IntelDocument[]> =>
    documentsFromRows(rows, await entitiesOf(rows));

  return {
    async upsertMany(documents) {
      checkDocuments(documents);
      const unique = latestPerId(documents);
      if (unique.length === 0) return { inserted: 0, updated: 0 };
      return inTransaction(pool, async (client) => {
        let inserted = 0;
        for (let start = 0; start < unique.length; start += CHUNK) {
          const chunk = unique.slice(start, start + CHUNK);
          const { rows } = await client.query<{ inserted: boolean }>(
            UPSERT,
            columnsOf(chunk.map(documentValues), DOCUMENT_COLUMN_COUNT),
          );
          for (const row of rows) if (row.inserted) inserted++;
          await client.query(DROP_ENTITIES, [chunk.map((d) => d.id)]);
          const entities = chunk.flatMap(entityValues);
          if (entities.length > 0) {
            await client.query(INSERT_ENTITIES, columnsOf(entities, ENTITY_COLUMN_COUNT));
          }
        }
        return { inserted, updated: unique.length - inserted };
      });
    },
    async get(id) {
      const { rows } = await pool.query<Row>(`SELECT ${COLUMNS} FROM intel_documents WHERE id = $1`, [id]);
      return rows[0] ? (await withEntities(rows))[0] : undefined;
    },
    async list(filter) {
      const limit = pageSize(filter.limit);
      const where = intelWhere(filter);
      const sql = toDollarParams(
        `SELECT ${COLUMNS} FROM intel_documents ${where.sql} ORDER BY published_at DESC, seq DESC LIMIT ?`,
      );
      const { rows } = await pool.query<Row>(sql, [...where.params, limit + 1]);
      return intelPageOf(rows, limit, await entitiesOf(rows.slice(0, limit)));
    },
    async search(query, limit) {
      const terms = searchTerms(query);
      if (terms.length === 0) return [];
      const { rows } = await pool.query<Row>(
        `SELECT ${documentColumns('d')}, ts_rank(d.search, q.query) AS rank
         FROM intel_documents d, (SELECT ${tsquerySql(terms.length)} AS query) q
         WHERE d.search @@ q.query
         ORDER BY rank DESC, d.published_at DESC, d.seq DESC LIMIT $${terms.length + 1}`,
        [...terms, pageSize(limit)],
      );
      return withEntities(rows);
    },
    async mentionCounts(query) {
      const where = mentionWhere(query);
      // COLLATE "C" orders values by code point, as SQLite does, whatever the database's collation.
      const sql = toDollarParams(
        `SELECT value, ${bucketSql(query.bucket)} AS bucket_start, COUNT(*) AS n
         FROM intel_document_entities ${where.sql} GROUP BY 1, 2 ORDER BY value COLLATE "C", 2`,
      );
      const { rows } = await pool.query<Row>(sql, where.params);
      return rows.map(mentionFromRow);
    },
    async count(filter = {}) {
      const where = intelWhere(filter);
      const { rows } = await pool.query<{ n: string }>(
        toDollarParams(`SELECT COUNT(*) AS n FROM intel_documents ${where.sql}`),
        where.params,
      );
      return Number(rows[0]?.n ?? 0);
    },
    async *all(source) {
      const only = source && source.length > 0;
      let after = 0;
      for (;;) {
        const { rows } = only
          ? await pool.query<Row>(
              `SELECT ${COLUMNS} FROM intel_documents WHERE seq > $1 AND source = ANY($2::text[])
               ORDER BY seq LIMIT $3`,
              [after, source, INTEL_READ_PAGE],
            )
          : await pool.query<Row>(
              `SELECT ${COLUMNS} FROM intel_documents WHERE seq > $1 ORDER BY seq LIMIT $2`,
              [after, INTEL_READ_PAGE],
            );
        for (const document of await withEntities(rows)) yield document;
        const last = rows.at(-1);
        if (rows.length < INTEL_READ_PAGE || last === undefined) return;
        after = Number(last.seq);
      }
    },
  };
}
