import type { Matrix } from '../../../ml/matrix.js';

/** Per-feature mean of the training rows. */
export function columnMeans(x: Matrix): Float64Array {
  const out = new Float64Array(x.cols);
  for (let i = 0; i < x.rows; i++) {
    for (let j = 0; j < x.cols; j++) out[j] = (out[j] as number) + (x.data[i * x.cols + j] as number);
  }
  for (let j = 0; j < x.cols; j++) out[j] = (out[j] as number) / x.rows;
  return out;
}

/** Per-feature median (mean of the two middle values for an even count). */
export function columnMedians(x: Matrix): Float64Array {
  const out = new Float64Array(x.cols);
  const column = new Float64Array(x.rows);
  const mid = x.rows >> 1;
  for (let j = 0; j < x.cols; j++) {
    for (let i = 0; i < x.rows; i++) column[i] = x.data[i * x.cols + j] as number;
    column.sort();
    out[j] =
      x.rows % 2 === 1
        ? (column[mid] as number)
        : ((column[mid - 1] as number) + (column[mid] as number)) / 2;
  }
  return out;
}

/** Per-feature mean absolute deviation of the rows from `centre`. */
export function meanAbsoluteDeviations(x: Matrix, centre: Float64Array): Float64Array {
  const out = new Float64Array(x.cols);
  for (let i = 0; i < x.rows; i++) {
    for (let j = 0; j < x.cols; j++) {
      out[j] = (out[j] as number) + Math.abs((x.data[i * x.cols + j] as number) - (centre[j] as number));
    }
  }
  for (let j = 0; j < x.cols; j++) out[j] = (out[j] as number) / x.rows;
  return out;
}

/** Per-feature sample standard deviation (n − 1) around `mean`. */
export function columnStdDevs(x: Matrix, mean: Float64Array): Float64Array {
  const out = new Float64Array(x.cols);
  for (let i = 0; i < x.rows; i++) {
    for (let j = 0; j < x.cols; j++) {
      const d = (x.data[i * x.cols + j] as number) - (mean[j] as number);
      out[j] = (out[j] as number) + d * d;
    }
  }
  const dof = Math.max(1, x.rows - 1);
  for (let j = 0; j < x.cols; j++) out[j] = Math.sqrt((out[j] as number) / dof);
  return out;
}

/** Median of a vector's values (a copy is sorted). */
export function medianOf(values: Float64Array): number {
  const s = Float64Array.from(values).sort();
  const mid = s.length >> 1;
  if (s.length === 0) return Number.NaN;
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}
