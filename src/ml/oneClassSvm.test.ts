import { describe, expect, it } from 'vitest';
import { ValidationError } from '../core/errors.js';
import { fromRows, type Matrix, matrix, row } from './matrix.js';
import { OneClassSvm } from './oneClassSvm.js';
import { seededRandom } from './random.js';

/** A noisy ring of radius 3 around the origin: its centre is empty, so "inside" is not "normal". */
function ring(n: number, seed = 5): Matrix {
  const random = seededRandom(seed);
  const m = matrix(n, 2);
  for (let i = 0; i < n; i++) {
    const angle = 2 * Math.PI * random.next();
    const radius = 3 + 0.3 * (random.next() + random.next() - 1);
    m.data[2 * i] = radius * Math.cos(angle);
    m.data[2 * i + 1] = radius * Math.sin(angle);
  }
  return m;
}

describe('OneClassSvm', () => {
  const train = ring(400);

  it('scores points off the ring (its empty centre and far away) above every ring point', () => {
    // A kernel narrower than the ring's radius, so the empty centre is outside the support.
    const svm = new OneClassSvm({ nu: 0.1, gamma: 1 });
    svm.fit(train);
    const ringScores = svm.score(ring(200, 6));
    const outliers = svm.score(
      fromRows([
        [0, 0],
        [0.5, -0.5],
        [8, 0],
        [-6, 6],
      ]),
    );
    const ringMax = Math.max(...ringScores);
    for (const s of outliers) expect(s).toBeGreaterThan(ringMax);
  });

  it("with gamma 'scale' ranks far points above the blob", () => {
    const svm = new OneClassSvm({ nu: 0.1 });
    svm.fit(train);
    const ringScores = svm.score(train);
    const far = svm.score(
      fromRows([
        [9, 0],
        [-7, 7],
        [0, -10],
      ]),
    );
    for (const s of far) expect(s).toBeGreaterThan(Math.max(...ringScores));
  });

  it.each([0.05, 0.2, 0.5])('leaves about a share nu = %s of the training points outside', (nu) => {
    const svm = new OneClassSvm({ nu, tolerance: 1e-5 });
    svm.fit(train);
    const outside = svm.score(train).filter((s) => s > 1e-9).length / train.rows;
    // nu bounds the outside share from above and the support-vector share from below.
    expect(outside).toBeLessThanOrEqual(nu + 0.01);
    expect(outside).toBeGreaterThan(nu - 0.03);
    expect(svm.diagnostics?.supportVectors).toBeGreaterThanOrEqual(Math.floor(nu * train.rows));
    expect(svm.diagnostics?.converged).toBe(true);
  });

  it("uses scikit-learn's gamma 'scale' = 1 / (d * var(x))", () => {
    const x = fromRows([
      [0, 0],
      [2, 0],
      [0, 2],
      [2, 2],
    ]);
    const svm = new OneClassSvm();
    svm.fit(x);
    // All eight values: mean 1, variance 1, d = 2.
    expect(svm.diagnostics?.gamma).toBeCloseTo(0.5, 12);
    const fixed = new OneClassSvm({ gamma: 0.25 });
    fixed.fit(x);
    expect(fixed.diagnostics?.gamma).toBe(0.25);
  });

  it('trains on a seeded subsample capped at maxSamples', () => {
    const big = ring(600);
    const a = new OneClassSvm({ maxSamples: 100, seed: 3 });
    const b = new OneClassSvm({ maxSamples: 100, seed: 3 });
    const c = new OneClassSvm({ maxSamples: 100, seed: 4 });
    for (const m of [a, b, c]) m.fit(big);
    expect(a.save().state.trainingRows).toBe(100);
    expect(Array.from(a.score(big))).toEqual(Array.from(b.score(big)));
    expect(Array.from(a.score(big))).not.toEqual(Array.from(c.score(big)));
  });

  it('survives a JSON round trip, and scoreRow equals score', () => {
    const svm = new OneClassSvm({ nu: 0.2 });
    svm.fit(train);
    const test = ring(50, 8);
    const scores = svm.score(test);
    const loaded = OneClassSvm.load(JSON.parse(JSON.stringify(svm.save())));
    expect(Array.from(loaded.score(test))).toEqual(Array.from(scores));
    for (let i = 0; i < test.rows; i++) expect(loaded.scoreRow(row(test, i))).toBe(scores[i]);
  });

  it('fills missing values with the training mean', () => {
    const svm = new OneClassSvm({ nu: 0.2 });
    svm.fit(train);
    const mean = [0, 1].map((j) => {
      let s = 0;
      for (let i = 0; i < train.rows; i++) s += train.data[i * 2 + j] as number;
      return s / train.rows;
    });
    expect(svm.scoreRow(Float64Array.from([Number.NaN, 3]))).toBe(
      svm.scoreRow(Float64Array.from([mean[0] as number, 3])),
    );
  });

  it('validates parameters, input width and saved files', () => {
    expect(() => new OneClassSvm({ nu: 0 })).toThrow(ValidationError);
    expect(() => new OneClassSvm({ gamma: 'wide' as never })).toThrow(ValidationError);
    expect(() => new OneClassSvm().scoreRow(new Float64Array(2))).toThrow(/not fitted/);
    const svm = new OneClassSvm();
    svm.fit(train);
    expect(() => svm.scoreRow(new Float64Array(3))).toThrow(/2 columns/);
    const saved = svm.save();
    expect(() => OneClassSvm.load({ ...saved, version: 9 })).toThrow(/version/);
    expect(() => OneClassSvm.load({ ...saved, state: { ...saved.state, supportVectors: [1] } })).toThrow(
      /supportVectors/,
    );
  });
});
