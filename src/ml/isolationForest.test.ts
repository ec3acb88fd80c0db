import { describe, expect, it } from 'vitest';
import { averagePathLength, IsolationForest } from './isolationForest.js';
import { fromRows, type Matrix, matrix } from './matrix.js';
import { seededRandom } from './random.js';

/** A seeded 2-D standard Gaussian blob (Box-Muller) followed by `outliers` points far from it. */
function blobWithOutliers(inliers: number, outliers: number, seed = 7): Matrix {
  const random = seededRandom(seed);
  const m = matrix(inliers + outliers, 2);
  for (let i = 0; i < inliers; i++) {
    const r = Math.sqrt(-2 * Math.log(1 - random.next()));
    const theta = 2 * Math.PI * random.next();
    m.data[2 * i] = r * Math.cos(theta);
    m.data[2 * i + 1] = r * Math.sin(theta);
  }
  for (let k = 0; k < outliers; k++) {
    // Spread around a ring of radius 8-10: every outlier sits well outside the blob (sd 1).
    const angle = (2 * Math.PI * k) / outliers;
    const radius = 8 + 2 * random.next();
    m.data[2 * (inliers + k)] = radius * Math.cos(angle);
    m.data[2 * (inliers + k) + 1] = radius * Math.sin(angle);
  }
  return m;
}

