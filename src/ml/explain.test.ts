import { describe, expect, it } from 'vitest';
import { explainRow, explanationMethod, featureMedians, occlusionContributions } from './explain.js';
import { Hbos } from './hbos.js';
import { IsolationForest } from './isolationForest.js';
import { KMeansDistance } from './kmeansDistance.js';
import { fromRows, type Matrix, matrix } from './matrix.js';
import type { AnomalyDetector, SavedModel } from './model.js';
import { seededRandom } from './random.js';

/** A detector with a known formula, to check the arithmetic of occlusion exactly. */
class Formula implements AnomalyDetector {
  readonly kind = 'formula';
  fit(_x: Matrix): void {}
  score(x: Matrix): Float64Array {
    return Float64Array.from({ length: x.rows }, (_, i) =>
      this.scoreRow(x.data.subarray(i * x.cols, (i + 1) * x.cols)),
    );
  }
  scoreRow(r: Float64Array): number {
    return 2 * (r[0] as number) + (r[1] as number) ** 2 + 0 * (r[2] as number);
  }
  save(): SavedModel {
    return { format: 'argus-model', kind: this.kind, version: 1, params: {}, state: {} };
  }
}

function uniformBlob(rows: number, cols: number, seed = 3): Matrix {
  const random = seededRandom(seed);
  const m = matrix(rows, cols);
  for (let k = 0; k < m.data.length; k++) m.data[k] = random.next() - 0.5;
  return m;
}

describe('occlusionContributions', () => {
  it('is the score drop when each feature alone takes its reference value', () => {
    const contributions = occlusionContributions(
      new Formula(),
      Float64Array.from([3, 2, 7]),
      Float64Array.from([1, 0, 7]),
    );
    // score 6 + 4 = 10; x0 := 1 gives 6, x1 := 0 gives 6, x2 already at its reference.
    expect(Array.from(contributions)).toEqual([4, 4, 0]);
  });

  it('credits the feature that makes a k-means outlier unusual', () => {
    const x = uniformBlob(500, 4);
    const model = new KMeansDistance({ k: 3, seed: 2 });
    model.fit(x);
    const outlier = Float64Array.from([0, 0, 6, 0]);
    const c = explainRow(model, outlier, featureMedians(x));
    expect(explanationMethod(model)).toBe('occlusion');
    expect(c.indexOf(Math.max(...c))).toBe(2);
    expect(c[2]).toBeGreaterThan(5);
    for (const j of [0, 1, 3]) expect(Math.abs(c[j] as number)).toBeLessThan(0.5);
  });

  it('leaves the row untouched and refuses a reference of the wrong width', () => {
    const row = Float64Array.from([3, 2, 7]);
    occlusionContributions(new Formula(), row, Float64Array.from([0, 0, 0]));
    expect(Array.from(row)).toEqual([3, 2, 7]);
    expect(() => occlusionContributions(new Formula(), row, new Float64Array(2))).toThrow(/reference/);
  });
});

describe('explainRow', () => {
  it("uses a detector's native explanation where it has one", () => {
    const x = uniformBlob(300, 3);
    const forest = new IsolationForest({ seed: 4 });
    forest.fit(x);
    const row = Float64Array.from([0, 5, 0]);
    expect(explanationMethod(forest)).toBe('native');
    expect(Array.from(explainRow(forest, row, featureMedians(x)))).toEqual(Array.from(forest.explain(row)));
  });

  it('falls back to occlusion for HBOS', () => {
    const x = uniformBlob(300, 3);
    const hbos = new Hbos();
    hbos.fit(x);
    const row = Float64Array.from([0, 0, 9]);
    const reference = featureMedians(x);
    expect(Array.from(explainRow(hbos, row, reference))).toEqual(
      Array.from(occlusionContributions(hbos, row, reference)),
    );
  });
});

describe('featureMedians', () => {
  it('takes each column median over observed values; NaN for a column with none', () => {
    const x = fromRows([
      [1, Number.NaN, 5],
      [3, Number.NaN, Number.NaN],
      [2, Number.NaN, 7],
    ]);
    const m = featureMedians(x);
    expect(m[0]).toBe(2);
    expect(m[1]).toBeNaN();
    expect(m[2]).toBe(6);
  });
});
