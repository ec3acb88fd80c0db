import { describe, expect, it } from 'vitest';
import { ArgusError } from '../../core/errors.js';
import { fitHoltWinters, initialStates } from './holtWinters.js';
import { analyticVariance, forecastHoltWinters } from './holtWintersForecast.js';
import { normalNoise } from './normalNoise.js';
import { rollingOrigin } from './rollingOrigin.js';

describe('fitHoltWinters with fixed parameters', () => {
  it('runs simple exponential smoothing by hand', () => {
    // Level starts at the mean of the first points (10 ... 13 -> 11.5); alpha 0.5 halves each error.
    const model = fitHoltWinters(
      [10, 12, 11, 13],
      { season: 'additive', period: 1, trend: 'none' },
      { params: { alpha: 0.5, beta: 0, gamma: 0, phi: 1 }, initial: 'heuristic' },
    );
    expect(Array.from(model.fitted)).toEqual([11.5, 10.75, 11.375, 11.1875]);
    expect(model.level).toBe(12.09375);
    expect(model.sse).toBeCloseTo(2.25 + 1.5625 + 0.140625 + 3.28515625, 12);
    // Two degrees of freedom used: alpha and the initial level.
    expect(model.sigma2).toBeCloseTo(model.sse / 2, 12);
    const forecast = forecastHoltWinters(model, 3, { level: 0.95 });
    expect(Array.from(forecast.mean)).toEqual([12.09375, 12.09375, 12.09375]);
    const half = 1.959963985 * Math.sqrt(model.sigma2 * (1 + 2 * 0.25));
    expect(forecast.upper[2]).toBeCloseTo(12.09375 + half, 6);
  });

  it('takes seasonal indices against the centred moving average of the first seasons', () => {
    // 2x4 moving averages at t = 2..5 are 10.25, 10.75, 11.25, 11.75 (worked by hand).
    const y = [12, 8, 11, 9, 14, 10, 13, 11];
    const additive = initialStates(y, { season: 'additive', period: 4, trend: 'none' });
    const expected = [2.75, -1.75, 0.75, -1.75];
    additive.seasonals.forEach((s, j) => {
      expect(s).toBeCloseTo(expected[j] as number, 12);
    });
    const multiplicative = initialStates([12, 8, 12, 8], {
      season: 'multiplicative',
      period: 2,
      trend: 'none',
    });
    expect(multiplicative.seasonals[0]).toBeCloseTo(1.2, 12);
    expect(multiplicative.seasonals[1]).toBeCloseTo(0.8, 12);
    // A line plus a season is split exactly: the slope comes out and the level sits one step before t = 0.
    const line = Array.from({ length: 12 }, (_, t) => 5 + 2 * t + ([1, -1, 0][t % 3] as number));
    const exact = initialStates(line, { season: 'additive', period: 3, trend: 'additive' });
    expect(exact.slope).toBeCloseTo(2, 12);
    expect(exact.level).toBeCloseTo(3, 12);
    expect(Array.from(exact.seasonals).map((s) => Math.round(s * 1e9) / 1e9)).toEqual([1, -1, 0]);
  });
});

describe('analytic forecast variance', () => {
  const base = {
    level: 0,
    slope: 0,
    fitted: new Float64Array(),
    residuals: new Float64Array(),
    sse: 0,
    n: 0,
  };

  it('matches the closed form for ETS(A,A,N)', () => {
    const [alpha, beta, s2] = [0.4, 0.1, 2];
    const model = {
      ...base,
      season: 'additive' as const,
      period: 1,
      trend: 'additive' as const,
      params: { alpha, beta, gamma: 0, phi: 1 },
      seasonals: new Float64Array([0]),
      sigma2: s2,
    };
    const v = analyticVariance(model, 6);
    for (let h = 1; h <= 6; h++) {
      const closed = s2 * (1 + (h - 1) * (alpha ** 2 + alpha * beta * h + (beta ** 2 * h * (2 * h - 1)) / 6));
      expect(v[h - 1]).toBeCloseTo(closed, 12);
    }
  });

  it('matches the closed form for ETS(A,N,A)', () => {
    const [alpha, gamma, s2, m] = [0.3, 0.2, 1.5, 4];
    const model = {
      ...base,
      season: 'additive' as const,
      period: m,
      trend: 'none' as const,
      params: { alpha, beta: 0, gamma, phi: 1 },
      seasonals: new Float64Array(m),
      sigma2: s2,
    };
    const v = analyticVariance(model, 10);
    for (let h = 1; h <= 10; h++) {
      const k = Math.floor((h - 1) / m);
      expect(v[h - 1]).toBeCloseTo(s2 * (1 + alpha ** 2 * (h - 1) + gamma * k * (2 * alpha + gamma)), 12);
    }
  });
});

