import { parse } from 'csv-parse/sync';
import { ArgusError } from '../../core/errors.js';
import { type Matrix, matrix } from '../../ml/matrix.js';
import { deriveFeatures, featureCount, featureNames, timingIssues } from './keystrokeSample.js';

/** One subject's samples in the order they were typed (one row each). */
export interface KeystrokeSubject {
  id: string;
  samples: Matrix;
}

/** A row the reader refused, with the line and column that made it refuse. */
export interface RejectedRow {
  line: number;
  message: string;
}

export interface KeystrokeDataset {
  /**
   * feature-table: `subject,sessionIndex,rep,<numeric features>` as in Killourhy & Maxion's CMU file;
   * raw-timings: `user,press-0,release-0,...` in ms, from which hold / down-down / up-down are derived.
   */
  layout: 'feature-table' | 'raw-timings';
  features: string[];
  /** In order of first appearance in the file. */
  subjects: KeystrokeSubject[];
  rejected: RejectedRow[];
}

const LAYOUT_HINT =
  'expected either a feature table with columns subject,sessionIndex,rep followed by numeric timing ' +
  'features (the CMU benchmark layout), or raw timings with a user column and press-0,release-0,... ' +
  'press-(n-1),release-(n-1) in ms';

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

interface Row {
  line: number;
  cells: string[];
}

function readRows(text: string): { header: string[]; rows: Row[] } {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // With `info`, each record comes with where it was read; the typings do not follow that option.
    records = parse(text, {
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
    }) as unknown as typeof records;
  } catch (cause) {
    throw new ArgusError('INPUT_INVALID', `the keystroke CSV cannot be parsed: ${(cause as Error).message}`, {
      hint: LAYOUT_HINT,
      cause,
    });
  }
  const [first, ...rest] = records;
  if (!first) throw new ArgusError('INPUT_INVALID', 'the keystroke CSV is empty', { hint: LAYOUT_HINT });
  return { header: first.record, rows: rest.map((r) => ({ line: r.info.lines, cells: r.record })) };
}

/** Cells → numbers, or the message naming the first bad column. */
function numbersOf(row: Row, header: string[], from: number, out: Float64Array): string | undefined {
  if (row.cells.length !== header.length) {
    return `line ${row.line}: ${row.cells.length} cells, the header has ${header.length}`;
  }
  for (let j = from; j < header.length; j++) {
    const cell = row.cells[j] as string;
    if (!NUMBER.test(cell)) {
      return `line ${row.line}, column ${header[j]}: ${cell === '' ? 'empty' : `"${cell}" is not a number`}`;
    }
    const value = Number(cell);
    if (!Number.isFinite(value)) return `line ${row.line}, column ${header[j]}: "${cell}" is not finite`;
    out[j - from] = value;
  }
  return undefined;
}

/** Groups accepted rows by subject, keeping the file's order of subjects and of samples. */
class SubjectRows {
  private readonly bySubject = new Map<string, { values: Float64Array[]; sortKeys: number[][] }>();

  add(subject: string, sortKey: number[], values: Float64Array): void {
    let entry = this.bySubject.get(subject);
    if (!entry) {
      entry = { values: [], sortKeys: [] };
      this.bySubject.set(subject, entry);
    }
    entry.values.push(values);
    entry.sortKeys.push(sortKey);
  }

  /** One matrix per subject; rows ordered by their sort keys (stable, so ties keep file order). */
  build(cols: number): KeystrokeSubject[] {
    return [...this.bySubject].map(([id, { values, sortKeys }]) => {
      const order = values.map((_, i) => i);
      order.sort((a, b) => {
        const ka = sortKeys[a] as number[];
        const kb = sortKeys[b] as number[];
        for (let k = 0; k < ka.length; k++) {
          const d = (ka[k] as number) - (kb[k] as number);
          if (d !== 0) return d;
        }
        return a - b;
      });
      const samples = matrix(order.length, cols);
      order.forEach((src, i) => {
        samples.data.set(values[src] as Float64Array, i * cols);
      });
      return { id, samples };
    });
  }
}

function readFeatureTableLayout(header: string[], rows: Row[]): KeystrokeDataset {
  const features = header.slice(3);
  if (features.length === 0) {
    throw new ArgusError(
      'INPUT_INVALID',
      'the feature table has no feature columns after subject,sessionIndex,rep',
      {
        hint: LAYOUT_HINT,
      },
    );
  }
  const rejected: RejectedRow[] = [];
  const grouped = new SubjectRows();
  const order = new Float64Array(2);
  for (const row of rows) {
    const values = new Float64Array(features.length);
    const problem =
      numbersOf(row, header, 3, values) ??
      (row.cells[0] === '' ? `line ${row.line}, column ${header[0]}: empty subject` : undefined) ??
      numbersOf({ line: row.line, cells: row.cells.slice(0, 3) }, header.slice(0, 3), 1, order);
    if (problem) {
      rejected.push({ line: row.line, message: problem });
      continue;
    }
    grouped.add(row.cells[0] as string, [order[0] as number, order[1] as number], values);
  }
  return { layout: 'feature-table', features, subjects: grouped.build(features.length), rejected };
}

