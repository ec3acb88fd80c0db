import { type Matrix, matrix } from '../../ml/matrix.js';
import { seededRandom } from '../../ml/random.js';

/**
 * Rows of independent normal features (mean j, standard deviation 1 + j / 4 for column j), a stand-in
 * for a window of ordinary traffic: tests need a known "normal" to measure outliers and shifts against.
 */
export function normalRows(rows: number, cols: number, seed = 7, shift = 0): Matrix {
  const random = seededRandom(seed);
  const m = matrix(rows, cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      // Box-Muller; 1 - u keeps the log away from 0.
      const z = Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());
      m.data[i * cols + j] = j + shift + z * (1 + j / 4);
    }
  }
  return m;
}

/** A copy of one row as its own array. */
export function rowOf(m: Matrix, i: number): Float64Array {
  return m.data.slice(i * m.cols, (i + 1) * m.cols);
}
