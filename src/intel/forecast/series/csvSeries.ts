import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { ArgusError } from '../../../core/errors.js';
import { bucketStart } from '../calendarBuckets.js';
import type { Series } from './series.js';
import { bucketTotals, type SeriesUnit } from './seriesBuckets.js';

/** YYYY-MM, YYYY-MM-DD, or a date and time with an optional zone (UTC when none is given). */
const DATE =
  /^(\d{4})-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?$/;

export function parseCsvDate(text: string): number {
  const m = DATE.exec(text.trim());
  if (!m) return Number.NaN;
  const [, y, mo, d, h, mi, s, zone] = m;
  const utc = Date.UTC(
    Number(y),
    Number(mo) - 1,
    Number(d ?? 1),
    Number(h ?? 0),
    Number(mi ?? 0),
    Number(s ?? 0),
  );
  // Date.UTC rolls 2024-02-31 over to March; a date that does not round-trip is not a date.
  const back = new Date(utc);
  if (back.getUTCMonth() !== Number(mo) - 1 || back.getUTCDate() !== Number(d ?? 1)) return Number.NaN;
  if (!zone || zone === 'Z') return utc;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return utc - sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
}

/**
 * A series from a CSV file with a date and a value column: the columns named `date` and `value`
 * when there is such a header, else the first two. Rows are summed per bucket, so daily rows make a
 * weekly or monthly series; a bucket without rows is 0. A row whose date or value does not parse is
 * rejected and counted, and the rest are read.
 */
export function csvSeries(file: string, unit: SeriesUnit): Series {
  const path = resolve(file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ArgusError(
      'INPUT_INVALID',
      `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      {
        input: file,
        hint: 'give csv:<file> a readable file with date,value columns',
      },
    );
  }
  let rows: string[][];
  try {
    rows = parse(text, {
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
      bom: true,
    }) as string[][];
  } catch (error) {
    throw new ArgusError('INPUT_INVALID', `${path} is not CSV: ${(error as Error).message}`, { input: file });
  }
  let dateColumn = 0;
  let valueColumn = 1;
  let first = 0;
  const header = rows[0]?.map((c) => c.toLowerCase());
  if (header && !Number.isFinite(parseCsvDate(header[0] ?? ''))) {
    first = 1;
    if (header.includes('date')) dateColumn = header.indexOf('date');
    if (header.includes('value')) valueColumn = header.indexOf('value');
  }
  const events: { at: number; value: number }[] = [];
  const rejected: string[] = [];
  for (let i = first; i < rows.length; i++) {
    const row = rows[i] as string[];
    const at = parseCsvDate(row[dateColumn] ?? '');
    const cell = (row[valueColumn] ?? '').trim();
    const value = cell === '' ? Number.NaN : Number(cell);
    if (!Number.isFinite(at)) rejected.push(`line ${i + 1}: date "${row[dateColumn] ?? ''}"`);
    else if (!Number.isFinite(value)) rejected.push(`line ${i + 1}: value "${cell}"`);
    else events.push({ at, value });
  }
  if (events.length === 0) {
    throw new ArgusError('INPUT_INVALID', `${path} has no row with a date and a number`, {
      input: file,
      hint: 'expected a header date,value and rows such as 2024-03-01,17 (dates as YYYY-MM, YYYY-MM-DD or ISO 8601)',
    });
  }
  const buckets = bucketTotals(events, unit);
  const withRows = new Set(events.map((e) => bucketStart(e.at, unit))).size;
  const empty = buckets.starts.length - withRows;
  const notes = [`${events.length} rows of ${basename(path)} summed per ${unit}`];
  if (rejected.length > 0) {
    notes.push(
      `${rejected.length} rows rejected (${rejected.slice(0, 3).join('; ')}${rejected.length > 3 ? '; …' : ''})`,
    );
  }
  if (empty > 0) notes.push(`${empty} ${unit}s without rows count as 0`);
  return {
    name: `${basename(path)} per ${unit}`,
    unit,
    measure: 'value',
    starts: buckets.starts,
    values: buckets.values,
    notes,
  };
}
