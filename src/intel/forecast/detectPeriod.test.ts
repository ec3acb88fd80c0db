import { describe, expect, it } from 'vitest';
import { detectPeriod } from './detectPeriod.js';
import { normalNoise } from './normalNoise.js';

describe('detectPeriod', () => {
  it('finds 12 in a noisy monthly season on a trend', () => {
    const noise = normalNoise(96, 1);
    const y = Array.from(
      { length: 96 },
      (_, t) => 50 + 0.8 * t + 6 * Math.sin((2 * Math.PI * t) / 12) + 2 * (noise[t] as number),
    );
    const detection = detectPeriod(y);
    expect(detection.period).toBe(12);
    expect(detection.candidates.map((c) => c.period)).toEqual([7, 12, 24]);
  });

  it('finds 7 in a weekly pattern and prefers it over its multiples', () => {
    const weekday = [5, 6, 6, 6, 5, 2, 1];
    const noise = normalNoise(140, 2);
    const y = Array.from({ length: 140 }, (_, t) => (weekday[t % 7] as number) + 0.5 * (noise[t] as number));
    expect(detectPeriod(y).period).toBe(7);
  });

  it('returns 1 for white noise, a pure trend, an AR(1) process and a constant', () => {
    expect(detectPeriod(normalNoise(120, 3)).period).toBe(1);
    expect(detectPeriod(Array.from({ length: 60 }, (_, t) => t * t)).period).toBe(1);
    const e = normalNoise(200, 4);
    const ar = new Float64Array(200);
    for (let t = 1; t < 200; t++) ar[t] = 0.8 * (ar[t - 1] as number) + (e[t] as number);
    expect(detectPeriod(ar).period).toBe(1);
    expect(detectPeriod(new Float64Array(50).fill(3)).period).toBe(1);
  });

  it('considers only candidates with two full cycles in the data', () => {
    const y = Array.from({ length: 30 }, (_, t) => Math.sin((2 * Math.PI * t) / 24));
    const detection = detectPeriod(y);
    expect(detection.candidates.map((c) => c.period)).toEqual([7, 12]);
  });
});
