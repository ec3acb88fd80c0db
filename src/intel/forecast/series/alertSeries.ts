import type { AlertRepository } from '../../../store/types.js';
import { bucketStart } from '../calendarBuckets.js';
import { READ_PAGE, type Series, type StoreSeriesOptions } from './series.js';
import { bucketsFromTotals, unfinishedBucketNote } from './seriesBuckets.js';
import type { SeriesSpec } from './seriesSpec.js';

type AlertsSpec = Extract<SeriesSpec, { kind: 'alerts' }>;

const FORECAST_DETECTOR = 'intel.forecast';

function describe(spec: AlertsSpec): string {
  const parts = [
    spec.area.length > 0 ? `area ${spec.area.join('|')}` : '',
    spec.detector.length > 0 ? `detector ${spec.detector.join('|')}` : '',
    spec.severity.length > 0 ? `severity ${spec.severity.join('|')}` : '',
  ].filter(Boolean);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

/**
 * Alerts per bucket of the time their event occurred (occurredAt: block or login time, which a replay
 * keeps), read in pages through the store's filter. A stored alert counts once however many repeats
 * deduplication folded into it: the series counts cases, not raw detector firings. The repository
 * has no upper time bound to count by, so the pages are read whole; one pass is one number per bucket.
 */
export async function alertSeries(
  alerts: Pick<AlertRepository, 'list'>,
  spec: AlertsSpec,
  options: StoreSeriesOptions,
): Promise<Series> {
  const totals = new Map<number, { sum: number; events: number }>();
  let cursor: string | undefined;
  let read = 0;
  // A forecast alert on alert volume would feed the next forecast of it: the forecasts' own alerts are
  // left out unless asked for by name.
  const skipForecasts = !spec.detector.includes(FORECAST_DETECTOR);
  let forecasts = 0;
  do {
    const page = await alerts.list({
      ...(spec.area.length > 0 ? { area: spec.area } : {}),
      ...(spec.detector.length > 0 ? { detector: spec.detector } : {}),
      ...(spec.severity.length > 0 ? { severity: spec.severity } : {}),
      limit: READ_PAGE,
      ...(cursor ? { cursor } : {}),
    });
    for (const alert of page.items) {
      if (skipForecasts && alert.detector === FORECAST_DETECTOR) {
        forecasts++;
        continue;
      }
      read++;
      const key = bucketStart(alert.occurredAt, options.unit);
      const total = totals.get(key);
      if (total) {
        total.sum++;
        total.events++;
      } else totals.set(key, { sum: 1, events: 1 });
    }
    cursor = page.nextCursor;
  } while (cursor);
  const buckets = bucketsFromTotals(totals, options.unit, { until: options.now });
  const notes = [
    `${read} stored alerts${describe(spec)}, by the time their event occurred; repeats folded into an alert count once`,
  ];
  if (forecasts > 0) notes.push(`${forecasts} ${FORECAST_DETECTOR} alerts (the forecasts' own) left out`);
  const unfinished = unfinishedBucketNote(buckets.outside, options.unit, options.now);
  if (unfinished) notes.push(unfinished);
  return {
    name: `alerts per ${options.unit}${describe(spec)}`,
    unit: options.unit,
    measure: 'count',
    starts: buckets.starts,
    values: buckets.values,
    notes,
  };
}
