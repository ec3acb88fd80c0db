import type { Command } from 'commander';
import type { AlertInput } from '../../core/alert.js';
import { ArgusError } from '../../core/errors.js';
import { bucketLabel } from '../../intel/forecast/calendarBuckets.js';
import {
  forecastSeries,
  SCALES,
  type Scale,
  type SeriesForecast,
} from '../../intel/forecast/series/forecastSeries.js';
import { formatForecast } from '../../intel/forecast/series/formatForecast.js';
import { needsStore, readSeries } from '../../intel/forecast/series/readSeries.js';
import type { Series } from '../../intel/forecast/series/series.js';
import { SERIES_UNITS, type SeriesUnit } from '../../intel/forecast/series/seriesBuckets.js';
import { parseSeriesSpec, SERIES_FORMS } from '../../intel/forecast/series/seriesSpec.js';
import { startCliResponder } from '../cliResponder.js';
import { type CliContext, withStore } from '../context.js';
import { wholeNumber } from '../numberOption.js';
import { consoleOutput, formatTable, type Output, printJson, reportError } from '../output.js';

interface ForecastOptions {
  series?: string;
  bucket: string;
  horizon: string;
  level: string;
  scale: string;
  json?: boolean;
  alert?: boolean;
}

/** What --alert did with the check's alert. */
type Raised =
  | { outcome: 'created' | 'deduplicated'; alertId: string; actions: number }
  | { outcome: 'already-alerted'; alertId: string }
  | { outcome: 'rejected'; errors: string[] };

function parseOptions(opts: ForecastOptions) {
  if (!opts.series) {
    throw new ArgusError('INPUT_INVALID', '--series is required', {
      hint: `use one of:\n  ${SERIES_FORMS.join('\n  ')}`,
    });
  }
  if (!(SERIES_UNITS as readonly string[]).includes(opts.bucket)) {
    throw new ArgusError(
      'INPUT_INVALID',
      `--bucket: expected ${SERIES_UNITS.join(', ')}, got "${opts.bucket}"`,
      {
        input: opts.bucket,
      },
    );
  }
  if (!(SCALES as readonly string[]).includes(opts.scale)) {
    throw new ArgusError('INPUT_INVALID', `--scale: expected ${SCALES.join(', ')}, got "${opts.scale}"`, {
      input: opts.scale,
    });
  }
  const horizon = wholeNumber(opts.horizon, '--horizon', 1);
  if (horizon > 520) {
    throw new ArgusError('INPUT_INVALID', `--horizon: at most 520 buckets, got ${horizon}`, {
      input: horizon,
    });
  }
  const percent = Number(opts.level);
  if (opts.level.trim() === '' || !(percent > 0 && percent < 100)) {
    throw new ArgusError(
      'INPUT_INVALID',
      `--level: expected a coverage in percent between 0 and 100, got "${opts.level}"`,
      {
        input: opts.level,
        hint: 'e.g. --level 80 or --level 95',
      },
    );
  }
  return {
    spec: parseSeriesSpec(opts.series),
    unit: opts.bucket as SeriesUnit,
    horizon,
    level: percent / 100,
    scale: opts.scale as Scale,
  };
}

/**
 * Sends the check's alert into the pipeline, unless an intel.forecast alert for the same series and
 * bucket exists: the command is meant to run on a schedule, and every run until the next bucket closes
 * sees the same miss.
 */
async function raise(ctx: CliContext, alert: AlertInput, output: Output): Promise<Raised> {
  const { store, loaded } = ctx;
  let cursor: string | undefined;
  do {
    const page = await store.alerts.list({
      detector: ['intel.forecast'],
      subjectId: alert.subject.id,
      limit: 500,
      ...(cursor ? { cursor } : {}),
    });
    const same = page.items.find((a) => a.occurredAt === alert.occurredAt);
    if (same) return { outcome: 'already-alerted', alertId: same.id };
    cursor = page.nextCursor;
  } while (cursor);
  const responder = startCliResponder(store, loaded.config, loaded.baseDir, output);
  try {
    const result = await responder.pipeline.ingestBatch([alert]);
    const accepted = result.accepted[0];
    if (accepted) {
      return { outcome: accepted.outcome, alertId: accepted.alert.id, actions: accepted.actions.length };
    }
    return {
      outcome: 'rejected',
      errors: (result.rejected[0]?.errors ?? []).map((e) => `${e.path} ${e.message}`),
    };
  } finally {
    await responder.stop();
  }
}

