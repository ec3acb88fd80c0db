/**
 * Calendar buckets in UTC as the store's mentionCounts makes them: days, weeks starting on Monday and
 * months. The pipeline needs them to lay the store's sparse counts (only buckets with mentions come back)
 * onto a dense series, since a quiet bucket is data for a burst detector too.
 */
export type MentionBucket = 'day' | 'week' | 'month';

export const MENTION_BUCKETS = ['week', 'day', 'month'] as const satisfies readonly MentionBucket[];

const DAY = 86_400_000;
const WEEK = 7 * DAY;
/** 1970-01-01 was a Thursday; Monday was three days earlier. */
const MONDAY_OFFSET = 3 * DAY;

const floorMod = (a: number, m: number) => ((a % m) + m) % m;

/** The start of the bucket holding t (epoch ms). */
export function bucketStart(t: number, unit: MentionBucket): number {
  if (unit === 'day') return t - floorMod(t, DAY);
  if (unit === 'week') return t - floorMod(t + MONDAY_OFFSET, WEEK);
  const date = new Date(t);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
}

/** The start of the bucket after the one starting at `start`. */
export function nextBucketStart(start: number, unit: MentionBucket): number {
  if (unit === 'day') return start + DAY;
  if (unit === 'week') return start + WEEK;
  const date = new Date(start);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
}

/** The start of the bucket `n` buckets before the one starting at `start`. */
export function bucketsBefore(start: number, unit: MentionBucket, n: number): number {
  if (unit === 'day') return start - n * DAY;
  if (unit === 'week') return start - n * WEEK;
  const date = new Date(start);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - n, 1);
}

/** Every bucket start from the bucket of `from` to the bucket of `to`, inclusive. */
export function bucketRange(from: number, to: number, unit: MentionBucket): number[] {
  const starts: number[] = [];
  const last = bucketStart(to, unit);
  for (let s = bucketStart(from, unit); s <= last; s = nextBucketStart(s, unit)) starts.push(s);
  return starts;
}

/** "2024-03-04" for a day or a week (its Monday), "2024-03" for a month. */
export function bucketLabel(start: number, unit: MentionBucket): string {
  const iso = new Date(start).toISOString();
  return unit === 'month' ? iso.slice(0, 7) : iso.slice(0, 10);
}

/** "the week of 2024-03-04", for explanations. */
export function bucketPhrase(start: number, unit: MentionBucket): string {
  return `${unit} of ${bucketLabel(start, unit)}`;
}