describe('prediction interval coverage', () => {
  it('is close to nominal at every lead when the model is right (no per-horizon or σ² slip)', {
    timeout: 30_000,
  }, () => {
    // ETS(A,Ad,N) draws, rolling origin: in-sample σ² and the horizon-scaled variance together must give
    // about 95% (a little less, since parameter uncertainty is ignored, as in the book's formulas).
    const inside = [0, 0, 0];
    const total = [0, 0, 0];
    for (let seed = 1; seed <= 3; seed++) {
      const noise = normalNoise(160, seed);
      const y = new Float64Array(160);
      let [l, b] = [20, 0.2];
      for (let t = 0; t < 160; t++) {
        const e = noise[t] as number;
        y[t] = l + 0.9 * b + e;
        l = l + 0.9 * b + 0.3 * e;
        b = 0.9 * b + 0.05 * e;
      }
      const result = rollingOrigin(
        y,
        (train, h) =>
          forecastHoltWinters(fitHoltWinters(train, { season: 'additive', period: 1, trend: 'damped' }), h),
        { minTrain: 60, horizon: 3, scalePeriod: 1 },
      );
      result.leads.forEach((lead, i) => {
        inside[i] = (inside[i] as number) + lead.coverage * lead.forecasts;
        total[i] = (total[i] as number) + lead.forecasts;
      });
    }
    for (let i = 0; i < 3; i++) {
      const coverage = (inside[i] as number) / (total[i] as number);
      expect(coverage).toBeGreaterThan(0.9);
      expect(coverage).toBeLessThan(0.98);
    }
  });
});

describe('likelihood and AICc', () => {
  it('computes the Gaussian log-likelihood and the AICc with every estimated state counted', () => {
    const noise = normalNoise(40, 2);
    const y = Array.from(
      { length: 40 },
      (_, t) => 10 + ([2, -2, 1, -1][t % 4] as number) + (noise[t] as number),
    );
    const model = fitHoltWinters(y, { season: 'additive', period: 4, trend: 'damped' });
    // α, β, γ, φ; ℓ0, b0 and three free seasons; σ².
    expect(model.parameterCount).toBe(4 + 5 + 1);
    const n = 40;
    const k = 10;
    const logLik = -0.5 * n * (Math.log((2 * Math.PI * model.sse) / n) + 1);
    expect(model.logLik).toBeCloseTo(logLik, 10);
    expect(model.aicc).toBeCloseTo(-2 * logLik + 2 * k + (2 * k * (k + 1)) / (n - k - 1), 10);
    const ses = fitHoltWinters(y, { season: 'additive', period: 1, trend: 'none' });
    expect(ses.parameterCount).toBe(3);
    // Initial states are estimated too, so the fit is at least as good as the classical heuristic start.
    const classical = fitHoltWinters(
      y,
      { season: 'additive', period: 4, trend: 'damped' },
      { initial: 'heuristic' },
    );
    expect(model.sse).toBeLessThanOrEqual(classical.sse * (1 + 1e-9));
  });
});

