import { parse } from 'csv-parse/sync';

/** The number syntax readFeatureTable accepts; keep the two in step. */
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * The header names (trimmed) of the CSV columns with at least one non-empty cell that is not a
 * number, judged as readFeatureTable judges them (same parser options, rows with the wrong number of
 * cells skipped). readFeatureTable frequency-encodes such columns; a benchmark that must compare
 * against another library on numbers alone passes these to `ignore` to drop them instead.
 */
export function nonNumericColumns(text: string): string[] {
  const records = parse(text, { relax_column_count: true, skip_empty_lines: true, trim: true }) as string[][];
  const header = (records[0] ?? []).map((h) => h.trim());
  const rows = records.slice(1).filter((r) => r.length === header.length);
  return header.filter((_, j) => rows.some((r) => (r[j] ?? '') !== '' && !NUMBER.test(r[j] ?? '')));
}
