import { parse } from 'csv-parse/sync';
import { ArgusError } from '../core/errors.js';
import { type Matrix, matrix } from './matrix.js';

export interface FeatureTable {
  /** Row ids from the id column, or row numbers when there is none. */
  ids: string[];
  /** The columns the model reads, in matrix order. */
  columns: string[];
  x: Matrix;
  /** What was done to which column (encoded, dropped), for the user to read. */
  notices: string[];
  /** Rows with the wrong number of cells: skipped and counted, never fatal. */
  rejectedRows: number;
}

export interface FeatureTableOptions {
  id?: string;
  /** Columns the model must never read (labels, addresses). */
  ignore?: readonly string[];
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** True when a (trimmed, non-empty) cell is a number as feature tables read it. */
export function isNumberCell(cell: string): boolean {
  return NUMBER.test(cell);
}

/** The CSV's trimmed header and its rows with the right number of cells, as feature tables read them. */
export function parseTableCsv(text: string): { header: string[]; rows: string[][]; rejectedRows: number } {
  const records = parse(text, { relax_column_count: true, skip_empty_lines: true, trim: true }) as string[][];
  const header = (records[0] ?? []).map((h) => h.trim());
  const rows = records.slice(1).filter((r) => r.length === header.length);
  return { header, rows, rejectedRows: Math.max(0, records.length - 1 - rows.length) };
}

/**
 * Reads a CSV feature table. Numeric columns are read as they are, empty cells become NaN, and a
 * non-numeric column is frequency-encoded (how common its value is: rare categories look anomalous),
 * or dropped when every value is distinct (an identifier, useless to a model).
 */
export function readFeatureTable(text: string, options: FeatureTableOptions = {}): FeatureTable {
  const { header, rows, rejectedRows } = parseTableCsv(text);
  if (header.length === 0) throw new ArgusError('INPUT_INVALID', 'the CSV has no header row');
  const known = new Set(header);
  for (const name of [...(options.ignore ?? []), ...(options.id ? [options.id] : [])]) {
    if (!known.has(name)) {
      throw new ArgusError('INPUT_INVALID', `column "${name}" is not in the CSV`, {
        hint: `the columns are: ${header.join(', ')}`,
      });
    }
  }
  const idIndex = options.id ? header.indexOf(options.id) : -1;
  const skip = new Set(options.ignore ?? []);
  if (options.id) skip.add(options.id);

  const notices: string[] = [];
  const columns: string[] = [];
  const encoded: Float64Array[] = [];
  header.forEach((name, j) => {
    if (skip.has(name)) return;
    const cells = rows.map((r) => r[j] ?? '');
    const filled = cells.filter((c) => c !== '');
    if (filled.length === 0) {
      notices.push(`column "${name}" is empty: dropped`);
      return;
    }
    if (filled.every(isNumberCell)) {
      columns.push(name);
      encoded.push(Float64Array.from(cells, (c) => (c === '' ? Number.NaN : Number(c))));
      return;
    }
    const counts = new Map<string, number>();
    for (const c of filled) counts.set(c, (counts.get(c) ?? 0) + 1);
    if (counts.size === filled.length && filled.length > 1) {
      notices.push(`column "${name}" is non-numeric with a distinct value in every row: dropped`);
      return;
    }
    columns.push(name);
    encoded.push(
      Float64Array.from(cells, (c) => (c === '' ? Number.NaN : (counts.get(c) ?? 0) / filled.length)),
    );
    notices.push(`column "${name}" is non-numeric (${counts.size} distinct values): frequency-encoded`);
  });

  const x = matrix(rows.length, columns.length);
  encoded.forEach((col, j) => {
    for (let i = 0; i < rows.length; i++) x.data[i * columns.length + j] = col[i] as number;
  });
  const ids = rows.map((r, i) => (idIndex >= 0 ? (r[idIndex] ?? String(i)) : String(i + 1)));
  if (rejectedRows > 0) notices.push(`${rejectedRows} rows with the wrong number of cells were skipped`);
  return { ids, columns, x, notices, rejectedRows };
}
