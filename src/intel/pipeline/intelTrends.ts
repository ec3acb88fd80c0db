import { ValidationError } from '../../core/errors.js';
import type { IntelDocumentRepository } from '../../store/types.js';
import { ewmaBursts } from '../bursts/ewmaZScore.js';
import {
  bucketLabel,
  bucketRange,
  bucketStart,
  bucketsBefore,
  type MentionBucket,
  nextBucketStart,
} from './buckets.js';
import { type BurstSettings, ewmaOptionsOf } from './burstSettings.js';
import { earliestDocumentTime, entitySeries } from './mentionSeries.js';

/** A window longer than this is refused: nobody reads it, and a day bucket since 1970 is 20,000 columns. */
export const MAX_TREND_BUCKETS = 1_000;

export interface TrendsQuery {
  kind: string;
  bucket: MentionBucket;
  /** First bucket shown (the bucket holding it); default `buckets` buckets back from the last. */
  since?: number;
  /** The last bucket shown holds this; default now. */
  until?: number;
  /** Buckets shown when since is not given; default 12. */
  buckets?: number;
  /** Entities shown, the most mentioned in the window first; default 10. */
  top?: number;
}

export interface TrendBurst {
  /** Starts of the first and last bucket of the burst (the last may be the open one). */
  start: number;
  end: number;
  count: number;
  /** What the baseline expected of the burst's buckets together. */
  baseline: number;
  startZ: number;
  peakZ: number;
  /** Still going on at the last bucket shown. */
  ongoing: boolean;
}

export interface TrendSeries {
  value: string;
  /** Mentions in the window. */
  total: number;
  /** One per window bucket. */
  counts: number[];
  /** Whether each window bucket is part of a burst. */
  inBurst: boolean[];
  /** Bursts that overlap the window (detected over the whole stored history). */
  bursts: TrendBurst[];
}

export interface Trends {
  kind: string;
  bucket: MentionBucket;
  /** Window bucket starts and their labels. */
  starts: number[];
  labels: string[];
  series: TrendSeries[];
  /** The detector's settings, so a reader knows what a burst means here. */
  detector: { method: 'ewma'; zThreshold: number; minCount: number; alpha: number; warmup: number };
}

/**
 * Mention volume of the most mentioned entities of one kind per bucket, with the bursts the EWMA
 * detector finds in each entity's whole history (so a burst at the window's left edge has the baseline
 * from before it). Feeds `argus intel trends` and GET /v1/intel/trends.
 */
export async function intelTrends(
  documents: IntelDocumentRepository,
  query: TrendsQuery,
  settings: BurstSettings,
  now: number = Date.now(),
): Promise<Trends> {
  const { bucket } = query;
  const last = bucketStart(query.until ?? now, bucket);
  const first =
    query.since !== undefined
      ? bucketStart(query.since, bucket)
      : bucketsBefore(last, bucket, Math.max(1, query.buckets ?? 12) - 1);
  if (first > last) {
    throw new ValidationError('INPUT_INVALID', 'trends window', [
      { path: 'since', message: `${new Date(first).toISOString()} is after the last bucket` },
    ]);
  }
  const starts = bucketRange(first, last, bucket);
  if (starts.length > MAX_TREND_BUCKETS) {
    throw new ValidationError(
      'INPUT_INVALID',
      'trends window',
      [
        {
          path: 'since',
          message: `the window has ${starts.length} ${bucket}s, more than ${MAX_TREND_BUCKETS}`,
        },
      ],
      'choose a later since or a longer bucket (week, month)',
    );
  }
  const end = nextBucketStart(last, bucket);
  const rows = await documents.mentionCounts({ kind: query.kind, bucket, since: first, until: end });
  const totals = new Map<string, number>();
  for (const row of rows) totals.set(row.value, (totals.get(row.value) ?? 0) + row.count);
  const top = [...totals]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, Math.max(1, query.top ?? 10));

  const origin = top.length > 0 ? await earliestDocumentTime(documents) : undefined;
  const series: TrendSeries[] = [];
  for (const [value, total] of top) {
    const full = await entitySeries(documents, {
      kind: query.kind,
      value,
      bucket,
      from: Math.min(origin ?? first, first),
      to: last,
    });
    const offset = full.starts.indexOf(first);
    const counts = full.counts.slice(offset);
    const inBurst = new Array<boolean>(counts.length).fill(false);
    const bursts: TrendBurst[] = [];
    for (const b of ewmaBursts(full.counts, ewmaOptionsOf(settings)).bursts) {
      if (b.end < offset) continue;
      for (let t = Math.max(b.start, offset); t <= b.end; t++) inBurst[t - offset] = true;
      bursts.push({
        start: full.starts[b.start] as number,
        end: full.starts[b.end] as number,
        count: b.count,
        baseline: b.baseline * (b.end - b.start + 1),
        startZ: b.startZ,
        peakZ: b.peakZ,
        ongoing: b.end === full.counts.length - 1,
      });
    }
    series.push({ value, total, counts, inBurst, bursts });
  }
  return {
    kind: query.kind,
    bucket,
    starts,
    labels: starts.map((s) => bucketLabel(s, bucket)),
    series,
    detector: {
      method: 'ewma',
      zThreshold: settings.zThreshold,
      minCount: settings.minCount,
      alpha: settings.alpha,
      warmup: settings.warmup,
    },
  };
}
