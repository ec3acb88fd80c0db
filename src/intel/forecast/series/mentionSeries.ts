import type { IntelDocumentRepository } from '../../../store/types.js';
import { bucketStart } from '../calendarBuckets.js';
import type { Series, StoreSeriesOptions } from './series.js';
import { bucketsFromTotals, unfinishedBucketNote } from './seriesBuckets.js';
import type { SeriesSpec } from './seriesSpec.js';

type MentionsSpec = Extract<SeriesSpec, { kind: 'mentions' }>;

/**
 * Documents mentioning one entity per bucket of their publication time, from the store's mention
 * counts (a document mentioning it ten times counts once). Values are matched as stored: techniques
 * by their kebab-case names (reentrancy, flash-loan), ids upper-case (CVE-2021-23337).
 */
export async function mentionSeries(
  documents: Pick<IntelDocumentRepository, 'mentionCounts'>,
  spec: MentionsSpec,
  options: StoreSeriesOptions,
): Promise<Series> {
  const rows = await documents.mentionCounts({
    kind: spec.entityKind,
    value: spec.value,
    bucket: options.unit,
  });
  const totals = new Map<number, { sum: number; events: number }>();
  let mentions = 0;
  for (const row of rows) {
    // Re-bucketed here so that a store whose week starts elsewhere still lines up with the labels.
    const key = bucketStart(row.bucketStart, options.unit);
    const total = totals.get(key) ?? { sum: 0, events: 0 };
    total.sum += row.count;
    total.events += row.count;
    totals.set(key, total);
    mentions += row.count;
  }
  const buckets = bucketsFromTotals(totals, options.unit, { until: options.now });
  const notes = [`${mentions} documents mention ${spec.entityKind} "${spec.value}", by publication time`];
  const unfinished = unfinishedBucketNote(buckets.outside, options.unit, options.now);
  if (unfinished) notes.push(unfinished);
  return {
    name: `${spec.entityKind} ${spec.value} mentions per ${options.unit}`,
    unit: options.unit,
    measure: 'count',
    starts: buckets.starts,
    values: buckets.values,
    notes,
  };
}
