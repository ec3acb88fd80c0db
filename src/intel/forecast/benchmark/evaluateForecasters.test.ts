import { describe, expect, it } from 'vitest';
import type { ScoredPoint } from '../rollingOrigin.js';
import { evaluateSeries, relativeMae } from './evaluateForecasters.js';

const point = (origin: number, lead: number, actual: number, mean: number): ScoredPoint => ({
  origin,
  lead,
  actual,
  mean,
  lower: Number.NaN,
  upper: Number.NaN,
  scale: 1,
});

describe('relativeMae', () => {
  it('divides summed absolute errors over the points both forecasters scored at that lead', () => {
    const model = [point(5, 1, 10, 9), point(6, 1, 10, 12), point(7, 1, 10, 0), point(5, 2, 3, 3)];
    const naive = [point(5, 1, 10, 6), point(6, 1, 10, 10), point(5, 2, 3, 5)];
    // Lead 1 on origins 5 and 6 only: (1 + 2) / (4 + 0).
    expect(relativeMae(model, naive, 1)).toBeCloseTo(3 / 4, 12);
    expect(relativeMae(model, naive, 2)).toBe(0);
    expect(relativeMae(model, naive, 3)).toBeNaN();
  });
});

describe('evaluateSeries', () => {
  it('scores every method on the same origins, seasonal naive at relMAE 1, every selection tallied', () => {
    const y = Float64Array.from({ length: 30 }, (_, t) => 10 + ((t * 7) % 5) + (t > 15 ? 4 : 0));
    const evaluation = evaluateSeries(y, {
      minTrain: 20,
      horizon: 2,
      candidates: [12],
      fixedPeriods: [],
      level: 0.9,
      seed: 1,
    });
    expect(evaluation.origins).toBe(10);
    expect(evaluation.rows.map((r) => r.method)).toEqual(['ets', 'ses', 'damped', 'seasonal naive']);
    for (const row of evaluation.rows) expect(row.leads[0]?.forecasts).toBe(10);
    expect(evaluation.rows.at(-1)?.leads.every((l) => l.relMae === 1)).toBe(true);
    const chosen = evaluation.rows[0]?.modelsChosen ?? {};
    expect(Object.values(chosen).reduce((a, b) => a + b, 0)).toBe(10);
  });
});