describe('fitHoltWinters fitting', () => {
  it('recovers the smoothing weight of a simulated local-level series', () => {
    const noise = normalNoise(600, 3);
    const y = new Float64Array(600);
    let level = 100;
    for (let t = 0; t < 600; t++) {
      const e = noise[t] as number;
      y[t] = level + e;
      level += 0.3 * e;
    }
    const model = fitHoltWinters(y, { season: 'additive', period: 1, trend: 'none' });
    expect(model.params.alpha).toBeGreaterThan(0.2);
    expect(model.params.alpha).toBeLessThan(0.4);
    expect(model.sigma2).toBeGreaterThan(0.85);
    expect(model.sigma2).toBeLessThan(1.15);
  });

  it('forecasts a noiseless trend plus additive season almost exactly', () => {
    const season = [3, -1, -2, 0];
    const y = Array.from({ length: 48 }, (_, t) => 10 + 0.5 * t + (season[t % 4] as number));
    const model = fitHoltWinters(y, { season: 'additive', period: 4, trend: 'additive' });
    const forecast = forecastHoltWinters(model, 8);
    for (let i = 0; i < 8; i++) {
      const t = 48 + i;
      expect(
        Math.abs((forecast.mean[i] as number) - (10 + 0.5 * t + (season[t % 4] as number))),
      ).toBeLessThan(1e-6);
    }
  });

  it('forecasts a noiseless trend times a multiplicative season closely, with bootstrap intervals', () => {
    const season = [1.2, 0.8, 1.1, 0.9];
    const y = Array.from({ length: 60 }, (_, t) => (50 + t) * (season[t % 4] as number));
    const model = fitHoltWinters(y, { season: 'multiplicative', period: 4, trend: 'additive' });
    const forecast = forecastHoltWinters(model, 4, { seed: 5 });
    for (let i = 0; i < 4; i++) {
      const truth = (50 + 60 + i) * (season[(60 + i) % 4] as number);
      expect(Math.abs((forecast.mean[i] as number) / truth - 1)).toBeLessThan(0.01);
      expect(forecast.lower[i]).toBeLessThanOrEqual(forecast.upper[i] as number);
    }
    expect(forecastHoltWinters(model, 4, { seed: 5 })).toEqual(forecast);
  });

  it('gives bootstrap intervals close to the analytic ones for an additive model with normal errors', () => {
    const noise = normalNoise(400, 11);
    const y = Array.from(
      { length: 400 },
      (_, t) => 50 + 5 * Math.sin((2 * Math.PI * t) / 12) + 2 * (noise[t] as number),
    );
    const model = fitHoltWinters(y, { season: 'additive', period: 12, trend: 'none' });
    const analytic = forecastHoltWinters(model, 13, { level: 0.9 });
    const bootstrap = forecastHoltWinters(model, 13, { level: 0.9, intervals: 'bootstrap', paths: 4000 });
    for (const i of [0, 5, 12]) {
      const a = (analytic.upper[i] as number) - (analytic.lower[i] as number);
      const b = (bootstrap.upper[i] as number) - (bootstrap.lower[i] as number);
      expect(Math.abs(b / a - 1)).toBeLessThan(0.1);
    }
  });

  it('refuses short series, missing values and a multiplicative season on non-positive data', () => {
    const spec = { season: 'additive' as const, period: 12, trend: 'damped' as const };
    expect(() => fitHoltWinters(new Float64Array(20), spec)).toThrow(ArgusError);
    expect(() => fitHoltWinters([1, 2, Number.NaN, 4, 5], { ...spec, period: 1 })).toThrow(ArgusError);
    const zeros = Array.from({ length: 12 }, (_, t) => t % 3);
    expect(() => fitHoltWinters(zeros, { ...spec, season: 'multiplicative', period: 3 })).toThrow(
      /strictly positive/,
    );
  });

  it('keeps the damping and smoothing weights inside their admissible region', () => {
    const noise = normalNoise(120, 8);
    const y = Array.from({ length: 120 }, (_, t) => 20 + 0.2 * t + 3 * Math.cos(t) + (noise[t] as number));
    const model = fitHoltWinters(y, { season: 'additive', period: 6, trend: 'damped' });
    const { alpha, beta, gamma, phi } = model.params;
    expect(alpha).toBeGreaterThan(0);
    expect(alpha).toBeLessThan(1);
    expect(beta).toBeLessThanOrEqual(alpha);
    expect(gamma).toBeLessThanOrEqual(1 - alpha);
    expect(phi).toBeGreaterThanOrEqual(0.8);
    expect(phi).toBeLessThanOrEqual(0.98);
  });
});
