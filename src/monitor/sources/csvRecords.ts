import { ValidationError } from '../../core/errors.js';
import { TransferEventSchema } from '../../core/transferEvent.js';
import { splitCsvLine } from './csvLine.js';
import { readLineBatches } from './readLines.js';

const NUMERIC_COLUMNS = new Set(['logIndex', 'blockNumber', 'time', 'amount', 'valueUsd']);
const KNOWN_COLUMNS = new Set(Object.keys(TransferEventSchema.shape));
const REQUIRED_COLUMNS = ['time', 'from', 'to', 'amount'];

/** One CSV row as a raw record for the schema, or the reason it could not become one. */
export type CsvRow = { line: number; record: Record<string, unknown> } | { line: number; error: string };

/**
 * A cell as the schema wants it: numbers for the numeric columns (time may also be an ISO-8601 date,
 * as spreadsheets write it), absent for an empty cell, text otherwise. A number that does not parse
 * stays text so the schema names the column in its complaint.
 */
function cellValue(column: string, text: string): unknown {
  if (text === '') return undefined;
  if (!NUMERIC_COLUMNS.has(column)) return text;
  const n = Number(text);
  if (!Number.isNaN(n)) return n;
  if (column === 'time') {
    const ms = Date.parse(text);
    if (!Number.isNaN(ms)) return ms;
  }
  return text;
}

function checkHeader(header: string[], path: string): void {
  const missing = REQUIRED_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length === 0) return;
  const unknown = header.filter((c) => !KNOWN_COLUMNS.has(c));
  throw new ValidationError(
    'INPUT_INVALID',
    `CSV header of ${path}`,
    missing.map((c) => ({ path: c, message: 'required column is missing' })),
    `the first line must name TransferEvent fields (${[...KNOWN_COLUMNS].join(', ')})` +
      (unknown.length > 0 ? `; unknown columns: ${unknown.join(', ')}` : ''),
  );
}

/**
 * Streams a CSV file whose header names TransferEvent fields (other columns are ignored), one record
 * per line. A row with the wrong number of cells or broken quoting is reported with its line and the
 * stream goes on; a header without the required columns is a usage error and throws.
 */
export async function* readCsvRows(path: string, signal: AbortSignal): AsyncGenerator<CsvRow> {
  let header: string[] | undefined;
  for await (const { firstLine, lines } of readLineBatches(path, signal)) {
    for (let i = 0; i < lines.length; i++) {
      const line = firstLine + i;
      let text = lines[i] as string | null;
      if (text === null) {
        yield { line, error: 'line is longer than 1 MiB' };
        continue;
      }
      if (header === undefined && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      if (text.trim() === '') continue;
      const cells = splitCsvLine(text);
      if (!Array.isArray(cells)) {
        if (header === undefined)
          throw new ValidationError('INPUT_INVALID', `CSV header of ${path}`, [
            { path: `line ${line}`, message: cells.error },
          ]);
        yield { line, error: cells.error };
        continue;
      }
      if (header === undefined) {
        header = cells;
        checkHeader(header, path);
        continue;
      }
      if (cells.length !== header.length) {
        yield { line, error: `expected ${header.length} cells as in the header, got ${cells.length}` };
        continue;
      }
      const record: Record<string, unknown> = {};
      for (let c = 0; c < header.length; c++) {
        const value = cellValue(header[c] as string, cells[c] as string);
        if (value !== undefined) record[header[c] as string] = value;
      }
      yield { line, record };
    }
  }
}
