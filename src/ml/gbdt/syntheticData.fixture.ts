import { type Matrix, matrix } from '../matrix.js';
import { type Random, seededRandom } from '../random.js';

/** Seeded synthetic problems for the boosting tests. */
export interface Problem {
  x: Matrix;
  y: Uint8Array;
}

function gaussian(random: Random): number {
  return Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());
}

/** y = (x0 > 0) xor (x1 > 0), with two pure-noise columns; no single feature says anything about y. */
export function xorProblem(rows: number, seed: number): Problem {
  const random = seededRandom(seed);
  const x = matrix(rows, 4);
  const y = new Uint8Array(rows);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < 4; j++) x.data[i * 4 + j] = 2 * random.next() - 1;
    y[i] = (x.data[i * 4] as number) > 0 !== (x.data[i * 4 + 1] as number) > 0 ? 1 : 0;
  }
  return { x, y };
}

/**
 * A rare positive class (`rate` of rows) shifted by `shift` standard deviations in the first two of
 * three features, overlapping the negatives.
 */
export function imbalancedProblem(rows: number, rate: number, shift: number, seed: number): Problem {
  const random = seededRandom(seed);
  const x = matrix(rows, 3);
  const y = new Uint8Array(rows);
  for (let i = 0; i < rows; i++) {
    const positive = random.next() < rate;
    y[i] = positive ? 1 : 0;
    for (let j = 0; j < 3; j++) x.data[i * 3 + j] = gaussian(random) + (positive && j < 2 ? shift : 0);
  }
  return { x, y };
}

/** Labels carried only by whether x0 is missing; x1 is noise. */
export function missingnessProblem(rows: number, seed: number): Problem {
  const random = seededRandom(seed);
  const x = matrix(rows, 2);
  const y = new Uint8Array(rows);
  for (let i = 0; i < rows; i++) {
    const positive = random.next() < 0.3;
    y[i] = positive ? 1 : 0;
    x.data[i * 2] = positive ? Number.NaN : gaussian(random);
    x.data[i * 2 + 1] = gaussian(random);
  }
  return { x, y };
}

export function accuracy(y: Uint8Array, p: Float64Array): number {
  let right = 0;
  for (let i = 0; i < y.length; i++) if ((p[i] as number) >= 0.5 === (y[i] === 1)) right++;
  return right / y.length;
}
