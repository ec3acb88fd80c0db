import { describe, expect, it } from 'vitest';
import { nextBucketStart } from '../calendarBuckets.js';
import { normalNoise } from '../normalNoise.js';
import { backtestSeries, MIN_BACKTEST_ORIGINS, MIN_TRAIN } from './backtestSeries.js';
import { forecastSeries } from './forecastSeries.js';
import type { Series } from './series.js';

/** Daily counts from Monday 2024-01-01: a weekday/weekend season around a rising level, Poisson-like noise. */
function daily(n: number, seed: number, slope = 0.15): Series {
  const noise = normalNoise(n, seed);
  const starts: number[] = [];
  const values = new Float64Array(n);
  let s = Date.UTC(2024, 0, 1);
  for (let t = 0; t < n; t++) {
    starts.push(s);
    s = nextBucketStart(s, 'day');
    const mean = (t % 7 < 5 ? 24 : 6) + slope * t;
    values[t] = Math.max(0, Math.round(mean + Math.sqrt(mean) * (noise[t] as number)));
  }
  return { name: 'test per day', unit: 'day', measure: 'count', starts, values, notes: [] };
}

describe('backtestSeries', () => {
  it('scores the latest origins, covers most actuals and beats seasonal naive on a trending season', () => {
    const series = daily(84, 5);
    const result = backtestSeries(series, { horizon: 3, level: 0.95, maxOrigins: 21 });
    if (!result.ok) throw new Error(result.reason);
    const b = result.backtest;
    expect(b.minTrain).toBe(84 - 21);
    expect(b.origins).toBe(21);
    expect(b.oneStep).toHaveLength(21);
    expect(b.oneStep[0]?.start).toBe(series.starts[63]);
    expect(b.leads.map((l) => l.forecasts)).toEqual([21, 20, 19]);
    const inside = b.oneStep.filter((p) => p.position === 'inside').length;
    expect(inside / b.oneStep.length).toBeGreaterThanOrEqual(0.8);
    expect(b.leads[0]?.coverage).toBeCloseTo(inside / b.oneStep.length, 10);
    expect(b.mase).toBeGreaterThan(0);
    // Seasonal naive repeats last week and misses the rise; the selected model follows it.
    expect(b.relMae).toBeLessThan(1);
    expect(b.mase).toBeLessThan(b.naiveMase);
  });

  it('flags a surge as above its one-step interval, and agrees with forecastSeries on the last bucket', () => {
    const series = daily(70, 9);
    const at = 60;
    series.values[at] = 120;
    const result = backtestSeries(series, { horizon: 1, level: 0.95 });
    if (!result.ok) throw new Error(result.reason);
    const surge = result.backtest.oneStep.find((p) => p.start === series.starts[at]);
    expect(surge).toMatchObject({ actual: 120, position: 'above' });
    expect(surge?.upper).toBeLessThan(120);
    const last = result.backtest.oneStep.at(-1);
    const check = forecastSeries(series, { horizon: 1, level: 0.95 }).check;
    expect(last?.start).toBe(check.at);
    expect(last?.mean).toBeCloseTo(check.mean, 8);
    expect(last?.position === 'inside').toBe(check.inside);
  });

  it('says how much history it needs when the series is too short', () => {
    const needed = MIN_TRAIN + MIN_BACKTEST_ORIGINS;
    const result = backtestSeries(daily(needed - 1, 1), { horizon: 2, level: 0.8 });
    expect(result).toMatchObject({ ok: false, needed, have: needed - 1 });
    if (result.ok) return;
    expect(result.reason).toContain(`needs ${needed} buckets`);
    expect(backtestSeries(daily(needed, 1), { horizon: 2, level: 0.8 }).ok).toBe(true);
  });
});