function quantile(values: Float64Array, q: number): number {
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

describe('averagePathLength', () => {
  it('follows c(n) = 2H(n-1) - 2(n-1)/n with H(i) = ln(i) + 0.5772156649', () => {
    expect(averagePathLength(0)).toBe(0);
    expect(averagePathLength(1)).toBe(0);
    expect(averagePathLength(256)).toBeCloseTo(2 * (Math.log(255) + 0.5772156649) - (2 * 255) / 256, 12);
  });
});

describe('IsolationForest', () => {
  const data = blobWithOutliers(1000, 10);

  it('scores every far outlier above the 99th percentile of the inliers', () => {
    const forest = new IsolationForest({ seed: 3 });
    forest.fit(data);
    const scores = forest.score(data);
    const p99 = quantile(scores.subarray(0, 1000), 0.99);
    const outlierScores = Array.from(scores.subarray(1000));
    for (const s of outlierScores) expect(s).toBeGreaterThan(p99);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const a = new IsolationForest({ seed: 11 });
    const b = new IsolationForest({ seed: 11 });
    const c = new IsolationForest({ seed: 12 });
    a.fit(data);
    b.fit(data);
    c.fit(data);
    expect(a.score(data)).toEqual(b.score(data));
    expect(a.score(data)).not.toEqual(c.score(data));
  });

  it('keeps scores strictly inside (0, 1)', () => {
    const forest = new IsolationForest({ trees: 50 });
    forest.fit(data);
    for (const s of forest.score(data)) {
      expect(s).toBeGreaterThan(0);
      expect(s).toBeLessThan(1);
    }
  });

  it('fits and scores a single row', () => {
    const forest = new IsolationForest({ trees: 5 });
    forest.fit(fromRows([[1, 2, 3]]));
    const scores = forest.score(
      fromRows([
        [1, 2, 3],
        [100, -5, 0],
      ]),
    );
    expect(Array.from(scores)).toEqual([0.5, 0.5]);
  });

  it('ignores constant columns and becomes neutral when every column is constant', () => {
    const withConstant = matrix(data.rows, 3);
    for (let i = 0; i < data.rows; i++) {
      withConstant.data[3 * i] = 42;
      withConstant.data[3 * i + 1] = data.data[2 * i] as number;
      withConstant.data[3 * i + 2] = data.data[2 * i + 1] as number;
    }
    const forest = new IsolationForest({ seed: 3 });
    forest.fit(withConstant);
    const scores = forest.score(withConstant);
    const p99 = quantile(scores.subarray(0, 1000), 0.99);
    for (const s of scores.subarray(1000)) expect(s).toBeGreaterThan(p99);
    // A constant column never splits, so its value cannot matter.
    const probe = fromRows([
      [42, 0, 0],
      [-1e9, 0, 0],
    ]);
    const probed = forest.score(probe);
    expect(probed[0]).toBe(probed[1]);
    expect(forest.explain(Float64Array.of(42, 9, 9))[0]).toBe(0);

    const allConstant = new IsolationForest({ trees: 10 });
    allConstant.fit(fromRows(Array.from({ length: 50 }, () => [1, 1])));
    // Every tree is one leaf of psi points: h = c(psi), so s = 2^-1 exactly.
    for (const s of allConstant.score(
      fromRows([
        [1, 1],
        [5, -5],
      ]),
    ))
      expect(s).toBe(0.5);
  });

  it('sends NaN down the right branch without breaking fit or score', () => {
    const withNaN = matrix(data.rows, 2, Float64Array.from(data.data));
    for (let i = 0; i < 1000; i += 10) withNaN.data[2 * i] = Number.NaN;
    const forest = new IsolationForest({ seed: 5 });
    forest.fit(withNaN);
    const scores = forest.score(
      fromRows([
        [Number.NaN, 0],
        [0, Number.NaN],
        [Number.NaN, Number.NaN],
      ]),
    );
    for (const s of scores) {
      expect(Number.isFinite(s)).toBe(true);
      expect(s).toBeGreaterThan(0);
      expect(s).toBeLessThan(1);
    }
    // NaN behaves exactly like a value above every threshold.
    const nanScore = forest.score(fromRows([[Number.NaN, 0.3]]))[0];
    const hugeScore = forest.score(fromRows([[Number.MAX_VALUE, 0.3]]))[0];
    expect(nanScore).toBe(hugeScore);
  });

  it('round-trips through JSON with identical scores', () => {
    const forest = new IsolationForest({ trees: 40, sampleSize: 128, seed: 9 });
    forest.fit(data);
    const saved = JSON.parse(JSON.stringify(forest.save()));
    expect(saved).toMatchObject({ format: 'argus-model', kind: 'isolation-forest', version: 1 });
    const loaded = IsolationForest.load(saved);
    expect(loaded.score(data)).toEqual(forest.score(data));
    expect(loaded.explain(Float64Array.of(9, 0))).toEqual(forest.explain(Float64Array.of(9, 0)));
    expect(loaded.save()).toEqual(saved);
  });

  it('scores exactly as a plain walk of the saved trees, whatever the tree count', () => {
    // The reference: each saved tree walked one node at a time, h(x) = depth + c(size), in tree order.
    const reference = (saved: ReturnType<IsolationForest['save']>, x: Float64Array): number => {
      const { trees, psi } = saved.state;
      let total = 0;
      for (const tree of trees) {
        let node = 0;
        let depth = 0;
        while ((tree.feature[node] as number) >= 0) {
          const v = x[tree.feature[node] as number] as number;
          node = (v < (tree.threshold[node] as number) ? tree.left[node] : tree.right[node]) as number;
          depth++;
        }
        total += depth + averagePathLength(tree.size[node] as number);
      }
      return 2 ** (-(total / trees.length) / averagePathLength(psi));
    };
    const random = seededRandom(5);
    const probes = Array.from({ length: 300 }, (_, i) =>
      Float64Array.of((random.next() - 0.5) * 12, i % 17 === 0 ? Number.NaN : (random.next() - 0.5) * 12),
    );
    // 1, 3 and 7 trees leave a remainder after groups of four; shallow and deep limits mix tree heights.
    for (const options of [
      { trees: 1 },
      { trees: 3, maxDepth: 2 },
      { trees: 7, sampleSize: 64 },
      { trees: 50 },
      { trees: 12, maxDepth: 20, sampleSize: 512 },
    ]) {
      const forest = new IsolationForest({ seed: 8, ...options });
      forest.fit(data);
      const saved = forest.save();
      const loaded = IsolationForest.load(JSON.parse(JSON.stringify(saved)));
      for (const x of probes) {
        const expected = reference(saved, x);
        expect(forest.scoreRow(x)).toBe(expected);
        expect(loaded.scoreRow(x)).toBe(expected);
      }
    }
  });

  it('rejects a saved model of another kind or version with a clear error', () => {
    const forest = new IsolationForest({ trees: 3 });
    forest.fit(data);
    const saved = forest.save();
    expect(() => IsolationForest.load({ ...saved, kind: 'z-score' })).toThrow(
      /not a saved isolation-forest model .*kind z-score/,
    );
    expect(() => IsolationForest.load({ ...saved, version: 2 })).toThrow(
      /layout version 2; this build reads version 1/,
    );
    expect(() => IsolationForest.load({ ...saved, state: { ...saved.state, trees: [] } })).toThrow(
      /no trees/,
    );
  });

  it('refuses to score before fitting or with the wrong width', () => {
    const forest = new IsolationForest();
    expect(() => forest.score(data)).toThrow(/not fitted/);
    forest.fit(data);
    expect(() => forest.score(matrix(1, 3))).toThrow(/fitted on 2 features, got 3/);
  });

  describe('explain', () => {
    it('gives the largest contribution to the feature carrying an injected outlier', () => {
      const random = seededRandom(21);
      const wide = matrix(1000, 5);
      for (let i = 0; i < wide.data.length; i++) wide.data[i] = random.next();
      const forest = new IsolationForest({ seed: 2 });
      forest.fit(wide);
      for (let f = 0; f < 5; f++) {
        const x = Float64Array.of(0.5, 0.5, 0.5, 0.5, 0.5);
        x[f] = 4;
        const contributions = forest.explain(x);
        const top = contributions.indexOf(Math.max(...contributions));
        expect(top).toBe(f);
      }
    });

    it('sums to the score minus 0.5', () => {
      const forest = new IsolationForest({ seed: 4 });
      forest.fit(data);
      for (const probe of [Float64Array.of(9, -1), Float64Array.of(0.1, 0.2), Float64Array.of(-3, 3)]) {
        const contributions = forest.explain(probe);
        const total = contributions.reduce((a, b) => a + b, 0);
        const score = forest.score(matrix(1, 2, Float64Array.from(probe)))[0] as number;
        expect(total).toBeCloseTo(score - 0.5, 10);
      }
    });
  });
});
