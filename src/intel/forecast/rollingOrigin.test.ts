import { describe, expect, it } from 'vitest';
import { rollingOrigin } from './rollingOrigin.js';
import { seasonalNaive } from './seasonalNaive.js';

describe('rollingOrigin', () => {
  it('scores each lead over the origins whose target exists, with MASE worked by hand', () => {
    // Forecast "the last value" on y = 1, 2, 4, 7, 11 from origins 2, 3, 4 (minTrain 2, horizon 2).
    const y = [1, 2, 4, 7, 11];
    const seen: number[] = [];
    const result = rollingOrigin(
      y,
      (train, h) => {
        seen.push(train.length);
        return new Float64Array(h).fill(train[train.length - 1] as number);
      },
      { minTrain: 2, horizon: 2, scalePeriod: 1 },
    );
    expect(seen).toEqual([2, 3, 4]);
    expect(result.origins).toBe(3);
    // Lead 1: errors 2, 3, 4 with scales 1, 1.5, 2 (naive MAE of [1,2], [1,2,4], [1,2,4,7]).
    expect(result.leads[0]).toMatchObject({ lead: 1, forecasts: 3, mae: 3 });
    expect(result.leads[0]?.mase).toBeCloseTo((2 / 1 + 3 / 1.5 + 4 / 2) / 3, 12);
    // Lead 2: errors 5 (origin 2 -> y[3]) and 7 (origin 3 -> y[4]).
    expect(result.leads[1]).toMatchObject({ lead: 2, forecasts: 2, mae: 6 });
    expect(result.leads[1]?.mase).toBeCloseTo((5 / 1 + 7 / 1.5) / 2, 12);
  });

  it('gives the seasonal naive forecaster a MASE of 1 on a series its scale describes exactly', () => {
    // A season of 4 plus a step of 1 per season: every seasonal difference is 1, in and out of sample.
    const y = Array.from({ length: 40 }, (_, t) => ([3, 1, 4, 1][t % 4] as number) + Math.floor(t / 4));
    const result = rollingOrigin(y, (train, h) => seasonalNaive(train, 4, h).mean, {
      minTrain: 8,
      horizon: 1,
      scalePeriod: 4,
    });
    expect(result.leads[0]?.mase).toBeCloseTo(1, 12);
    expect(result.leads[0]?.forecasts).toBe(32);
    expect(result.leads[0]?.coverage).toBeNaN();
  });

  it('scores interval coverage when the forecaster gives intervals', () => {
    // Intervals [last - 1.5, last + 1.5]; origin 1 has no scale (one point), and of the steps 2, 1, 2
    // from origins 2..4 only the 1 falls inside.
    const y = [0, 1, 3, 4, 6];
    const result = rollingOrigin(
      y,
      (train, h) => {
        const last = train[train.length - 1] as number;
        const mean = new Float64Array(h).fill(last);
        return { mean, lower: mean.map((v) => v - 1.5), upper: mean.map((v) => v + 1.5), level: 0.9 };
      },
      { minTrain: 1, horizon: 1, scalePeriod: 1 },
    );
    expect(result.leads[0]?.forecasts).toBe(3);
    expect(result.leads[0]?.coverage).toBeCloseTo(1 / 3, 12);
  });

  it('leaves out origins with a constant training window, and checks its options', () => {
    const result = rollingOrigin([5, 5, 5, 6, 7], (_train, h) => new Float64Array(h).fill(5), {
      minTrain: 2,
      horizon: 1,
      scalePeriod: 1,
    });
    expect(result.unscaled).toBe(2);
    expect(result.leads[0]?.forecasts).toBe(1);
    expect(() =>
      rollingOrigin([1, 2], (_t, h) => new Float64Array(h), { minTrain: 2, horizon: 1, scalePeriod: 1 }),
    ).toThrow(RangeError);
  });

  it('takes the scale period from each training window when given a function, and lists every point', () => {
    const y = [1, 2, 4, 7, 11];
    const asked: number[] = [];
    const result = rollingOrigin(
      y,
      (train, h) => new Float64Array(h).fill(train[train.length - 1] as number),
      {
        minTrain: 3,
        horizon: 1,
        scalePeriod: (train) => {
          asked.push(train.length);
          return train.length === 3 ? 2 : 1;
        },
      },
    );
    expect(asked).toEqual([3, 4]);
    // Origin 3: error 3, scale = seasonal naive MAE at m = 2 on [1, 2, 4] = 3; origin 4: error 4, scale 2.
    expect(result.points.map((p) => [p.origin, p.lead, p.actual, p.mean, p.scale])).toEqual([
      [3, 1, 7, 4, 3],
      [4, 1, 11, 7, 2],
    ]);
    expect(result.leads[0]?.mase).toBeCloseTo((3 / 3 + 4 / 2) / 2, 12);
  });
});
