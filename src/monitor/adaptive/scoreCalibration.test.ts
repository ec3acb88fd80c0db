import { describe, expect, it } from 'vitest';
import { ScoreCalibration } from './scoreCalibration.js';

// 0, 1, ..., 9999 in a scrambled order: the calibrated value of s should be about s / 9999.
const scores = Float64Array.from({ length: 10_000 }, (_, i) => (i * 7_919) % 10_000);

describe('ScoreCalibration', () => {
  const calibration = ScoreCalibration.fit(scores);

  it('maps a raw score to the share of training scores below it', () => {
    expect(calibration.calibrate(9_999 * 0.99)).toBeCloseTo(0.99, 6);
    expect(calibration.calibrate(9_999 * 0.5)).toBeCloseTo(0.5, 6);
    expect(calibration.calibrate(9_999 * 0.9995)).toBeCloseTo(0.9995, 6);
    expect(calibration.calibrate(123.5)).toBeCloseTo(123.5 / 9_999, 3);
  });

  it('is 0 below and 1 above everything seen, and monotone in between', () => {
    expect(calibration.calibrate(-1)).toBe(0);
    expect(calibration.calibrate(1e9)).toBe(1);
    let previous = -1;
    for (let s = -10; s < 10_010; s += 3.7) {
      const c = calibration.calibrate(s);
      expect(c).toBeGreaterThanOrEqual(previous);
      previous = c;
    }
  });

  it('gives tied scores the middle of their run', () => {
    // 80% of the scores are 0, the rest spread: a 0 is neither "below everything" nor "above 80%".
    const tied = Float64Array.from({ length: 1_000 }, (_, i) => (i < 800 ? 0 : i));
    const c = ScoreCalibration.fit(tied);
    // Within the 1% spacing of the stored quantile grid below 90%.
    expect(Math.abs(c.calibrate(0) - 0.4)).toBeLessThan(0.01);
    expect(Math.abs(c.calibrate(900) - 0.9)).toBeLessThan(0.01);
  });

  it('inverts with quantile', () => {
    expect(calibration.quantile(0.99)).toBeCloseTo(9_999 * 0.99, 6);
    expect(calibration.calibrate(calibration.quantile(0.999))).toBeCloseTo(0.999, 6);
  });

  it('ignores NaN when fitting, passes it through when calibrating, and refuses no scores', () => {
    const c = ScoreCalibration.fit([Number.NaN, 1, 2, 3]);
    expect(c.calibrate(2)).toBeCloseTo(0.5, 6);
    expect(c.calibrate(Number.NaN)).toBeNaN();
    expect(() => ScoreCalibration.fit([Number.NaN])).toThrow(/at least one score/);
  });

  it('round-trips through JSON and refuses a corrupt state', () => {
    const restored = ScoreCalibration.load(JSON.parse(JSON.stringify(calibration.save())));
    for (const s of [-5, 0, 17.25, 5_000, 9_990.5, 20_000]) {
      expect(restored.calibrate(s)).toBe(calibration.calibrate(s));
    }
    const state = calibration.save();
    expect(() => ScoreCalibration.load({ ...state, values: state.values.slice(1) })).toThrow(/values/);
    expect(() => ScoreCalibration.load({ ...state, levels: [...state.levels].reverse() })).toThrow();
  });

  it('finds the same place as a linear scan, ties and infinities included', () => {
    // Reference: the definition written plainly, counting instead of searching.
    const reference = (c: ScoreCalibration, raw: number): number => {
      const { levels, values } = c;
      let lo = 0;
      while (lo < values.length && (values[lo] as number) < raw) lo++;
      let end = lo;
      while (end < values.length && (values[end] as number) <= raw) end++;
      if (end > lo) return ((levels[lo] as number) + (levels[end - 1] as number)) / 2;
      if (lo === 0) return 0;
      if (lo === values.length) return 1;
      const [v0, v1] = [values[lo - 1] as number, values[lo] as number];
      const [l0, l1] = [levels[lo - 1] as number, levels[lo] as number];
      const t = (raw - v0) / (v1 - v0);
      return Number.isFinite(t) ? l0 + (l1 - l0) * t : v1 === Number.POSITIVE_INFINITY ? l0 : l1;
    };
    const lumpy = ScoreCalibration.fit([
      Number.NEGATIVE_INFINITY,
      ...Array.from({ length: 500 }, (_, i) => (i < 200 ? 0.25 : Math.floor(i / 7) / 10)),
      Number.POSITIVE_INFINITY,
    ]);
    for (const c of [calibration, lumpy]) {
      const probes = [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, ...c.values];
      for (let i = 0; i < 2_000; i++) probes.push(((i * 7_919) % 10_007) - 2 + (i % 3) * 0.5, i / 100);
      for (const raw of probes) expect(c.calibrate(raw)).toBe(reference(c, raw));
    }
  });
});
