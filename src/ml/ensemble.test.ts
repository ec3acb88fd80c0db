import { describe, expect, it } from 'vitest';
import { Autoencoder } from './autoencoder.js';
import { createDetector, createEnsemble } from './detectorFactory.js';
import { Ensemble } from './ensemble.js';
import { Hbos } from './hbos.js';
import { IsolationForest } from './isolationForest.js';
import { KMeansDistance } from './kmeansDistance.js';
import { type Matrix, matrix, row } from './matrix.js';
import type { AnomalyDetector, SavedModel } from './model.js';
import { OneClassSvm } from './oneClassSvm.js';
import { seededRandom } from './random.js';
import { RankNormalizer } from './rankNormalizer.js';

function blobWithOutliers(): { x: ReturnType<typeof matrix>; outliers: number[] } {
  const random = seededRandom(7);
  const rows = 600;
  const x = matrix(rows, 3);
  for (let i = 0; i < rows * 3; i++) x.data[i] = random.next() - 0.5;
  const outliers = [10, 200, 590];
  for (const i of outliers) x.data[i * 3 + 1] = 6;
  return { x, outliers };
}

/** A 3-D standard Gaussian (Box-Muller) with three far rows: sane detectors agree on its ranking. */
function gaussianWithOutliers(): { x: Matrix; outliers: number[] } {
  const random = seededRandom(8);
  const x = matrix(600, 3);
  for (let i = 0; i < x.data.length; i++) {
    x.data[i] = Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());
  }
  const outliers = [5, 300, 595];
  for (const i of outliers) x.data[i * 3] = 9;
  return { x, outliers };
}

/** A detector that ranks rows backwards: the kind of member selection must drop. */
class Inverted implements AnomalyDetector {
  readonly kind = 'inverted';
  constructor(private readonly inner: AnomalyDetector) {}
  fit(x: Matrix): void {
    this.inner.fit(x);
  }
  score(x: Matrix): Float64Array {
    return this.inner.score(x).map((s) => -s);
  }
  scoreRow(r: Float64Array): number {
    return -this.inner.scoreRow(r);
  }
  save(): SavedModel {
    return this.inner.save();
  }
}

describe('RankNormalizer', () => {
  it('maps scores to mid-ranks among the reference scores', () => {
    const n = RankNormalizer.fit(Float64Array.from([3, 1, 2, 2]));
    expect(n.normalize(0)).toBe(0);
    expect(n.normalize(2)).toBe(0.5);
    expect(n.normalize(10)).toBe(1);
    expect(n.normalize(Number.NaN)).toBe(0.5);
  });
});

describe('Ensemble', () => {
  it('ranks injected outliers above every inlier, and survives a JSON round trip exactly', () => {
    const { x, outliers } = blobWithOutliers();
    const ensemble = createDetector('ensemble') as Ensemble;
    ensemble.fit(x);
    const scores = ensemble.score(x);
    const inlierMax = Math.max(...Array.from(scores).filter((_, i) => !outliers.includes(i)));
    for (const i of outliers) expect(scores[i]).toBeGreaterThan(inlierMax);
    const loaded = Ensemble.load(JSON.parse(JSON.stringify(ensemble.save())));
    expect(Array.from(loaded.score(x))).toEqual(Array.from(scores));
  });

  it('loads autoencoder and one-class SVM members, and scoreRow equals score', () => {
    const { x } = blobWithOutliers();
    const ensemble = new Ensemble(
      [new Autoencoder({ maxEpochs: 5 }), new OneClassSvm({ maxSamples: 200 }), new Hbos()],
      [2, 1, 1],
    );
    ensemble.fit(x);
    const scores = ensemble.score(x);
    const loaded = Ensemble.load(JSON.parse(JSON.stringify(ensemble.save())));
    expect(loaded.composition.kinds).toEqual(['autoencoder', 'one-class-svm', 'hbos']);
    expect(loaded.composition.weights).toEqual([0.5, 0.25, 0.25]);
    expect(Array.from(loaded.score(x))).toEqual(Array.from(scores));
    for (let i = 0; i < x.rows; i++) expect(loaded.scoreRow(row(x, i))).toBe(scores[i]);
  });

  it('drops a member that ranks rows against the consensus, and weights the rest by agreement', () => {
    const { x, outliers } = gaussianWithOutliers();
    const ensemble = new Ensemble(
      [
        new IsolationForest({ seed: 2 }),
        new KMeansDistance({ seed: 2 }),
        new Hbos(),
        new Inverted(new OneClassSvm({ maxSamples: 300 })),
      ],
      undefined,
      { selection: 'correlation' },
    );
    ensemble.fit(x);
    expect(ensemble.composition.kinds).toEqual(['isolation-forest', 'kmeans-distance', 'hbos']);
    const report = ensemble.selectionReport;
    expect(report?.weights[3]).toBe(0);
    expect(report?.correlations[3]).toBeLessThan(0);
    const scores = ensemble.score(x);
    const top2 = Float64Array.from(scores).sort()[Math.floor(0.98 * scores.length)] as number;
    for (const i of outliers) expect(scores[i]).toBeGreaterThanOrEqual(top2);
    // A refit chooses among all the members given, not only those the last fit kept.
    ensemble.fit(x);
    expect(ensemble.selectionReport?.kinds).toHaveLength(4);
    expect(Array.from(ensemble.score(x))).toEqual(Array.from(scores));
  });

  it('keeps the given weights without selection and validates them', () => {
    const { x } = blobWithOutliers();
    const ensemble = new Ensemble([new Hbos(), new KMeansDistance()], [3, 1]);
    ensemble.fit(x);
    expect(ensemble.composition.weights).toEqual([0.75, 0.25]);
    expect(ensemble.selectionReport).toBeUndefined();
    expect(() => new Ensemble([new Hbos()], [-1])).toThrow(/non-negative/);
    expect(() => new Ensemble([new Hbos()], [0])).toThrow(/not all zero/);
    expect(() => new Ensemble([new Hbos()], [1, 1])).toThrow(/one weight/);
  });

  it('the default ensemble is iforest, k-means and one-class SVM weighted by agreement', () => {
    const { x } = blobWithOutliers();
    const ensemble = createEnsemble(['iforest', 'kmeans', 'ocsvm']);
    ensemble.fit(x);
    expect(ensemble.selectionReport?.method).toBe('correlation');
    expect(ensemble.selectionReport?.kinds).toEqual(['isolation-forest', 'kmeans-distance', 'one-class-svm']);
    const w = ensemble.composition.weights;
    expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('refuses to score before fit and to load an unknown member', () => {
    expect(() => createDetector('ensemble').score(matrix(1, 3))).toThrow(/not fitted/);
    const saved = {
      format: 'argus-model',
      kind: 'ensemble',
      version: 1,
      params: {},
      state: { members: [{ kind: 'svm' }], references: [[]], weights: [1] },
    };
    expect(() => Ensemble.load(saved)).toThrow(/svm/);
  });
});
