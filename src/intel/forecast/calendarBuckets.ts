import { ArgusError } from '../../core/errors.js';

/**
 * Calendar buckets in UTC, the one definition every intel series uses so that they line up with the
 * store's mention counts: days (midnight), ISO weeks (Monday 00:00) and months (the first of the month).
 * Mention counts, incident counts and transfer volumes all become series this way before a burst
 * detector or a forecaster sees them.
 */
export type BucketUnit = 'day' | 'week' | 'month';

const DAY = 86_400_000;
const WEEK = 7 * DAY;
/** 1970-01-01 was a Thursday; Monday was three days earlier. */
const MONDAY_OFFSET = 3 * DAY;

const floorMod = (a: number, m: number) => ((a % m) + m) % m;

/** The start of the bucket holding t (epoch ms). */
export function bucketStart(t: number, unit: BucketUnit): number {
  if (unit === 'day') return t - floorMod(t, DAY);
  if (unit === 'week') return t - floorMod(t + MONDAY_OFFSET, WEEK);
  const date = new Date(t);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
}

/** The start of the bucket after the one starting at `start`. */
export function nextBucketStart(start: number, unit: BucketUnit): number {
  return bucketsBefore(start, unit, -1);
}

/** The start of the bucket `n` buckets before the one starting at `start` (n < 0: after). */
export function bucketsBefore(start: number, unit: BucketUnit, n: number): number {
  if (unit === 'day') return start - n * DAY;
  if (unit === 'week') return start - n * WEEK;
  const date = new Date(start);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - n, 1);
}

/** Every bucket start from the bucket of `from` to the bucket of `to`, inclusive. */
export function bucketRange(from: number, to: number, unit: BucketUnit): number[] {
  const starts: number[] = [];
  const last = bucketStart(to, unit);
  for (let s = bucketStart(from, unit); s <= last; s = nextBucketStart(s, unit)) starts.push(s);
  return starts;
}

/** "2024-03-04" for a day or a week (its Monday), "2024-03" for a month. */
export function bucketLabel(start: number, unit: BucketUnit): string {
  const iso = new Date(start).toISOString();
  return unit === 'month' ? iso.slice(0, 7) : iso.slice(0, 10);
}

export interface CalendarSeries {
  unit: BucketUnit;
  /** Bucket starts, epoch ms, consecutive with no gaps. */
  starts: Float64Array;
  /** Events per bucket, and the sum of their values. */
  counts: Float64Array;
  sums: Float64Array;
}

export interface DatedValue {
  at: number;
  /** Added to the bucket's sum; counted only when it is a finite number. */
  value?: number;
}

/**
 * Counts events (and sums their values) per bucket from the bucket of `from` (default: the earliest
 * event) to the bucket of `to` (default: the latest), inclusive; events outside are ignored. Empty
 * buckets are kept as zeros, since a quiet period is data too.
 */
export function calendarSeries(
  events: readonly DatedValue[],
  unit: BucketUnit,
  range: { from?: number; to?: number } = {},
): CalendarSeries {
  let first = range.from;
  let last = range.to;
  for (const event of events) {
    if (!Number.isFinite(event.at)) {
      throw new ArgusError('INPUT_INVALID', `an event has no valid time (${event.at})`, {
        hint: 'parse every date before bucketing',
      });
    }
    if (range.from === undefined) first = first === undefined ? event.at : Math.min(first, event.at);
    if (range.to === undefined) last = last === undefined ? event.at : Math.max(last, event.at);
  }
  const starts: number[] = [];
  if (first !== undefined && last !== undefined) {
    const end = bucketStart(last, unit);
    for (let s = bucketStart(first, unit); s <= end; s = nextBucketStart(s, unit)) starts.push(s);
  }
  const counts = new Float64Array(starts.length);
  const sums = new Float64Array(starts.length);
  const index = new Map(starts.map((s, i) => [s, i]));
  for (const event of events) {
    const i = index.get(bucketStart(event.at, unit));
    if (i === undefined) continue;
    counts[i] = (counts[i] as number) + 1;
    if (event.value !== undefined && Number.isFinite(event.value))
      sums[i] = (sums[i] as number) + event.value;
  }
  return { unit, starts: Float64Array.from(starts), counts, sums };
}
