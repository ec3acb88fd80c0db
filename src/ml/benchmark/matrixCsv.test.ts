import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { matrix } from '../matrix.js';
import { matrixCsv } from './matrixCsv.js';

describe('matrixCsv', () => {
  it('writes a header, one line per row, and values that parse back to the same doubles', () => {
    const values = [0.1 + 0.2, -1e-300, 123456789.12345679, Number.NaN, -0, Number.POSITIVE_INFINITY];
    const x = matrix(2, 3, Float64Array.from(values));
    const text = matrixCsv(x, ['a', 'b', 'c'], [0, 1]);
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe('a,b,c,label');
    expect(lines[2]).toBe('nan,-0,inf,1');
    const back = lines.slice(1).flatMap((line) => line.split(',').slice(0, 3));
    // Python's float() reads nan/inf/-0 the way Number reads NaN/Infinity/-0.
    const parsed = back.map((s) => (s === 'nan' ? Number.NaN : s === 'inf' ? Infinity : Number(s)));
    expect(parsed.map((v, k) => Object.is(v, values[k]))).toEqual(values.map(() => true));
  });

  it('quotes names with commas or quotes and refuses line breaks', () => {
    const x = matrix(1, 2, Float64Array.from([1, 2]));
    const text = matrixCsv(x, ['min, max', 'say "hi"'], [0], 'FLAG');
    expect(parse(text)).toEqual([
      ['min, max', 'say "hi"', 'FLAG'],
      ['1', '2', '0'],
    ]);
    expect(() => matrixCsv(x, ['a\nb', 'c'], [0])).toThrow(/line break/);
  });

  it('refuses names or labels that do not match the matrix', () => {
    const x = matrix(2, 2);
    expect(() => matrixCsv(x, ['a'], [0, 1])).toThrow(/1 column names for 2 columns/);
    expect(() => matrixCsv(x, ['a', 'b'], [0])).toThrow(/1 labels for 2 rows/);
  });
});
