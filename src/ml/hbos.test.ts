import { describe, expect, it } from 'vitest';
import { Hbos } from './hbos.js';
import { fromRows, matrix } from './matrix.js';
import { seededRandom } from './random.js';

const nan = Number.NaN;

describe('Hbos', () => {
  // Feature a: 0, 3, 6, 6 in 3 bins of width 2 -> counts 1, 1, 2; tallest 2, so
  // costs log 2, log 2, 0 and outside/empty cost log(2 * 2). Per-sample costs sorted: 0, 0, log 2, log 2,
  // so NaN costs their median, log(2) / 2.
  // Feature b: constant 5 -> everything in bin 0 (cost 0), any other value is outside: log(2 * 4).
  const train = fromRows([
    [0, 5],
    [3, 5],
    [6, 5],
    [6, 5],
  ]);

  it('scores a tiny fit exactly', () => {
    const h = new Hbos({ bins: 3 });
    h.fit(train);
    const s = h.score(
      fromRows([
        [0, 5],
        [6, 5],
        [7, 5],
        [-1, 5],
        [Number.POSITIVE_INFINITY, 5],
        [nan, 5],
        [3, 6],
        [nan, nan],
      ]),
    );
    expect(Array.from(s)).toEqual([
      Math.log(2),
      0,
      Math.log(4),
      Math.log(4),
      Math.log(4),
      Math.log(2) / 2,
      Math.log(2) + Math.log(8),
      Math.log(2) / 2,
    ]);
  });

  it('charges empty bins the same floor as out-of-range values', () => {
    // 0, 0, 0, 9 in 3 bins: the middle bin is empty. Tallest 3 -> floor cost log 6; the 9 costs log 3.
    const h = new Hbos({ bins: 3 });
    h.fit(fromRows([[0], [0], [0], [9]]));
    expect(Array.from(h.score(fromRows([[4.5], [9], [10], [0]])))).toEqual([
      Math.log(6),
      Math.log(3),
      Math.log(6),
      0,
    ]);
  });

  it('defaults to round(sqrt(n)) bins', () => {
    const h = new Hbos();
    h.fit(
      matrix(
        10,
        1,
        Float64Array.from({ length: 10 }, (_, i) => i),
      ),
    );
    expect(h.save().state.bins).toBe(3);
  });

  it('ranks outliers injected in one feature above every inlier', () => {
    const random = seededRandom(7);
    const inliers = 500;
    const outliers = 5;
    const cols = 3;
    const x = matrix(inliers + outliers, cols);
    for (let i = 0; i < x.rows; i++) {
      for (let j = 0; j < cols; j++) x.data[i * cols + j] = random.next();
      // The outliers are ordinary in features 0 and 2, far out only in feature 1.
      if (i >= inliers) x.data[i * cols + 1] = 5 + random.next() * 0.1;
    }
    const h = new Hbos();
    h.fit(x);
    const s = h.score(x);
    const maxInlier = Math.max(...s.subarray(0, inliers));
    const minOutlier = Math.min(...s.subarray(inliers));
    expect(minOutlier).toBeGreaterThan(maxInlier);
  });

  it('round-trips through save/load exactly', () => {
    const random = seededRandom(3);
    const x = matrix(
      200,
      4,
      Float64Array.from({ length: 800 }, () => random.next() * 100),
    );
    x.data[5] = nan;
    const h = new Hbos();
    h.fit(x);
    const saved = JSON.parse(JSON.stringify(h.save()));
    const loaded = Hbos.load(saved);
    expect(loaded.save()).toEqual(h.save());
    const probe = matrix(
      50,
      4,
      Float64Array.from({ length: 200 }, () => random.next() * 150 - 25),
    );
    probe.data[7] = nan;
    expect(loaded.score(probe)).toEqual(h.score(probe));
    expect(saved.params).toEqual({ bins: null });
  });

  it('refuses bad input', () => {
    expect(() => new Hbos({ bins: 0 })).toThrow(RangeError);
    expect(() => new Hbos().score(train)).toThrow(/not fitted/);
    expect(() => new Hbos().fit(matrix(0, 2))).toThrow(/0 rows/);
    const h = new Hbos({ bins: 3 });
    h.fit(train);
    expect(() => h.score(fromRows([[1]]))).toThrow(/2 columns, got 1/);
    expect(() => Hbos.load({ ...h.save(), kind: 'kmeans-distance' })).toThrow(/not a saved hbos/);
    expect(() => Hbos.load({ ...h.save(), state: { ...h.save().state, cost: [1] } })).toThrow(/cost/);
  });

  it('gives a feature that was all NaN at fit no weight', () => {
    const h = new Hbos({ bins: 2 });
    h.fit(
      fromRows([
        [1, nan],
        [2, nan],
        [2, nan],
      ]),
    );
    const s = h.score(
      fromRows([
        [2, 100],
        [2, nan],
        [2, -3],
      ]),
    );
    expect(Array.from(s)).toEqual([0, 0, 0]);
  });
});
