import { describe, expect, it } from 'vitest';
import { nextBucketStart } from '../calendarBuckets.js';
import { normalNoise } from '../normalNoise.js';
import { backtestSeries } from './backtestSeries.js';
import { forecastReport } from './forecastReport.js';
import { forecastSeries } from './forecastSeries.js';
import type { Series } from './series.js';

function weekly(values: number[]): Series {
  const starts: number[] = [];
  let s = Date.UTC(2024, 0, 1);
  for (let i = 0; i < values.length; i++) {
    starts.push(s);
    s = nextBucketStart(s, 'week');
  }
  return {
    name: 'x per week',
    unit: 'week',
    measure: 'count',
    starts,
    values: Float64Array.from(values),
    notes: [],
  };
}

const steady = (n: number, seed: number) =>
  Array.from(normalNoise(n, seed), (e) => Math.max(0, Math.round(30 + 5 * e)));

describe('forecastReport', () => {
  it('lays out history, in-sample fit, forecast and seasonal naive per bucket, and the flagged buckets', () => {
    const values = steady(30, 2);
    values[25] = 90;
    const series = weekly(values);
    const options = { horizon: 4, level: 0.8 };
    const report = forecastReport(
      series,
      forecastSeries(series, options),
      backtestSeries(series, { ...options, maxOrigins: 10 }),
    );
    expect(report.series.history).toHaveLength(30);
    expect(report.series.history[25]).toEqual({ start: series.starts[25], label: '2024-06-24', value: 90 });
    expect(report.level).toBe(0.8);
    expect(report.model.params.alpha).toBeGreaterThan(0);
    // The in-sample fit: one interval per history bucket around its one-step forecast.
    expect(report.fitted).toHaveLength(30);
    for (const p of report.fitted) expect(p.lower).toBeLessThanOrEqual(p.mean);
    expect(report.forecast.map((p) => p.start)).toEqual(report.naive.map((p) => p.start));
    expect(report.forecast[0]?.start).toBe(nextBucketStart(series.starts[29] as number, 'week'));
    // The surge is flagged by the rolling-origin check, and nothing is flagged that was inside.
    expect(report.outside.map((p) => p.start)).toContain(series.starts[25]);
    expect(report.outside.every((p) => p.position !== 'inside')).toBe(true);
    expect('oneStep' in report.backtest && report.backtest.oneStep).toHaveLength(10);
  });

  it('falls back to the last-bucket check when the series is too short for a rolling-origin check', () => {
    const values = steady(7, 4);
    values[6] = 200;
    const series = weekly(values);
    const options = { horizon: 2, level: 0.95 };
    const report = forecastReport(series, forecastSeries(series, options), backtestSeries(series, options));
    expect(report.backtest).toMatchObject({ needed: 9, have: 7 });
    expect(report.outside).toEqual([
      expect.objectContaining({ start: series.starts[6], actual: 200, position: 'above' }),
    ]);
  });
});
