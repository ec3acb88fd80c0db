import type { Label } from '../core/label.js';
import { decodeCursor } from './rows.js';
import type { WhereClause } from './sqlFilters.js';
import type { LabelFilter } from './types.js';

type Row = Record<string, unknown>;

/** Rows read per query by `labels.all()`: large enough to load 10,000s quickly, small enough to stream. */
export const LABEL_READ_PAGE = 2_000;

export const LABEL_COLUMNS = 'chain, address, category, source, label, source_ref, listed_at, imported_at';

export function labelFromRow(row: Row): Label {
  const label = {
    chain: row.chain,
    address: row.address,
    category: row.category,
    label: row.label,
    source: row.source,
    sourceRef: row.source_ref,
    importedAt: row.imported_at,
  } as Label;
  if (row.listed_at !== null && row.listed_at !== undefined) label.listedAt = String(row.listed_at);
  return label;
}

/** Values in LABEL_COLUMNS order. */
export function labelValues(label: Label): unknown[] {
  return [
    label.chain,
    label.address,
    label.category,
    label.source,
    label.label,
    label.sourceRef,
    label.listedAt ?? null,
    label.importedAt,
  ];
}

/**
 * One label per (chain, address, category, source), the last one given winning, in first-seen order. A
 * single statement cannot update one row twice (PostgreSQL refuses), and both stores must count alike.
 */
export function latestPerKey(labels: readonly Label[]): Label[] {
  const byKey = new Map<string, Label>();
  for (const l of labels) {
    byKey.set(`${l.chain}\u0000${l.address}\u0000${l.category}\u0000${l.source}`, l);
  }
  return [...byKey.values()];
}

/** WHERE for list and count; the cursor pages by seq, newest first, like alerts. */
export function labelWhere(filter: Omit<LabelFilter, 'limit'>): WhereClause {
  const parts: string[] = [];
  const params: unknown[] = [];
  for (const [column, value] of [
    ['chain', filter.chain],
    ['category', filter.category],
    ['source', filter.source],
  ] as const) {
    if (value === undefined) continue;
    parts.push(`${column} = ?`);
    params.push(value);
  }
  const seq = decodeCursor(filter.cursor);
  if (seq !== undefined) {
    parts.push('seq < ?');
    params.push(seq);
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}