const TIMING_COLUMN = /^(press|release)-(\d+)$/i;

function readRawTimingsLayout(header: string[], rows: Row[]): KeystrokeDataset {
  // Column of each key's press and release, wherever they sit after the user column.
  const press: number[] = [];
  const release: number[] = [];
  header.forEach((name, j) => {
    if (j === 0) return;
    const m = TIMING_COLUMN.exec(name);
    if (!m) {
      throw new ArgusError(
        'INPUT_INVALID',
        `raw-timings CSV: unexpected column "${name}" (column ${j + 1})`,
        {
          hint: LAYOUT_HINT,
        },
      );
    }
    const target = (m[1] as string).toLowerCase() === 'press' ? press : release;
    const key = Number(m[2]);
    if (target[key] !== undefined) {
      throw new ArgusError('INPUT_INVALID', `raw-timings CSV: column "${name}" appears twice`, {
        hint: LAYOUT_HINT,
      });
    }
    target[key] = j;
  });
  const keys = Math.max(press.length, release.length);
  for (let i = 0; i < keys; i++) {
    for (const [kind, cols] of [
      ['press', press],
      ['release', release],
    ] as const) {
      if (cols[i] === undefined) {
        throw new ArgusError('INPUT_INVALID', `raw-timings CSV: column ${kind}-${i} is missing`, {
          hint: `keys must be numbered 0..${keys - 1} with a press and a release column each`,
        });
      }
    }
  }
  if (keys < 2) {
    throw new ArgusError('INPUT_INVALID', `raw-timings CSV: at least 2 keys are needed, found ${keys}`, {
      hint: LAYOUT_HINT,
    });
  }

  const rejected: RejectedRow[] = [];
  const grouped = new SubjectRows();
  const cells = new Float64Array(header.length - 1);
  const down = new Float64Array(keys);
  const up = new Float64Array(keys);
  for (const row of rows) {
    const problem =
      numbersOf(row, header, 1, cells) ??
      (row.cells[0] === '' ? `line ${row.line}, column ${header[0]}: empty user` : undefined);
    if (problem) {
      rejected.push({ line: row.line, message: problem });
      continue;
    }
    for (let i = 0; i < keys; i++) {
      down[i] = cells[(press[i] as number) - 1] as number;
      up[i] = cells[(release[i] as number) - 1] as number;
    }
    const issue = timingIssues(down, up)[0];
    if (issue) {
      const [key, which] = issue.path.split('.');
      const column = which === undefined ? '' : `, column ${which === 'up' ? 'release' : 'press'}-${key}`;
      rejected.push({ line: row.line, message: `line ${row.line}${column}: ${issue.message}` });
      continue;
    }
    grouped.add(row.cells[0] as string, [], deriveFeatures(down, up));
  }
  return {
    layout: 'raw-timings',
    features: featureNames(keys),
    subjects: grouped.build(featureCount(keys)),
    rejected,
  };
}

/**
 * Reads a keystroke CSV in either layout, detected from the header. Header problems throw an
 * ArgusError (INPUT_INVALID) with a hint; a bad row (wrong cell count, a cell that is not a number,
 * timings that break the rules in keystrokeSample.ts) is left out and listed in `rejected` with its
 * line and column, so one bad row does not lose the rest of the file. Feature-table rows are ordered
 * by (sessionIndex, rep) within each subject; raw-timings rows keep the file's order.
 */
export function readKeystrokeCsv(text: string): KeystrokeDataset {
  const { header, rows } = readRows(text);
  const lower = header.map((h) => h.toLowerCase());
  if (lower[0] === 'subject' && lower[1] === 'sessionindex' && lower[2] === 'rep') {
    return readFeatureTableLayout(header, rows);
  }
  if (lower[0] === 'user' && header.length > 1 && header.slice(1).some((h) => TIMING_COLUMN.test(h))) {
    return readRawTimingsLayout(header, rows);
  }
  throw new ArgusError(
    'INPUT_INVALID',
    `unrecognised keystroke CSV header: ${header.slice(0, 4).join(',')}${header.length > 4 ? ',...' : ''}`,
    { hint: LAYOUT_HINT },
  );
}
