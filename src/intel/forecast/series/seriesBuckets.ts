import { bucketLabel, bucketStart, nextBucketStart } from '../calendarBuckets.js';

/** The bucket units a forecast series can be read in (calendarBuckets.ts defines them). */
export const SERIES_UNITS = ['day', 'week', 'month'] as const;
export type SeriesUnit = (typeof SERIES_UNITS)[number];

export interface BucketedValues {
  /** Bucket starts, epoch ms, consecutive with no gaps. */
  starts: number[];
  values: Float64Array;
  /** Events that fell outside [from, until) and were left out. */
  outside: number;
}

/**
 * Sums values per bucket over every bucket from the one holding `from` (default: the earliest event)
 * up to, not including, the one holding `until` (default: the bucket after the latest event). Empty
 * buckets are zeros: a quiet week is an observation, not a gap. Events are folded into per-bucket
 * totals as they come, so a long history costs one number per bucket, not one object per event.
 */
export function bucketTotals(
  events: Iterable<{ at: number; value: number }>,
  unit: SeriesUnit,
  range: { from?: number; until?: number } = {},
): BucketedValues {
  const totals = new Map<number, { sum: number; events: number }>();
  for (const e of events) {
    const key = bucketStart(e.at, unit);
    const total = totals.get(key);
    if (total) {
      total.sum += e.value;
      total.events++;
    } else totals.set(key, { sum: e.value, events: 1 });
  }
  return bucketsFromTotals(totals, unit, range);
}

/** The same from totals already kept per bucket start (a store's GROUP BY, an async reader's map). */
export function bucketsFromTotals(
  totals: ReadonlyMap<number, { sum: number; events: number }>,
  unit: SeriesUnit,
  range: { from?: number; until?: number } = {},
): BucketedValues {
  let first = range.from === undefined ? undefined : bucketStart(range.from, unit);
  let last: number | undefined;
  for (const key of totals.keys()) {
    if (range.from === undefined) first = first === undefined ? key : Math.min(first, key);
    last = last === undefined ? key : Math.max(last, key);
  }
  const end =
    range.until !== undefined
      ? bucketStart(range.until, unit)
      : last !== undefined
        ? nextBucketStart(last, unit)
        : undefined;
  const starts: number[] = [];
  if (first !== undefined && end !== undefined) {
    for (let s = first; s < end; s = nextBucketStart(s, unit)) starts.push(s);
  }
  const values = new Float64Array(starts.length);
  const index = new Map(starts.map((s, i) => [s, i]));
  let outside = 0;
  for (const [key, total] of totals) {
    const i = index.get(key);
    if (i === undefined) outside += total.events;
    else values[i] = total.sum;
  }
  return { starts, values, outside };
}

/** The note a store series carries when events of the unfinished bucket (or later) were left out. */
export function unfinishedBucketNote(outside: number, unit: SeriesUnit, now: number): string | undefined {
  if (outside === 0) return undefined;
  const current = bucketLabel(bucketStart(now, unit), unit);
  return `${outside} in the current ${unit} (from ${current}) or later left out until it is complete`;
}
