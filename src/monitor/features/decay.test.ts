import { describe, expect, it } from 'vitest';
import { DECAY_RATE_24H, decayFactor, HALF_LIFE_1H_MS, HALF_LIFE_7D_MS, HALF_LIFE_24H_MS } from './decay.js';

describe('decayFactor', () => {
  it('halves per half-life', () => {
    expect(decayFactor(HALF_LIFE_1H_MS, HALF_LIFE_1H_MS)).toBeCloseTo(0.5, 15);
    expect(decayFactor(3 * HALF_LIFE_24H_MS, HALF_LIFE_24H_MS)).toBeCloseTo(0.125, 15);
    expect(decayFactor(HALF_LIFE_24H_MS, HALF_LIFE_7D_MS)).toBeCloseTo(2 ** (-1 / 7), 15);
  });

  it('never grows a quantity: negative or NaN gaps keep everything', () => {
    expect(decayFactor(-5000, HALF_LIFE_1H_MS)).toBe(1);
    expect(decayFactor(Number.NaN, HALF_LIFE_1H_MS)).toBe(1);
    expect(decayFactor(0, HALF_LIFE_1H_MS)).toBe(1);
  });

  it('agrees with the per-millisecond rates the store multiplies by', () => {
    const dt = 5 * 3_600_000;
    expect(Math.exp(-dt * DECAY_RATE_24H)).toBeCloseTo(decayFactor(dt, HALF_LIFE_24H_MS), 15);
  });
});
