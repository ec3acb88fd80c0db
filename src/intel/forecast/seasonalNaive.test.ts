import { describe, expect, it } from 'vitest';
import { ArgusError } from '../../core/errors.js';
import { seasonalNaive, seasonalNaiveMae } from './seasonalNaive.js';

describe('seasonalNaive', () => {
  const y = [1, 5, 3, 2, 6, 4];

  it('repeats the last season, with intervals widening once per season', () => {
    const forecast = seasonalNaive(y, 3, 7, 0.95);
    expect(Array.from(forecast.mean)).toEqual([2, 6, 4, 2, 6, 4, 2]);
    // Seasonal differences 1, 1, 1: sigma 1.
    const z = 1.959963985;
    expect(forecast.upper[0]).toBeCloseTo(2 + z, 6);
    expect(forecast.upper[3]).toBeCloseTo(2 + z * Math.SQRT2, 6);
    expect(forecast.lower[6]).toBeCloseTo(2 - z * Math.sqrt(3), 6);
  });

  it('is the naive random walk for period 1', () => {
    const forecast = seasonalNaive([1, 3, 2, 4], 1, 2, 0.8);
    expect(Array.from(forecast.mean)).toEqual([4, 4]);
    const sigma = Math.sqrt((4 + 1 + 4) / 3);
    expect(forecast.upper[1]).toBeCloseTo(4 + 1.281551566 * sigma * Math.SQRT2, 6);
  });

  it('needs more than one season', () => {
    expect(() => seasonalNaive([1, 2, 3], 3, 1)).toThrow(ArgusError);
  });
});

describe('seasonalNaiveMae', () => {
  it('averages the absolute seasonal differences', () => {
    expect(seasonalNaiveMae([1, 5, 3, 2, 7, 4], 3)).toBeCloseTo((1 + 2 + 1) / 3, 12);
    expect(seasonalNaiveMae([1, 3, 2], 1)).toBeCloseTo(1.5, 12);
    expect(seasonalNaiveMae([1, 2], 2)).toBeNaN();
  });
});
