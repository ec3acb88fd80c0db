import {
  type BucketUnit,
  bucketLabel,
  bucketRange,
  bucketStart,
  bucketsBefore,
  nextBucketStart,
} from '../forecast/calendarBuckets.js';

/**
 * Calendar buckets in UTC as the store's mentionCounts makes them: days, weeks starting on Monday and
 * months. The pipeline needs them to lay the store's sparse counts (only buckets with mentions come back)
 * onto a dense series, since a quiet bucket is data for a burst detector too.
 */
export type MentionBucket = BucketUnit;

export const MENTION_BUCKETS = ['week', 'day', 'month'] as const satisfies readonly MentionBucket[];

export { bucketLabel, bucketRange, bucketStart, bucketsBefore, nextBucketStart };

/** "the week of 2024-03-04", for explanations. */
export function bucketPhrase(start: number, unit: MentionBucket): string {
  return `${unit} of ${bucketLabel(start, unit)}`;
}
