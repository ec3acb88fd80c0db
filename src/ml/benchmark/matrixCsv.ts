import type { Matrix } from '../matrix.js';

/** One value as text that float64 parsers (numpy, Python's float, Number) read back bit for bit. */
function cell(v: number): string {
  if (Number.isNaN(v)) return 'nan';
  if (v === Number.POSITIVE_INFINITY) return 'inf';
  if (v === Number.NEGATIVE_INFINITY) return '-inf';
  // String(-0) is "0": keep the sign so the other side sees the very same bits.
  if (v === 0 && 1 / v < 0) return '-0';
  // JavaScript's shortest round-trip form: parsing it gives back the identical double.
  return String(v);
}

function headerCell(name: string): string {
  if (/[\r\n]/.test(name)) throw new RangeError(`column name ${JSON.stringify(name)} has a line break`);
  return /[",]/.test(name) ? `"${name.replaceAll('"', '""')}"` : name;
}

/**
 * A matrix and its labels as CSV, so another program (scikit-learn in the benchmarks) reads exactly
 * the numbers a model here saw: a header of the column names then `labelName`, one line per row.
 * Missing values stay missing (`nan`, which numpy reads as NaN) rather than being imputed here, so
 * the reader decides what missing means, as the models here do. Names with a line break are refused
 * because line-based readers skip the header as one line.
 */
export function matrixCsv(
  x: Matrix,
  columns: readonly string[],
  labels: ArrayLike<number>,
  labelName = 'label',
): string {
  if (columns.length !== x.cols) {
    throw new RangeError(`matrixCsv: ${columns.length} column names for ${x.cols} columns`);
  }
  if (labels.length !== x.rows) {
    throw new RangeError(`matrixCsv: ${labels.length} labels for ${x.rows} rows`);
  }
  const lines = [[...columns, labelName].map(headerCell).join(',')];
  const fields = new Array<string>(x.cols + 1);
  for (let i = 0; i < x.rows; i++) {
    for (let j = 0; j < x.cols; j++) fields[j] = cell(x.data[i * x.cols + j] as number);
    fields[x.cols] = cell(labels[i] as number);
    lines.push(fields.join(','));
  }
  return `${lines.join('\n')}\n`;
}
