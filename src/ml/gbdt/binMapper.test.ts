import { describe, expect, it } from 'vitest';
import { matrix } from '../matrix.js';
import { BinMapper, edgesOf } from './binMapper.js';

describe('edgesOf', () => {
  it('puts an edge midway between consecutive values when they fit in the bins', () => {
    expect([...edgesOf(Float64Array.of(1, 1, 2, 4, 4), 255)]).toEqual([1.5, 3]);
    expect([...edgesOf(Float64Array.of(), 255)]).toEqual([]);
    expect([...edgesOf(Float64Array.of(7, 7), 255)]).toEqual([]);
  });

  it('uses at most maxBins bins and gives a heavy value a bin of its own', () => {
    // 900 zeros and 100 distinct positive values: the zeros must not share a bin with them.
    const values = new Float64Array(1000);
    for (let i = 0; i < 100; i++) values[900 + i] = i + 1;
    const edges = edgesOf(values, 10);
    expect(edges.length).toBeLessThanOrEqual(9);
    expect(edges[0]).toBe(0.5);
    expect(edges.length).toBeGreaterThanOrEqual(7);
  });

  it('keeps edges finite next to infinite values', () => {
    const edges = edgesOf(Float64Array.of(Number.NEGATIVE_INFINITY, 0, Number.POSITIVE_INFINITY), 255);
    expect([...edges].every(Number.isFinite)).toBe(true);
    expect(edges).toHaveLength(2);
  });
});

describe('BinMapper', () => {
  it('codes v into the bin b with edges[b-1] < v <= edges[b], NaN into the missing bin', () => {
    const x = matrix(6, 2, Float64Array.of(1, 5, 2, Number.NaN, 3, 5, 4, 6, 2, 7, Number.NaN, 8));
    const mapper = BinMapper.fit(x, 255, 1);
    const binned = mapper.transform(x);
    expect([...binned.bins]).toEqual([4, 4]);
    const column = (f: number) => Array.from({ length: 6 }, (_, i) => binned.codes[i * 2 + f]);
    expect(column(0)).toEqual([0, 1, 2, 3, 1, 4]);
    expect(column(1)).toEqual([0, 4, 0, 1, 2, 3]);
    const edges = mapper.edges[0] as Float64Array;
    for (let i = 0; i < 6; i++) {
      const v = x.data[i * 2] as number;
      const code = binned.codes[i * 2] as number;
      if (Number.isNaN(v)) continue;
      for (let b = 0; b < edges.length; b++) expect(v <= (edges[b] as number)).toBe(code <= b);
    }
  });

  it('refuses a matrix with another number of features', () => {
    const mapper = BinMapper.fit(matrix(2, 1, Float64Array.of(1, 2)), 255, 1);
    expect(() => mapper.transform(matrix(1, 2))).toThrow(/fitted on 1 features/);
  });
});
