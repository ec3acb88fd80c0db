import { bucketLabel } from '../calendarBuckets.js';
import type { SeriesForecast } from './forecastSeries.js';
import { PERIOD_CANDIDATE } from './forecastSeries.js';
import type { Series } from './series.js';

/**
 * The terminal report of `argus intel forecast`: what the series is, its last buckets, the model chosen,
 * the forecast with its intervals beside seasonal naive, and whether the last bucket left the interval
 * of the forecast made without it.
 */
type Table = (headers: string[], rows: string[][], maxWidth?: number) => string;

export const TAIL_BUCKETS = 12;

export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v)) return String(v);
  const abs = Math.abs(v);
  return v.toFixed(abs >= 1000 ? 0 : abs >= 10 ? 1 : 2);
}

function periodText(result: SeriesForecast, series: Series): string {
  const p = result.fit.period;
  return p > 1
    ? `season of ${p} ${series.unit}s`
    : `no season (${PERIOD_CANDIDATE[series.unit]} ${series.unit}s tried: not a significant autocorrelation peak or under two cycles of data)`;
}

export function formatForecast(series: Series, result: SeriesForecast, table: Table): string {
  const n = series.values.length;
  const lines = [
    `series  ${series.name}: ${n} ${series.unit}s, ${bucketLabel(series.starts[0] as number, series.unit)} to ${bucketLabel(series.starts[n - 1] as number, series.unit)}`,
  ];
  for (const note of series.notes) lines.push(`  ${note}`);
  lines.push('');
  const tail = Math.min(TAIL_BUCKETS, n);
  lines.push(`last ${tail} ${series.unit}s`);
  const tailRows: string[][] = [];
  for (let t = n - tail; t < n; t++) {
    tailRows.push([
      bucketLabel(series.starts[t] as number, series.unit),
      formatNumber(series.values[t] as number),
    ]);
  }
  lines.push(indent(table([series.unit, 'value'], tailRows)));
  lines.push('');
  const fit = result.fit;
  const scale = result.scale === 'raw' ? 'on its own scale' : `on the ${result.scale} scale`;
  lines.push(`model   ${fit.model} ${scale}, AICc ${fit.aicc.toFixed(2)}; ${periodText(result, series)}`);
  const others = fit.candidates
    .filter((c) => c.name !== fit.model)
    .map((c) => (c.skipped ? `${c.name} left out` : `${c.name} ${c.aicc.toFixed(2)}`));
  if (others.length > 0) lines.push(`  other candidates (AICc): ${others.join(', ')}`);
  lines.push('');
  const percent = `${+(fit.forecast.level * 100).toFixed(1)}%`;
  lines.push(`forecast, ${percent} prediction intervals`);
  lines.push(
    indent(
      table(
        [series.unit, 'forecast', 'lower', 'upper', 'seasonal naive', `naive ${percent}`],
        result.steps.map((step, i) => [
          step.label,
          formatNumber(fit.forecast.mean[i] as number),
          formatNumber(fit.forecast.lower[i] as number),
          formatNumber(fit.forecast.upper[i] as number),
          formatNumber(fit.naive.mean[i] as number),
          `${formatNumber(fit.naive.lower[i] as number)} to ${formatNumber(fit.naive.upper[i] as number)}`,
        ]),
      ),
    ),
  );
  if (result.scale !== 'raw') {
    lines.push(`  the forecast is the back-transformed median; the interval keeps its coverage`);
  }
  lines.push('');
  const c = result.check;
  const verdict = c.inside
    ? 'inside the interval'
    : `OUTSIDE the interval (${c.actual > c.upper ? 'above' : 'below'})`;
  lines.push(
    `check   ${c.label}: actual ${formatNumber(c.actual)}, forecast ${formatNumber(c.mean)} ` +
      `[${formatNumber(c.lower)}, ${formatNumber(c.upper)}] by ${c.model} fitted without it: ${verdict}`,
  );
  return lines.join('\n');
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}
