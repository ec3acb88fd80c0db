/** A dense row-major matrix of float64: the one shape every model here reads. */
export interface Matrix {
  rows: number;
  cols: number;
  data: Float64Array;
}

export function matrix(rows: number, cols: number, data?: Float64Array): Matrix {
  if (data && data.length !== rows * cols) {
    throw new RangeError(`matrix data has ${data.length} values, expected ${rows} x ${cols}`);
  }
  return { rows, cols, data: data ?? new Float64Array(rows * cols) };
}

export function fromRows(rows: readonly (readonly number[])[]): Matrix {
  const cols = rows[0]?.length ?? 0;
  const m = matrix(rows.length, cols);
  rows.forEach((row, i) => {
    if (row.length !== cols) throw new RangeError(`row ${i} has ${row.length} values, expected ${cols}`);
    m.data.set(row, i * cols);
  });
  return m;
}

export function get(m: Matrix, row: number, col: number): number {
  return m.data[row * m.cols + col] as number;
}

/** A view of one row (no copy). */
export function row(m: Matrix, i: number): Float64Array {
  return m.data.subarray(i * m.cols, (i + 1) * m.cols);
}

/** Copies one column into a new array. */
export function column(m: Matrix, j: number): Float64Array {
  const out = new Float64Array(m.rows);
  for (let i = 0; i < m.rows; i++) out[i] = m.data[i * m.cols + j] as number;
  return out;
}
