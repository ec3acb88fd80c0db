import { ValidationError } from '../core/errors.js';
import { num, optStr, withoutUndefined } from './rows.js';
import type { WhereClause } from './sqlFilters.js';
import type { IntelDocument, IntelDocumentFilter, IntelSource, Page } from './types.js';

/*
 * Row <-> domain mapping of the intel tables, shared by both stores. A document's entities live in their
 * own table (one row per distinct kind and value, with the document's published_at copied in so mention
 * counts never join), and are read back per page with a second query.
 */
type Row = Record<string, unknown>;
type Entity = IntelDocument['entities'][number];

/** Documents read per query by `all()`; bodies can be long, so smaller than the label pages. */
export const INTEL_READ_PAGE = 500;

/** Columns an insert fills, in the order of documentValues. */
export const DOCUMENT_INSERT_COLUMNS =
  'id, source, origin, kind, title, body, url, published_at, modified_at, raw';

/** What a read selects; never `*`, which in PostgreSQL would drag the tsvector along. */
export function documentColumns(alias = ''): string {
  const p = alias ? `${alias}.` : '';
  return ['seq', ...DOCUMENT_INSERT_COLUMNS.split(', ')].map((c) => `${p}${c}`).join(', ');
}

/** The ON CONFLICT (id) update of a replaced document: every column but id and seq. */
export const DOCUMENT_REPLACE = DOCUMENT_INSERT_COLUMNS.split(', ')
  .slice(1)
  .map((c) => `${c} = excluded.${c}`)
  .join(', ');

export function documentValues(d: IntelDocument): unknown[] {
  return [
    d.id,
    d.source,
    d.origin,
    d.kind,
    d.title,
    d.body,
    d.url ?? null,
    d.publishedAt,
    d.modifiedAt,
    d.raw,
  ];
}

/**
 * Times must be whole milliseconds: SQLite would store 1.5 where PostgreSQL's BIGINT refuses it, and the
 * bucket arithmetic of mentionCounts assumes integers.
 */
export function checkDocuments(documents: readonly IntelDocument[]): void {
  const issues: { path: string; message: string }[] = [];
  documents.forEach((d, i) => {
    for (const key of ['publishedAt', 'modifiedAt'] as const) {
      if (!Number.isSafeInteger(d[key])) {
        issues.push({
          path: `documents[${i}].${key}`,
          message: `expected epoch milliseconds, got ${d[key]}`,
        });
      }
    }
  });
  if (issues.length > 0) {
    throw new ValidationError(
      'INPUT_INVALID',
      'intel document batch',
      issues,
      'give times as whole epoch milliseconds',
    );
  }
}

/** One document per id, the last one given winning, in first-seen order (as labels do, for the same reasons). */
export function latestPerId(documents: readonly IntelDocument[]): IntelDocument[] {
  const byId = new Map<string, IntelDocument>();
  for (const d of documents) byId.set(d.id, d);
  return [...byId.values()];
}

