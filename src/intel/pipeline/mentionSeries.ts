import type { IntelDocumentRepository } from '../../store/types.js';
import { bucketRange, bucketStart, type MentionBucket, nextBucketStart } from './buckets.js';

/** The range of JavaScript dates, so the search below starts with every document inside it. */
const MIN_TIME = -8.64e15;
const MAX_TIME = 8.64e15;

/**
 * The publication time of the oldest document in the store, or undefined when it is empty. Burst
 * baselines start there rather than at an entity's first mention: a name never mentioned in years of
 * stored writing has a baseline of zero, while a store that only began last week has no baseline yet.
 * The repository has no "oldest" query, so this bisects on count(until), which the published_at index
 * answers cheaply (about 54 counts).
 */
export async function earliestDocumentTime(documents: IntelDocumentRepository): Promise<number | undefined> {
  if ((await documents.count({ until: MAX_TIME })) === 0) return undefined;
  // Invariant: nothing was published before lo, something before hi.
  let lo = MIN_TIME;
  let hi = MAX_TIME;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if ((await documents.count({ until: mid })) > 0) hi = mid;
    else lo = mid;
  }
  return lo;
}

export interface EntitySeries {
  /** Bucket starts, consecutive, from the first bucket asked for (or mentioned) to the last. */
  starts: number[];
  counts: number[];
}

/**
 * Documents mentioning one entity per bucket, as a dense series from the bucket of `from` (or of the
 * first mention, if earlier) to the bucket of `to`, with zeros for quiet buckets. Mentions after `to`'s
 * bucket are not read.
 */
export async function entitySeries(
  documents: IntelDocumentRepository,
  query: { kind: string; value: string; bucket: MentionBucket; from?: number; to: number },
): Promise<EntitySeries> {
  const last = bucketStart(query.to, query.bucket);
  const rows = await documents.mentionCounts({
    kind: query.kind,
    value: query.value,
    bucket: query.bucket,
    until: nextBucketStart(last, query.bucket),
  });
  let first = query.from === undefined ? last : bucketStart(query.from, query.bucket);
  for (const row of rows) first = Math.min(first, row.bucketStart);
  const starts = bucketRange(first, last, query.bucket);
  const index = new Map(starts.map((s, i) => [s, i]));
  const counts = new Array<number>(starts.length).fill(0);
  for (const row of rows) {
    const i = index.get(row.bucketStart);
    if (i !== undefined) counts[i] = (counts[i] ?? 0) + row.count;
  }
  return { starts, counts };
}
