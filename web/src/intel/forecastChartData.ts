import type uPlot from 'uplot';
import type { ForecastReport } from './intelApi.js';

/** uPlot series order of the forecast chart (0 is the x axis). */
export const FORECAST_SERIES = {
  actual: 1,
  fitted: 2,
  lower: 3,
  upper: 4,
  forecast: 5,
  naive: 6,
  outside: 7,
} as const;

/**
 * History and forecast on one time axis: the actuals, the in-sample fit, one interval (the honest
 * one-step intervals of the rolling-origin check over the history, the forecast's ahead), the forecast
 * joined to the last actual, seasonal naive, and the actuals that left their interval.
 */
export function forecastChartData(report: ForecastReport): uPlot.AlignedData {
  const history = report.series.history;
  const ahead = report.forecast;
  const n = history.length + ahead.length;
  const column = () => new Array<number | null>(n).fill(null);
  const x = [...history.map((h) => h.start), ...ahead.map((f) => f.start)].map((s) => s / 1000);
  const actual = column();
  const fitted = column();
  const lower = column();
  const upper = column();
  const forecast = column();
  const naive = column();
  const outside = column();
  const index = new Map(history.map((h, i) => [h.start, i]));
  history.forEach((h, i) => {
    actual[i] = h.value;
    fitted[i] = report.fitted[i]?.mean ?? null;
  });
  const oneStep = 'oneStep' in report.backtest ? report.backtest.oneStep : [];
  for (const p of oneStep) {
    const i = index.get(p.start);
    if (i === undefined) continue;
    lower[i] = p.lower;
    upper[i] = p.upper;
  }
  for (const p of report.outside) {
    const i = index.get(p.start);
    if (i !== undefined) outside[i] = p.actual;
  }
  const last = history.length - 1;
  if (last >= 0) forecast[last] = history[last]?.value ?? null;
  ahead.forEach((f, k) => {
    const i = history.length + k;
    lower[i] = f.lower;
    upper[i] = f.upper;
    forecast[i] = f.mean;
    naive[i] = report.naive[k]?.mean ?? null;
  });
  return [x, actual, fitted, lower, upper, forecast, naive, outside];
}
