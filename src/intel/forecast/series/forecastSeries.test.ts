import { describe, expect, it } from 'vitest';
import { nextBucketStart } from '../calendarBuckets.js';
import { normalNoise } from '../normalNoise.js';
import { forecastSeries, MIN_BUCKETS } from './forecastSeries.js';
import type { Series } from './series.js';
import type { SeriesUnit } from './seriesBuckets.js';

function series(values: number[], unit: SeriesUnit, measure: Series['measure'] = 'count'): Series {
  const starts: number[] = [];
  let s = Date.UTC(2020, 0, 6); // a Monday and a first-of-month-safe start for days and weeks
  if (unit === 'month') s = Date.UTC(2020, 0, 1);
  for (let i = 0; i < values.length; i++) {
    starts.push(s);
    s = nextBucketStart(s, unit);
  }
  return { name: `test per ${unit}`, unit, measure, starts, values: Float64Array.from(values), notes: [] };
}

/** Poisson-ish counts around `level`: the rounded level plus scaled normal noise, never negative. */
function counts(n: number, level: (t: number) => number, seed: number): number[] {
  const noise = normalNoise(n, seed);
  return Array.from({ length: n }, (_, t) =>
    Math.max(0, Math.round(level(t) + Math.sqrt(level(t)) * (noise[t] as number))),
  );
}

describe('forecastSeries', () => {
  it('keeps a steady last bucket inside the interval and forecasts the next buckets', () => {
    const s = series(
      counts(60, () => 20, 3),
      'week',
    );
    const r = forecastSeries(s, { horizon: 3, level: 0.95 });
    expect(r.scale).toBe('anscombe');
    expect(r.check.inside).toBe(true);
    expect(r.alert).toBeUndefined();
    expect(r.steps.map((step) => step.start)).toEqual([
      (s.starts.at(-1) as number) + 7 * 86_400_000,
      (s.starts.at(-1) as number) + 14 * 86_400_000,
      (s.starts.at(-1) as number) + 21 * 86_400_000,
    ]);
    for (let i = 0; i < 3; i++) {
      const mean = r.fit.forecast.mean[i] as number;
      expect(mean).toBeGreaterThan(14);
      expect(mean).toBeLessThan(26);
      expect(r.fit.forecast.lower[i]).toBeLessThan(mean);
      expect(r.fit.forecast.upper[i]).toBeGreaterThan(mean);
    }
    // Wider the further ahead, as the variance of a random-walk level grows with the lead.
    expect((r.fit.forecast.upper[2] as number) - (r.fit.forecast.lower[2] as number)).toBeGreaterThanOrEqual(
      (r.fit.forecast.upper[0] as number) - (r.fit.forecast.lower[0] as number),
    );
  });

  it('flags a surge in the last bucket against the forecast made without it, and builds its alert', () => {
    const values = counts(60, () => 20, 3);
    values[59] = 80;
    const r = forecastSeries(series(values, 'week'), { horizon: 2, level: 0.95 });
    expect(r.check.inside).toBe(false);
    expect(r.check.actual).toBe(80);
    expect(r.check.upper).toBeLessThan(40);
    // The refit without the last bucket forecasts the steady level, not one dragged up by the surge:
    // exactly the one-step forecast of the series cut before it.
    expect(r.check.mean).toBeLessThan(26);
    const cut = forecastSeries(series(values.slice(0, 59), 'week'), { horizon: 1, level: 0.95 });
    expect(r.check.mean).toBe(cut.fit.forecast.mean[0]);
    expect(r.check.upper).toBe(cut.fit.forecast.upper[0]);
    expect(r.check.model).toBe(cut.fit.model);
    expect(r.alert).toMatchObject({
      area: 'intel',
      detector: 'intel.forecast',
      subject: { kind: 'other', id: 'test per week', attributes: { direction: 'above' } },
      occurredAt: r.check.at,
    });
    expect(r.alert?.title).toBe(`test per week: ${r.check.label} above its forecast`);
    expect(r.alert?.explanation).toContain(`fitted without ${r.check.label}`);
  });

  it('flags a collapse below the interval too', () => {
    const values = counts(60, () => 40, 5);
    values[59] = 0;
    const r = forecastSeries(series(values, 'day'), { horizon: 1, level: 0.95 });
    expect(r.check.inside).toBe(false);
    expect(r.alert?.subject.attributes).toEqual({ direction: 'below' });
  });

  it('detects a yearly season in monthly data and forecasts its shape', () => {
    const season = [5, 3, 0, -2, -4, -5, -4, -2, 0, 2, 4, 6];
    const values = counts(72, (t) => 30 + 2 * (season[t % 12] as number), 11);
    const r = forecastSeries(series(values, 'month'), { horizon: 12, level: 0.8 });
    expect(r.fit.period).toBe(12);
    expect(r.fit.model).toMatch(/^ETS\(A,.+,[AM]\)$/);
    const mean = Array.from(r.fit.forecast.mean);
    // January (step 1, index 0 of the season) above June (step 6).
    expect(mean[0]).toBeGreaterThan((mean[5] as number) + 8);
    expect(r.fit.naive.mean[5]).toBe(values[65]);
  });

  it('forecasts amounts on the log scale and plain values on their own scale', () => {
    const volume = series(
      Array.from(normalNoise(40, 9), (z) => Math.exp(10 + 0.3 * z)),
      'day',
      'amount',
    );
    expect(forecastSeries(volume, { horizon: 1, level: 0.95 }).scale).toBe('log');
    const signed = series(Array.from(normalNoise(40, 9)), 'day', 'value');
    const r = forecastSeries(signed, { horizon: 1, level: 0.95 });
    expect(r.scale).toBe('raw');
    expect(() => forecastSeries(signed, { horizon: 1, level: 0.95, scale: 'log' })).toThrow(
      /the log scale needs values >= 0/,
    );
  });

  it('refuses a series too short to fit and check', () => {
    const s = series([1, 2, 3, 4, 5], 'month');
    expect(MIN_BUCKETS).toBe(6);
    expect(() => forecastSeries(s, { horizon: 1, level: 0.95 })).toThrow(
      /has 5 buckets; a forecast needs at least 6/,
    );
    expect(() => forecastSeries(series([], 'month'), { horizon: 1, level: 0.95 })).toThrow(/has 0 buckets/);
  });
});