/** A document counts once per entity however often the NLP found it: the first occurrence keeps its place. */
export function uniqueEntities(entities: readonly Entity[]): Entity[] {
  const seen = new Set<string>();
  const unique: Entity[] = [];
  for (const e of entities) {
    const key = `${e.kind}\u0000${e.value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push({ kind: e.kind, value: e.value });
  }
  return unique;
}

/** Rows for `intel_document_entities (document_id, ord, kind, value, published_at)`, in that column order. */
export function entityValues(d: IntelDocument): unknown[][] {
  return uniqueEntities(d.entities).map((e, ord) => [d.id, ord, e.kind, e.value, d.publishedAt]);
}

/** Maps document rows to documents, given the entity rows of those documents ordered by ord. */
export function documentsFromRows(rows: readonly Row[], entityRows: readonly Row[]): IntelDocument[] {
  const byDocument = new Map<string, Entity[]>();
  for (const e of entityRows) {
    const id = String(e.document_id);
    const entity = { kind: String(e.kind), value: String(e.value) };
    const list = byDocument.get(id);
    if (list) list.push(entity);
    else byDocument.set(id, [entity]);
  }
  return rows.map((row) =>
    withoutUndefined<IntelDocument>({
      id: String(row.id),
      source: row.source as IntelSource,
      origin: String(row.origin),
      kind: row.kind as IntelDocument['kind'],
      title: String(row.title),
      body: String(row.body),
      url: optStr(row.url),
      publishedAt: num(row.published_at),
      modifiedAt: num(row.modified_at),
      raw: String(row.raw),
      entities: byDocument.get(String(row.id)) ?? [],
    }),
  );
}

/*
 * Lists are ordered by published_at, which does not follow insertion, so the cursor carries the last row's
 * (published_at, seq) and the next page starts strictly below that pair.
 */
export function encodeIntelCursor(publishedAt: number, seq: number): string {
  return Buffer.from(`${publishedAt}:${seq}`).toString('base64url');
}

export function decodeIntelCursor(
  cursor: string | undefined,
): { publishedAt: number; seq: number } | undefined {
  if (!cursor) return undefined;
  const [at, seq, extra] = Buffer.from(cursor, 'base64url').toString().split(':');
  const publishedAt = Number(at);
  const s = Number(seq);
  if (extra !== undefined || at === '' || !Number.isSafeInteger(publishedAt)) return undefined;
  return Number.isSafeInteger(s) && s > 0 ? { publishedAt, seq: s } : undefined;
}

/** A page from `limit + 1` document rows ordered newest published first; the extra row tells that more exist. */
export function intelPageOf(
  rows: readonly Row[],
  limit: number,
  entityRows: readonly Row[],
): Page<IntelDocument> {
  const items = documentsFromRows(rows.slice(0, limit), entityRows);
  const last = rows[limit - 1];
  return rows.length > limit && last
    ? { items, nextCursor: encodeIntelCursor(num(last.published_at), num(last.seq)) }
    : { items };
}

/** WHERE over intel_documents for list and count; `since` is inclusive and `until` exclusive. */
export function intelWhere(filter: Omit<IntelDocumentFilter, 'limit'>): WhereClause {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (filter.source && filter.source.length > 0) {
    parts.push(`source IN (${filter.source.map(() => '?').join(', ')})`);
    params.push(...filter.source);
  }
  if (filter.entity) {
    parts.push('id IN (SELECT document_id FROM intel_document_entities WHERE kind = ? AND value = ?)');
    params.push(filter.entity.kind, filter.entity.value);
  }
  if (filter.since !== undefined) {
    parts.push('published_at >= ?');
    params.push(filter.since);
  }
  if (filter.until !== undefined) {
    parts.push('published_at < ?');
    params.push(filter.until);
  }
  const after = decodeIntelCursor(filter.cursor);
  if (after) {
    parts.push('(published_at, seq) < (?, ?)');
    params.push(after.publishedAt, after.seq);
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

export interface MentionQuery {
  kind: string;
  value?: string;
  bucket: 'day' | 'week' | 'month';
  since?: number;
  until?: number;
}

/** WHERE over intel_document_entities for mentionCounts; `since` inclusive, `until` exclusive. */
export function mentionWhere(query: MentionQuery): WhereClause {
  const parts = ['kind = ?'];
  const params: unknown[] = [query.kind];
  if (query.value !== undefined) {
    parts.push('value = ?');
    params.push(query.value);
  }
  if (query.since !== undefined) {
    parts.push('published_at >= ?');
    params.push(query.since);
  }
  if (query.until !== undefined) {
    parts.push('published_at < ?');
    params.push(query.until);
  }
  return { sql: `WHERE ${parts.join(' AND ')}`, params };
}

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
/** 1970-01-01 was a Thursday; weeks start on Monday, three days earlier. */
const MONDAY_OFFSET_MS = 3 * DAY_MS;

/*
 * Bucket starts as integer arithmetic both dialects evaluate alike. `%` keeps the dividend's sign in both,
 * so `((x % m) + m) % m` is the floor remainder and times before 1970 fall into the right bucket too.
 */
export function dayStartSql(column: string): string {
  return `(${column} - ((${column} % ${DAY_MS}) + ${DAY_MS}) % ${DAY_MS})`;
}

export function weekStartSql(column: string): string {
  const shifted = `(${column} + ${MONDAY_OFFSET_MS})`;
  return `(${column} - ((${shifted} % ${WEEK_MS}) + ${WEEK_MS}) % ${WEEK_MS})`;
}

export function mentionFromRow(row: Row): { value: string; bucketStart: number; count: number } {
  return { value: String(row.value), bucketStart: num(row.bucket_start), count: num(row.n) };
}

/** Chunks of a search query the backends match as phrases, all of which must occur. */
export const MAX_SEARCH_TERMS = 32;

/**
 * Splits a user's query at whitespace into chunks that each hold a letter or digit. Each chunk is then
 * matched as a phrase of its words, so `CVE-2024-12345` or `GHSA-abcd-efgh-ij12` must appear as written,
 * and no character of a query is ever read as search syntax.
 */
export function searchTerms(query: string): string[] {
  return query
    .split(/\s+/u)
    .filter((chunk) => /[\p{L}\p{N}]/u.test(chunk))
    .slice(0, MAX_SEARCH_TERMS);
}
