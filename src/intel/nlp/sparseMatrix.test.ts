import { describe, expect, it } from 'vitest';
import { hstackSparse, sparseFromRows, takeSparseRows } from './sparseMatrix.js';

describe('sparse matrices', () => {
  const x = sparseFromRows(
    [
      new Map([
        [2, 3],
        [0, 1],
        [1, 0],
      ]),
      new Map(),
      new Map([[1, 5]]),
    ],
    3,
  );

  it('builds CSR rows with sorted columns and no explicit zeros', () => {
    expect(Array.from(x.indptr)).toEqual([0, 2, 2, 3]);
    expect(Array.from(x.indices)).toEqual([0, 2, 1]);
    expect(Array.from(x.values)).toEqual([1, 3, 5]);
    expect(() => sparseFromRows([new Map([[3, 1]])], 3)).toThrow(RangeError);
  });

  it('takes rows in the order given', () => {
    const t = takeSparseRows(x, [2, 0]);
    expect(Array.from(t.indptr)).toEqual([0, 1, 3]);
    expect(Array.from(t.indices)).toEqual([1, 0, 2]);
    expect(Array.from(t.values)).toEqual([5, 1, 3]);
  });

  it('stacks blocks side by side, shifting columns', () => {
    const s = hstackSparse([x, x]);
    expect(s.cols).toBe(6);
    expect(Array.from(s.indptr)).toEqual([0, 4, 4, 6]);
    expect(Array.from(s.indices)).toEqual([0, 2, 3, 5, 1, 4]);
    expect(() => hstackSparse([x, takeSparseRows(x, [0])])).toThrow(RangeError);
  });
});
