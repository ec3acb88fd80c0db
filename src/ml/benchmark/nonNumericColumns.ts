import { isNumberCell, parseTableCsv } from '../featureTable.js';

/**
 * The header names (trimmed) of the CSV columns with at least one non-empty cell that is not a
 * number, judged as readFeatureTable judges them (the same parsing, rows with the wrong number of
 * cells skipped). readFeatureTable frequency-encodes such columns; a benchmark that must compare
 * against another library on numbers alone passes these to `ignore` to drop them instead.
 */
export function nonNumericColumns(text: string): string[] {
  const { header, rows } = parseTableCsv(text);
  return header.filter((_, j) => rows.some((r) => (r[j] ?? '') !== '' && !isNumberCell(r[j] ?? '')));
}
