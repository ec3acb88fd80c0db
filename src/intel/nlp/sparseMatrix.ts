/**
 * A compressed-sparse-row matrix of float64. Documents have a few dozen distinct terms out of thousands,
 * so the text models here keep the document-term matrix sparse and touch only its non-zeros.
 */
export interface SparseMatrix {
  rows: number;
  cols: number;
  /** rows + 1 offsets: row i's entries are indices/values[indptr[i] .. indptr[i + 1]). */
  indptr: Uint32Array;
  /** Column of each entry, ascending within a row. */
  indices: Uint32Array;
  values: Float64Array;
}

/** Builds a CSR matrix from one Map (column -> value) per row; zero values are dropped. */
export function sparseFromRows(rows: readonly ReadonlyMap<number, number>[], cols: number): SparseMatrix {
  let nnz = 0;
  for (const row of rows) for (const v of row.values()) if (v !== 0) nnz++;
  const indptr = new Uint32Array(rows.length + 1);
  const indices = new Uint32Array(nnz);
  const values = new Float64Array(nnz);
  let k = 0;
  rows.forEach((row, i) => {
    const entries = [...row].filter(([, v]) => v !== 0).sort((a, b) => a[0] - b[0]);
    for (const [j, v] of entries) {
      if (j < 0 || j >= cols) throw new RangeError(`column ${j} outside [0, ${cols})`);
      indices[k] = j;
      values[k] = v;
      k++;
    }
    indptr[i + 1] = k;
  });
  return { rows: rows.length, cols, indptr, indices, values };
}

/** The listed rows, in the order given (a fold's training or test documents). */
export function takeSparseRows(x: SparseMatrix, rows: ArrayLike<number>): SparseMatrix {
  let nnz = 0;
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k] as number;
    nnz += (x.indptr[i + 1] as number) - (x.indptr[i] as number);
  }
  const indptr = new Uint32Array(rows.length + 1);
  const indices = new Uint32Array(nnz);
  const values = new Float64Array(nnz);
  let at = 0;
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k] as number;
    const from = x.indptr[i] as number;
    const to = x.indptr[i + 1] as number;
    indices.set(x.indices.subarray(from, to), at);
    values.set(x.values.subarray(from, to), at);
    at += to - from;
    indptr[k + 1] = at;
  }
  return { rows: rows.length, cols: x.cols, indptr, indices, values };
}

/** Side-by-side concatenation of matrices with the same rows (feature blocks of one document set). */
export function hstackSparse(blocks: readonly SparseMatrix[]): SparseMatrix {
  const first = blocks[0];
  if (first === undefined) throw new RangeError('hstackSparse needs at least one matrix');
  const rows = first.rows;
  if (blocks.some((b) => b.rows !== rows)) throw new RangeError('hstackSparse: blocks differ in row count');
  const nnz = blocks.reduce((n, b) => n + b.values.length, 0);
  const indptr = new Uint32Array(rows + 1);
  const indices = new Uint32Array(nnz);
  const values = new Float64Array(nnz);
  let at = 0;
  for (let i = 0; i < rows; i++) {
    let offset = 0;
    for (const b of blocks) {
      for (let e = b.indptr[i] as number; e < (b.indptr[i + 1] as number); e++) {
        indices[at] = (b.indices[e] as number) + offset;
        values[at] = b.values[e] as number;
        at++;
      }
      offset += b.cols;
    }
    indptr[i + 1] = at;
  }
  return { rows, cols: blocks.reduce((n, b) => n + b.cols, 0), indptr, indices, values };
}
