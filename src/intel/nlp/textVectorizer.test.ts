import { describe, expect, it } from 'vitest';
import type { SparseMatrix } from './sparseMatrix.js';
import { ngrams, TextVectorizer } from './textVectorizer.js';

const dense = (x: SparseMatrix) =>
  Array.from({ length: x.rows }, (_, i) => {
    const row = new Array<number>(x.cols).fill(0);
    for (let e = x.indptr[i] as number; e < (x.indptr[i + 1] as number); e++)
      row[x.indices[e] as number] = x.values[e] as number;
    return row;
  });

describe('ngrams', () => {
  it('lists n-grams shortest first', () => {
    expect(ngrams(['a', 'b', 'c'], [1, 2])).toEqual(['a', 'b', 'c', 'a b', 'b c']);
    expect(ngrams(['a'], [2, 3])).toEqual([]);
  });
});

describe('TextVectorizer', () => {
  const docs = [
    ['oracle', 'price', 'price'],
    ['oracle', 'reentrancy'],
  ];

  it('counts terms over a sorted vocabulary', () => {
    const v = new TextVectorizer({ idf: false, norm: 'none' });
    expect(dense(v.fitTransform(docs))).toEqual([
      [1, 2, 0],
      [1, 0, 1],
    ]);
    expect(v.terms).toEqual(['oracle', 'price', 'reentrancy']);
  });

  it('computes smoothed idf and l2 rows as scikit-learn does', () => {
    // n = 2; df(oracle) = 2 -> idf 1; df(price) = df(reentrancy) = 1 -> idf ln(3/2) + 1.
    const idf = Math.log(3 / 2) + 1;
    const row0 = [1, 2 * idf, 0];
    const norm0 = Math.hypot(...row0);
    const x = dense(new TextVectorizer().fitTransform(docs));
    x[0]?.forEach((v, j) => {
      expect(v).toBeCloseTo((row0[j] as number) / norm0, 12);
    });
    const sub = dense(new TextVectorizer({ sublinearTf: true, norm: 'none' }).fitTransform(docs));
    expect(sub[0]?.[1]).toBeCloseTo((1 + Math.log(2)) * idf, 12);
  });

  it('applies min and max document frequency and ignores unseen terms', () => {
    const v = new TextVectorizer({ ngrams: [1, 2], minDf: 2, idf: false, norm: 'none' });
    v.fit([['a', 'b'], ['a', 'b'], ['c']]);
    expect(v.terms).toEqual(['a', 'a b', 'b']);
    expect(dense(v.transform([['z', 'a']]))).toEqual([[1, 0, 0]]);
    const capped = new TextVectorizer({ maxDfFraction: 0.5 }).fit([['a', 'b'], ['a'], ['a', 'c']]);
    expect(capped.terms).toEqual(['b', 'c']);
  });

  it('saves and loads to the same transform', () => {
    const v = new TextVectorizer({ ngrams: [1, 2], sublinearTf: true }).fit(docs);
    const copy = TextVectorizer.load(JSON.parse(JSON.stringify(v.save())));
    expect(copy.transform(docs)).toEqual(v.transform(docs));
    expect(() => TextVectorizer.load({ ...v.save(), idf: [1] })).toThrow(/idf/);
  });
});
