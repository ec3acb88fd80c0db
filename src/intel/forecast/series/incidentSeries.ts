import type { IntelDocumentRepository } from '../../../store/types.js';
import { bucketStart } from '../calendarBuckets.js';
import type { Series, StoreSeriesOptions } from './series.js';
import { bucketsFromTotals, unfinishedBucketNote } from './seriesBuckets.js';
import type { SeriesSpec } from './seriesSpec.js';

type IncidentsSpec = Extract<SeriesSpec, { kind: 'incidents' }>;

/**
 * Documents of one source per bucket of their publication time: a corpus of incident write-ups (the
 * DeFiHackLabs list ingested as text, one document per incident) becomes incidents per month. The
 * origin narrows it to the feeds or corpora whose origin contains the given text, since an origin is
 * stored as it was given at ingest (a relative path, a URL) and few users remember it exactly.
 */
export async function incidentSeries(
  documents: Pick<IntelDocumentRepository, 'all'>,
  spec: IncidentsSpec,
  options: StoreSeriesOptions,
): Promise<Series> {
  const totals = new Map<number, { sum: number; events: number }>();
  const origins = new Map<string, number>();
  for await (const doc of documents.all([spec.source])) {
    if (spec.origin !== undefined && !doc.origin.includes(spec.origin)) continue;
    origins.set(doc.origin, (origins.get(doc.origin) ?? 0) + 1);
    const key = bucketStart(doc.publishedAt, options.unit);
    const total = totals.get(key);
    if (total) {
      total.sum++;
      total.events++;
    } else totals.set(key, { sum: 1, events: 1 });
  }
  const buckets = bucketsFromTotals(totals, options.unit, { until: options.now });
  const listed = [...origins]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([origin, n]) => `${origin} (${n})`);
  const notes = [
    origins.size === 0
      ? `no ${spec.source} documents${spec.origin ? ` from an origin containing "${spec.origin}"` : ''}`
      : `${spec.source} documents by publication time from ${listed.join(', ')}${origins.size > 5 ? `, and ${origins.size - 5} more origins` : ''}`,
  ];
  const unfinished = unfinishedBucketNote(buckets.outside, options.unit, options.now);
  if (unfinished) notes.push(unfinished);
  return {
    name: `${spec.source}${spec.origin ? ` ${spec.origin}` : ''} documents per ${options.unit}`,
    unit: options.unit,
    measure: 'count',
    starts: buckets.starts,
    values: buckets.values,
    notes,
  };
}
