import { describe, expect, it } from 'vitest';
import { ArgusError } from '../../core/errors.js';
import { normalQuantile } from './normalQuantile.js';
import { seasonalNaive } from './seasonalNaive.js';
import { anscombe, log1p, onTransformedScale } from './transform.js';

describe('variance-stabilising transforms', () => {
  it('inverts Anscombe and log(1 + y) on every count and amount', () => {
    for (const y of [0, 0.25, 1, 3, 17, 29, 1e3, 6.5e8]) {
      expect(anscombe.inverse(anscombe.forward(y))).toBeCloseTo(y, 6);
      expect(log1p.inverse(log1p.forward(y)) / Math.max(1, y)).toBeCloseTo(y / Math.max(1, y), 9);
    }
    expect(anscombe.forward(0)).toBeCloseTo(2 * Math.sqrt(3 / 8), 12);
  });

  it('back-transforms monotonically, clipping below zero instead of folding back up', () => {
    const xs = Array.from({ length: 81 }, (_, i) => -4 + 0.1 * i);
    const back = xs.map(anscombe.inverse);
    for (let i = 1; i < back.length; i++) expect(back[i]).toBeGreaterThanOrEqual(back[i - 1] as number);
    expect(anscombe.inverse(-3)).toBe(0);
    expect(anscombe.inverse(1)).toBe(0);
    expect(log1p.inverse(-2)).toBe(0);
  });

  it('forecasts on the Anscombe scale and maps the point forecast and interval back', () => {
    const train = Float64Array.from([4, 9, 16, 25]);
    const forecast = onTransformedScale(anscombe, (t, h) => seasonalNaive(t, 1, h, 0.9))(train, 2);
    // On the transformed scale the naive forecast is the last value; its σ is the RMS of the steps.
    const x = Array.from(train, anscombe.forward);
    let squares = 0;
    for (let t = 1; t < x.length; t++) squares += ((x[t] as number) - (x[t - 1] as number)) ** 2;
    const sigma = Math.sqrt(squares / 3);
    const z = normalQuantile(0.95);
    const last = x[3] as number;
    expect(forecast.mean[0]).toBeCloseTo(25, 10);
    expect(forecast.upper[1]).toBeCloseTo(anscombe.inverse(last + z * sigma * Math.SQRT2), 10);
    expect(forecast.lower[0]).toBeCloseTo(anscombe.inverse(last - z * sigma), 10);
    // The interval is asymmetric on the count scale: wider above than below.
    expect((forecast.upper[0] as number) - 25).toBeGreaterThan(25 - (forecast.lower[0] as number));
    expect(forecast.level).toBe(0.9);
  });

  it('keeps coverage: an actual is inside the back-transformed interval iff it was inside before', () => {
    const lower = anscombe.forward(3);
    const upper = anscombe.forward(11);
    for (let y = 0; y <= 20; y++) {
      const x = anscombe.forward(y);
      const inside = x >= lower && x <= upper;
      expect(y >= anscombe.inverse(lower) - 1e-9 && y <= anscombe.inverse(upper) + 1e-9).toBe(inside);
    }
  });

  it('refuses negative values', () => {
    const forecaster = onTransformedScale(anscombe, (t, h) => seasonalNaive(t, 1, h));
    expect(() => forecaster(Float64Array.from([1, -1, 2]), 1)).toThrow(ArgusError);
  });
});
