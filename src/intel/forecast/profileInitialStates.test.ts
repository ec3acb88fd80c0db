import { describe, expect, it } from 'vitest';
import { fitHoltWinters } from './holtWinters.js';
import { normalNoise } from './normalNoise.js';
import { initialStateProfiler, solveSymmetric } from './profileInitialStates.js';

describe('initialStateProfiler', () => {
  it('recovers the exact initial states of a noiseless trend plus season', () => {
    // Level 3 one step before t = 0, slope 0.5, seasons 2, -1, 0.5, -1.5 (sum 0): every error is 0
    // from the right start, whatever the smoothing weights.
    const season = [2, -1, 0.5, -1.5];
    const y = Array.from({ length: 20 }, (_, t) => 3 + 0.5 * (t + 1) + (season[t % 4] as number));
    const states = initialStateProfiler(y, 4, true).profile({
      period: 4,
      trend: true,
      alpha: 0.4,
      beta: 0.1,
      gamma: 0.2,
      phi: 1,
    });
    expect(states.sse).toBeLessThan(1e-12);
    expect(states.level).toBeCloseTo(3, 8);
    expect(states.slope).toBeCloseTo(0.5, 8);
    states.seasonals.forEach((s, j) => {
      expect(s).toBeCloseTo(season[j] as number, 8);
    });
  });

  it('gives the least SSE over initial states: no worse than the heuristic, and matching a rerun', () => {
    const noise = normalNoise(48, 5);
    const y = Array.from({ length: 48 }, (_, t) => 30 + 0.3 * t + 4 * Math.sin(t) + 2 * (noise[t] as number));
    const params = { alpha: 0.3, beta: 0.05, gamma: 0.1, phi: 0.9 };
    const spec = { season: 'additive' as const, period: 6, trend: 'damped' as const };
    const optimised = fitHoltWinters(y, spec, { params, initial: 'optimised' });
    const heuristic = fitHoltWinters(y, spec, { params, initial: 'heuristic' });
    expect(optimised.sse).toBeLessThanOrEqual(heuristic.sse);
    const profiled = initialStateProfiler(y, 6, true).profile({ period: 6, trend: true, ...params });
    expect(optimised.sse).toBeCloseTo(profiled.sse, 8);
    // Nudging any state off the least-squares solution (keeping the seasons' sum at 0) raises the SSE.
    const sse = (level: number, slope: number, seasons: number[]) => {
      let [l, b, total] = [level, slope, 0];
      const s = [...seasons];
      for (let t = 0; t < y.length; t++) {
        const base = l + params.phi * b;
        const e = (y[t] as number) - base - (s[t % 6] as number);
        total += e * e;
        l = base + params.alpha * e;
        b = params.phi * b + params.beta * e;
        s[t % 6] = (s[t % 6] as number) + params.gamma * e;
      }
      return total;
    };
    const seasons = Array.from(profiled.seasonals);
    expect(sse(profiled.level, profiled.slope, seasons)).toBeCloseTo(profiled.sse, 8);
    for (const d of [-0.05, 0.05]) {
      expect(sse(profiled.level + d, profiled.slope, seasons)).toBeGreaterThan(profiled.sse);
      expect(sse(profiled.level, profiled.slope + d, seasons)).toBeGreaterThan(profiled.sse);
      const moved = seasons.map((v, j) => v + (j === 0 ? d : j === 5 ? -d : 0));
      expect(sse(profiled.level, profiled.slope, moved)).toBeGreaterThan(profiled.sse);
    }
  });

  it('solves a symmetric positive definite system', () => {
    const a = Float64Array.from([4, 2, 0, 2, 5, 1, 0, 1, 3]);
    const x = solveSymmetric(a, Float64Array.from([6, 8, 4]), 3);
    // 4x + 2y = 6, 2x + 5y + z = 8, y + 3z = 4 -> (1, 1, 1).
    for (const v of x) expect(v).toBeCloseTo(1, 8);
  });
});
