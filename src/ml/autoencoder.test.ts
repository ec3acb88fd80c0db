import { describe, expect, it } from 'vitest';
import { ValidationError } from '../core/errors.js';
import { Autoencoder, defaultHidden } from './autoencoder.js';
import { type Matrix, matrix, row } from './matrix.js';
import { seededRandom } from './random.js';

/**
 * Points on a 1-D curve embedded in 6-D (every feature a smooth function of one parameter t), with a
 * little noise, followed by points whose features are drawn independently over the same ranges:
 * similar marginals, but off the curve.
 */
function curve(onCurve: number, offCurve: number, seed = 4): Matrix {
  const random = seededRandom(seed);
  const features = (t: number) => [t, t * t - 0.5, Math.sin(2 * t), Math.cos(2 * t), 0.5 * t, -t];
  const m = matrix(onCurve + offCurve, 6);
  for (let i = 0; i < onCurve; i++) {
    const t = 2 * random.next() - 1;
    features(t).forEach((v, j) => {
      m.data[i * 6 + j] = v + 0.01 * (random.next() - 0.5);
    });
  }
  for (let i = onCurve; i < onCurve + offCurve; i++) {
    for (let j = 0; j < 6; j++) {
      // Each feature from the curve at its own independent t: right range, wrong combination.
      m.data[i * 6 + j] = features(2 * random.next() - 1)[j] as number;
    }
  }
  return m;
}

function median(values: Float64Array): number {
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.floor(sorted.length / 2)] as number;
}

const fast = { maxEpochs: 60, seed: 2 };

describe('Autoencoder', () => {
  const train = curve(400, 0);
  const test = curve(200, 40, 9);

  it('learns the curve: points off it reconstruct worse than points on it', () => {
    const ae = new Autoencoder(fast);
    ae.fit(train);
    const scores = ae.score(test);
    const on = scores.subarray(0, 200);
    const off = scores.subarray(200);
    expect(median(off)).toBeGreaterThan(5 * median(on));
    const onSorted = Float64Array.from(on).sort();
    const p90 = onSorted[Math.floor(0.9 * onSorted.length)] as number;
    const above = Array.from(off).filter((s) => s > p90).length;
    expect(above / off.length).toBeGreaterThan(0.8);
  });

  it('lowers the training loss and stops early once the held-out loss stops improving', () => {
    const ae = new Autoencoder({ maxEpochs: 500, patience: 3, seed: 2 });
    ae.fit(train);
    const h = ae.history;
    if (!h) throw new Error('no history after fit');
    expect(h.trainLoss.at(-1)).toBeLessThan((h.trainLoss[0] as number) / 2);
    expect(h.stoppedEarly).toBe(true);
    expect(h.trainLoss.length).toBeLessThan(500);
    // Patience 3: it ran exactly three epochs past the best one, and kept the best.
    expect(h.trainLoss.length).toBe(h.bestEpoch + 3);
    expect(h.validationLoss).toHaveLength(h.trainLoss.length);
    const best = Math.min(...h.validationLoss);
    expect(h.validationLoss[h.bestEpoch - 1]).toBe(best);
  });

  it('trains for maxEpochs without a held-out split', () => {
    const ae = new Autoencoder({ maxEpochs: 7, validationFraction: 0, seed: 2 });
    ae.fit(train);
    expect(ae.history?.trainLoss).toHaveLength(7);
    expect(ae.history?.validationLoss).toHaveLength(0);
    expect(ae.history?.stoppedEarly).toBe(false);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const a = new Autoencoder({ ...fast, maxEpochs: 5 });
    const b = new Autoencoder({ ...fast, maxEpochs: 5 });
    const c = new Autoencoder({ ...fast, maxEpochs: 5, seed: 3 });
    for (const m of [a, b, c]) m.fit(train);
    expect(Array.from(a.score(test))).toEqual(Array.from(b.score(test)));
    expect(Array.from(a.score(test))).not.toEqual(Array.from(c.score(test)));
  });

  it('survives a JSON save/load round trip with identical scores', () => {
    const ae = new Autoencoder({ ...fast, maxEpochs: 10, activation: 'relu', hidden: [4, 2, 4] });
    ae.fit(train);
    const loaded = Autoencoder.load(JSON.parse(JSON.stringify(ae.save())));
    expect(Array.from(loaded.score(test))).toEqual(Array.from(ae.score(test)));
    expect(loaded.params.activation).toBe('relu');
    expect(loaded.history?.bestEpoch).toBe(ae.history?.bestEpoch);
  });

  it('scoreRow equals score on every row', () => {
    const ae = new Autoencoder({ ...fast, maxEpochs: 5 });
    ae.fit(train);
    const scores = ae.score(test);
    for (let i = 0; i < test.rows; i++) expect(ae.scoreRow(row(test, i))).toBe(scores[i]);
  });

  it('explains a row by per-feature squared error that sums to its score', () => {
    const ae = new Autoencoder(fast);
    ae.fit(train);
    const x = row(test, 0).slice();
    x[3] = 4; // far off the curve in one feature only
    const shares = ae.explain(x);
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(ae.scoreRow(x), 12);
    const top = shares.indexOf(Math.max(...shares));
    expect(top).toBe(3);
    x[2] = Number.NaN;
    expect(ae.explain(x)[2]).toBe(0);
  });

  it('handles missing values at fit and score', () => {
    const withGaps = curve(200, 0);
    for (let i = 0; i < 200; i += 7) withGaps.data[i * 6 + (i % 6)] = Number.NaN;
    const ae = new Autoencoder({ ...fast, maxEpochs: 5 });
    ae.fit(withGaps);
    const scores = ae.score(withGaps);
    expect(scores.every((s) => Number.isFinite(s) && s >= 0)).toBe(true);
  });

  it('derives a bottleneck from the width and validates its parameters', () => {
    expect(defaultHidden(47)).toEqual([24, 12, 24]);
    expect(defaultHidden(2)).toEqual([2, 2, 2]);
    expect(() => new Autoencoder({ learningRate: -1 })).toThrow(ValidationError);
    expect(() => new Autoencoder({ nope: 1 } as never)).toThrow(ValidationError);
    expect(() => new Autoencoder().score(train)).toThrow(/not fitted/);
    const ae = new Autoencoder({ ...fast, maxEpochs: 1 });
    ae.fit(train);
    expect(() => ae.scoreRow(new Float64Array(5))).toThrow(/6 features/);
    expect(() => Autoencoder.load({ ...ae.save(), kind: 'hbos' })).toThrow(/autoencoder/);
    const saved = ae.save();
    expect(() => Autoencoder.load({ ...saved, state: { ...saved.state, weights: [1, 2] } })).toThrow(
      /parameters/,
    );
  });
});
