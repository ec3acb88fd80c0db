import { describe, expect, it } from 'vitest';
import { ArgusError } from '../../core/errors.js';
import { onLogScale } from './logScale.js';
import { seasonalNaive } from './seasonalNaive.js';

describe('onLogScale', () => {
  it('forecasts on log(1 + y) and maps the forecast and its interval back', () => {
    const seen: number[][] = [];
    const forecaster = onLogScale((train, h) => {
      seen.push(Array.from(train));
      return seasonalNaive(train, 1, h, 0.9);
    });
    const y = [0, Math.E - 1, Math.E ** 2 - 1];
    const forecast = forecaster(Float64Array.from(y), 2);
    expect(seen[0]?.map((v) => Math.round(v * 1e12) / 1e12)).toEqual([0, 1, 2]);
    expect(forecast.mean[0]).toBeCloseTo(Math.E ** 2 - 1, 10);
    // On the log scale the interval is 2 ± z·1·√h (differences 1, 1): its ends map through exp - 1.
    const z = 1.644853627;
    expect(forecast.upper[1]).toBeCloseTo(Math.expm1(2 + z * Math.SQRT2), 6);
    expect(forecast.lower[0]).toBeCloseTo(Math.expm1(2 - z), 6);
    expect(forecast.level).toBe(0.9);
  });

  it('floors the lower bound at zero and refuses negative values', () => {
    const forecaster = onLogScale((train, h) => seasonalNaive(train, 1, h, 0.99));
    expect(forecaster(Float64Array.from([0, 5, 0, 5]), 1).lower[0]).toBe(0);
    expect(() => forecaster(Float64Array.from([1, -1, 2]), 1)).toThrow(ArgusError);
  });
});
