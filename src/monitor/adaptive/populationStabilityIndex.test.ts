import { describe, expect, it } from 'vitest';
import { populationStabilityIndex, psiLevel } from './populationStabilityIndex.js';

const tenths = new Float64Array(10).fill(0.1);

describe('populationStabilityIndex', () => {
  it('is 0 for identical distributions, whether given as counts or shares', () => {
    expect(populationStabilityIndex(tenths, tenths)).toBeCloseTo(0, 12);
    expect(populationStabilityIndex(tenths, new Float64Array(10).fill(250))).toBeCloseTo(0, 12);
  });

  it('matches the formula on a hand-computed pair', () => {
    const e = [0.5, 0.5];
    const a = [0.8, 0.2];
    const expected = (0.8 - 0.5) * Math.log(0.8 / 0.5) + (0.2 - 0.5) * Math.log(0.2 / 0.5);
    expect(populationStabilityIndex(e, a)).toBeCloseTo(expected, 12);
  });

  it('grows past 0.2 when the mass moves to the top deciles', () => {
    const shifted = Float64Array.from([2, 2, 3, 3, 5, 5, 10, 15, 25, 30]);
    const psi = populationStabilityIndex(tenths, shifted);
    expect(psi).toBeGreaterThanOrEqual(0.2);
    expect(psiLevel(psi)).toBe('significant');
    // A slight wobble stays stable.
    const wobble = Float64Array.from([11, 9, 10, 10, 11, 9, 10, 10, 11, 9]);
    expect(psiLevel(populationStabilityIndex(tenths, wobble))).toBe('stable');
  });

  it('stays finite with empty bins thanks to epsilon, and a larger epsilon damps it', () => {
    const empty = Float64Array.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    const psi = populationStabilityIndex(tenths, empty);
    expect(Number.isFinite(psi)).toBe(true);
    expect(psi).toBeGreaterThan(2);
    expect(populationStabilityIndex(tenths, empty, 0.05)).toBeLessThan(psi);
  });

  it('reads 0.1 to 0.2 as moderate', () => {
    expect(psiLevel(0.05)).toBe('stable');
    expect(psiLevel(0.1)).toBe('moderate');
    expect(psiLevel(0.19)).toBe('moderate');
    expect(psiLevel(0.2)).toBe('significant');
  });

  it('refuses mismatched, empty, negative or all-zero bins', () => {
    expect(() => populationStabilityIndex([1, 2], [1, 2, 3])).toThrow(/same bins/);
    expect(() => populationStabilityIndex([], [])).toThrow(/at least one bin/);
    expect(() => populationStabilityIndex([1, -1], [1, 1])).toThrow(/non-negative/);
    expect(() => populationStabilityIndex([1, 1], [0, 0])).toThrow(/all empty/);
  });
});