function raisedLine(
  raised: Raised | undefined,
  result: SeriesForecast,
  alerting: boolean,
): string | undefined {
  if (!alerting) {
    return result.alert ? 'alert   not raised (add --alert to send it into the alert pipeline)' : undefined;
  }
  if (!result.alert) return 'alert   none: the last bucket is inside the interval';
  switch (raised?.outcome) {
    case 'created':
      return `alert   raised ${raised.alertId} (intel.forecast, ${result.alert.severity}); ${raised.actions} actions ordered by the policy`;
    case 'deduplicated':
      return `alert   folded into the open alert ${raised.alertId}`;
    case 'already-alerted':
      return `alert   already raised for this bucket: ${raised.alertId}`;
    case 'rejected':
      return `alert   rejected by the pipeline: ${raised.errors.join('; ')}`;
    default:
      return undefined;
  }
}

function toJson(series: Series, result: SeriesForecast, raised: Raised | undefined) {
  const fit = result.fit;
  return {
    series: {
      name: series.name,
      unit: series.unit,
      measure: series.measure,
      notes: series.notes,
      buckets: series.starts.map((start, i) => ({
        start,
        label: bucketLabel(start, series.unit),
        value: series.values[i],
      })),
    },
    model: {
      name: fit.model,
      aicc: fit.aicc,
      period: fit.period,
      scale: result.scale,
      candidates: fit.candidates,
    },
    level: fit.forecast.level,
    forecast: result.steps.map((step, i) => ({
      start: step.start,
      label: step.label,
      mean: fit.forecast.mean[i],
      lower: fit.forecast.lower[i],
      upper: fit.forecast.upper[i],
      naive: { mean: fit.naive.mean[i], lower: fit.naive.lower[i], upper: fit.naive.upper[i] },
    })),
    check: result.check,
    ...(result.alert ? { alert: result.alert } : {}),
    ...(raised ? { raised } : {}),
  };
}

async function runForecast(opts: ForecastOptions, cmd: Command): Promise<void> {
  const output = consoleOutput(Boolean(opts.json));
  try {
    const o = parseOptions(opts);
    const now = Date.now();
    const run = async (ctx: CliContext | undefined): Promise<void> => {
      const series = await readSeries(o.spec, {
        unit: o.unit,
        now,
        ...(ctx ? { store: ctx.store } : {}),
      });
      const result = forecastSeries(series, { horizon: o.horizon, level: o.level, scale: o.scale });
      const raised = opts.alert && result.alert && ctx ? await raise(ctx, result.alert, output) : undefined;
      if (output.json) {
        printJson(output, toJson(series, result, raised));
      } else {
        output.out(formatForecast(series, result, formatTable));
        const line = raisedLine(raised, result, Boolean(opts.alert));
        if (line) output.out(line);
      }
      if (raised?.outcome === 'rejected') process.exitCode = 2;
    };
    if (needsStore(o.spec) || opts.alert) await withStore(cmd, run);
    else await run(undefined);
  } catch (error) {
    process.exitCode = reportError(output, error);
  }
}

export function registerIntelForecastCommand(intel: Command): void {
  intel
    .command('forecast')
    .description(
      'forecast a series from the store or a CSV file, with prediction intervals and a one-step check',
    )
    .option('--series <spec>', `what to forecast:\n${SERIES_FORMS.map((f) => `  ${f}`).join('\n')}`)
    .option('--bucket <unit>', `calendar bucket (UTC): ${SERIES_UNITS.join(', ')}`, 'week')
    .option('--horizon <n>', 'buckets to forecast', '3')
    .option('--level <percent>', 'coverage of the prediction intervals, in percent', '95')
    .option(
      '--scale <scale>',
      `forecast scale: ${SCALES.join(', ')} (auto: Anscombe for counts, log for volumes, raw for CSV values)`,
      'auto',
    )
    .option('--json', 'print the series, model, forecast and check as JSON')
    .option(
      '--alert',
      'when the last bucket left its interval, raise an intel.forecast alert in the pipeline',
    )
    .addHelpText(
      'after',
      `
The series ends with the last complete bucket; the current one is left out until it closes. The season
is detected from the data (7 for days, 52 for weeks, 12 for months), the Holt-Winters model is chosen
by AICc, and seasonal naive is shown beside it as the baseline. The check refits on the series without
its last bucket and says whether that bucket fell inside the interval; with --alert, a bucket outside
becomes an intel.forecast alert (once per series and bucket, however often the command runs).

Exit codes: 0 ok (inside or outside the interval), 2 bad options, an unreadable series or one too short.

Examples:
  $ argus intel forecast --series alerts:area=monitor --bucket week
  $ argus intel forecast --series transfers:USDC --bucket day --horizon 7 --level 80 --alert
  $ argus intel forecast --series mentions:technique:reentrancy --bucket month
  $ argus intel forecast --series incidents:text:defihacklabs --bucket month --horizon 6
  $ argus intel forecast --series csv:incidents-per-month.csv --bucket month --json`,
    )
    .action((opts: ForecastOptions, cmd: Command) => runForecast(opts, cmd));
}
