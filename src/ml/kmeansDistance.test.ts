import { describe, expect, it } from 'vitest';
import { KMeansDistance } from './kmeansDistance.js';
import { fromRows, type Matrix, matrix } from './matrix.js';
import { seededRandom } from './random.js';

const CENTRES = [
  [0, 0],
  [10, 10],
  [-10, 10],
] as const;
const PER_BLOB = 150;

/** Three Gaussian blobs (sd 0.3, Box-Muller on the seeded source), blob after blob. */
function blobs(seed: number): Matrix {
  const random = seededRandom(seed);
  const x = matrix(CENTRES.length * PER_BLOB, 2);
  let p = 0;
  for (const [cx, cy] of CENTRES) {
    for (let i = 0; i < PER_BLOB; i++) {
      const r = Math.sqrt(-2 * Math.log(1 - random.next())) * 0.3;
      const t = 2 * Math.PI * random.next();
      x.data[p++] = cx + r * Math.cos(t);
      x.data[p++] = cy + r * Math.sin(t);
    }
  }
  return x;
}

describe('KMeansDistance small clusters', () => {
  it('does not let an isolated outlier become its own centroid and score 0', () => {
    const x = matrix(301, 2);
    for (let i = 0; i < 300; i++) {
      x.data[i * 2] = (i % 17) / 17;
      x.data[i * 2 + 1] = (i % 13) / 13;
    }
    x.data[600] = 50;
    x.data[601] = 50;
    const model = new KMeansDistance({ k: 8 });
    model.fit(x);
    const scores = model.score(x);
    expect(scores[300]).toBeGreaterThan(60);
  });
});

describe('KMeansDistance', () => {
  const x = blobs(11);

  it('recovers well-separated centres', () => {
    const model = new KMeansDistance({ k: 3, seed: 5 });
    model.fit(x);
    const c = model.centroids();
    expect(c.rows).toBe(3);
    // Order-independent: every true centre has a fitted centroid within 0.1, and no centroid is shared.
    const used = new Set<number>();
    for (const [cx, cy] of CENTRES) {
      let best = -1;
      let bestD = Number.POSITIVE_INFINITY;
      for (let i = 0; i < c.rows; i++) {
        const d = Math.hypot((c.data[2 * i] as number) - cx, (c.data[2 * i + 1] as number) - cy);
        if (d < bestD) {
          bestD = d;
          best = i;
        }
      }
      expect(bestD).toBeLessThan(0.1);
      used.add(best);
    }
    expect(used.size).toBe(3);
  });

  it('scores a far point above every blob point', () => {
    const model = new KMeansDistance({ k: 3, seed: 5 });
    model.fit(x);
    const inlier = model.score(x);
    const far = model.score(fromRows([[0, 20]]))[0] as number;
    expect(far).toBeGreaterThan(Math.max(...inlier));
    // (0, 20) is sqrt(200) from both upper centres.
    expect(far).toBeCloseTo(Math.SQRT2 * 10, 1);
  });

  it('is deterministic for a seed', () => {
    const a = new KMeansDistance({ seed: 42 });
    const b = new KMeansDistance({ seed: 42 });
    a.fit(x);
    b.fit(x);
    expect(b.save()).toEqual(a.save());
  });

  it('caps k at the number of rows and scores a fitted row 0', () => {
    const model = new KMeansDistance();
    const tiny = fromRows([
      [1, 2],
      [3, 4],
    ]);
    model.fit(tiny);
    expect(model.centroids().rows).toBe(2);
    expect(Array.from(model.score(tiny))).toEqual([0, 0]);
  });

  it('fills NaN with the fitted column mean', () => {
    const model = new KMeansDistance({ k: 1 });
    // Column means 2 and 20; the NaN row becomes (2, 20) at fit, so the single centroid is (2, 20).
    model.fit(
      fromRows([
        [1, 10],
        [3, 30],
        [Number.NaN, 20],
      ]),
    );
    expect(Array.from(model.centroids().data)).toEqual([2, 20]);
    expect(
      Array.from(
        model.score(
          fromRows([
            [Number.NaN, 24],
            [5, Number.NaN],
          ]),
        ),
      ),
    ).toEqual([4, 3]);
  });

  it('round-trips through save/load exactly', () => {
    const model = new KMeansDistance({ k: 4, seed: 9 });
    model.fit(x);
    const saved = JSON.parse(JSON.stringify(model.save()));
    const loaded = KMeansDistance.load(saved);
    expect(loaded.save()).toEqual(model.save());
    const probe = fromRows([
      [0.5, -3],
      [Number.NaN, 7],
      [100, 100],
    ]);
    expect(loaded.score(probe)).toEqual(model.score(probe));
  });

  it('refuses bad input', () => {
    expect(() => new KMeansDistance({ k: 0 })).toThrow(RangeError);
    expect(() => new KMeansDistance().score(x)).toThrow(/not fitted/);
    expect(() => new KMeansDistance().fit(matrix(0, 2))).toThrow(/0 rows/);
    const model = new KMeansDistance({ k: 2 });
    model.fit(x);
    expect(() => model.score(fromRows([[1, 2, 3]]))).toThrow(/2 columns, got 3/);
    expect(() => KMeansDistance.load({ ...model.save(), kind: 'hbos' })).toThrow(
      /not a saved kmeans-distance/,
    );
    expect(() => KMeansDistance.load({ ...model.save(), version: 1 })).toThrow(/layout version 1/);
    expect(() =>
      KMeansDistance.load({ ...model.save(), state: { ...model.save().state, centroids: [0] } }),
    ).toThrow(/centroids/);
  });
});
