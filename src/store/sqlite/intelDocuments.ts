import type { Database } from 'better-sqlite3';
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
import type { IntelDocument, IntelDocumentRepository, IntelSource } from '../types.js';

type Row = Record<string, unknown>;

/** bm25 weights of the FTS columns (title, body): a word in the title counts four times one in the body. */
const BM25 = 'bm25(intel_documents_fts, 4.0, 1.0)';

const COLUMNS = documentColumns();

function bucketSql(bucket: MentionQuery['bucket']): string {
  const day = dayStartSql('published_at');
  if (bucket === 'day') return day;
  if (bucket === 'week') return weekStartSql('published_at');
  // The day start is a whole number of seconds, so the division is exact.
  return `CAST(strftime('%s', ${day} / 1000, 'unixepoch', 'start of month') AS INTEGER) * 1000`;
}

/** Each term a quoted FTS5 string (quotes doubled inside), so the tokenizer, not the query parser, reads it. */
function matchExpression(terms: readonly string[]): string {
  return terms.map((t) => `"${t.replaceAll('"', '""')}"`).join(' ');
}

export function sqliteIntelDocuments(db: Database): IntelDocumentRepository {
  const exists = db.prepare('SELECT 1 FROM intel_documents WHERE id = ?');
  const upsert = db.prepare(
    `INSERT INTO intel_documents (${DOCUMENT_INSERT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET ${DOCUMENT_REPLACE}`,
  );
  const dropEntities = db.prepare('DELETE FROM intel_document_entities WHERE document_id = ?');
  const insertEntity = db.prepare(
    'INSERT INTO intel_document_entities (document_id, ord, kind, value, published_at) VALUES (?, ?, ?, ?, ?)',
  );
  const byId = db.prepare(`SELECT ${COLUMNS} FROM intel_documents WHERE id = ?`);
  const pageAll = db.prepare(`SELECT ${COLUMNS} FROM intel_documents WHERE seq > ? ORDER BY seq LIMIT ?`);

  const upsertAll = db.transaction((documents: readonly IntelDocument[]) => {
    let inserted = 0;
    let updated = 0;
    for (const d of documents) {
      if (exists.get(d.id)) updated++;
      else inserted++;
      upsert.run(...documentValues(d));
      dropEntities.run(d.id);
      for (const values of entityValues(d)) insertEntity.run(...values);
    }
    return { inserted, updated };
  });

  /** The documents of these rows with their entities, read in one more query. */
  const entitiesOf = (rows: readonly Row[]): Row[] => {
    if (rows.length === 0) return [];
    return db
      .prepare(
        `SELECT document_id, kind, value FROM intel_document_entities
         WHERE document_id IN (${rows.map(() => '?').join(', ')}) ORDER BY ord`,
      )
      .all(...rows.map((r) => r.id)) as Row[];
  };
  const withEntities = (rows: readonly Row[]) => documentsFromRows(rows, entitiesOf(rows));

  return {
    async upsertMany(documents) {
      checkDocuments(documents);
      return upsertAll(latestPerId(documents));
    },
    async get(id) {
      const row = byId.get(id) as Row | undefined;
      return row ? withEntities([row])[0] : undefined;
    },
    async list(filter) {
      const limit = pageSize(filter.limit);
      const where = intelWhere(filter);
      const rows = db
        .prepare(
          `SELECT ${COLUMNS} FROM intel_documents ${where.sql}
           ORDER BY published_at DESC, seq DESC LIMIT ?`,
        )
        .all(...where.params, limit + 1) as Row[];
      return intelPageOf(rows, limit, entitiesOf(rows.slice(0, limit)));
    },
    async search(query, limit) {
      const terms = searchTerms(query);
      if (terms.length === 0) return [];
      const rows = db
        .prepare(
          `SELECT ${documentColumns('d')} FROM intel_documents_fts
           JOIN intel_documents d ON d.seq = intel_documents_fts.rowid
           WHERE intel_documents_fts MATCH ?
           ORDER BY ${BM25}, d.published_at DESC, d.seq DESC LIMIT ?`,
        )
        .all(matchExpression(terms), pageSize(limit)) as Row[];
      return withEntities(rows);
    },
    async mentionCounts(query) {
      const where = mentionWhere(query);
      const rows = db
        .prepare(
          `SELECT value, ${bucketSql(query.bucket)} AS bucket_start, COUNT(*) AS n
           FROM intel_document_entities ${where.sql} GROUP BY 1, 2 ORDER BY 1, 2`,
        )
        .all(...where.params) as Row[];
      return rows.map(mentionFromRow);
    },
    async count(filter = {}) {
      const where = intelWhere(filter);
      const row = db
        .prepare(`SELECT COUNT(*) AS n FROM intel_documents ${where.sql}`)
        .get(...where.params) as {
        n: number;
      };
      return row.n;
    },
    async *all(source?: IntelSource[]) {
      // Paged rather than one open iterator, which would keep the connection busy until the reader finished.
      const only = source && source.length > 0 ? `AND source IN (${source.map(() => '?').join(', ')})` : '';
      const page = only
        ? db.prepare(`SELECT ${COLUMNS} FROM intel_documents WHERE seq > ? ${only} ORDER BY seq LIMIT ?`)
        : pageAll;
      let after = 0;
      for (;;) {
        const rows = (
          only ? page.all(after, ...(source ?? []), INTEL_READ_PAGE) : page.all(after, INTEL_READ_PAGE)
        ) as Row[];
        for (const document of withEntities(rows)) yield document;
        const last = rows.at(-1);
        if (rows.length < INTEL_READ_PAGE || last === undefined) return;
        after = Number(last.seq);
      }
    },
  };
}
