import type { ForecastReport } from '../../../src/intel/forecast/series/forecastReport.js';
import type { TrendBurst, TrendSeries, Trends } from '../../../src/intel/pipeline/intelTrends.js';
import type { IntelDocument } from '../../../src/store/types.js';
import type { ArgusApi } from '../api.js';

export type { ForecastReport, TrendBurst, TrendSeries, Trends };

export const ENTITY_KINDS = ['technique', 'protocol', 'package', 'cve'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];
export const BUCKETS = ['day', 'week', 'month'] as const;
export type Bucket = (typeof BUCKETS)[number];

/** A listed document: the API leaves out the source record. */
export type IntelDocumentSummary = Omit<IntelDocument, 'raw'>;

export interface TrendsQuery {
  kind: EntityKind;
  bucket: Bucket;
  /** Buckets shown, the open one included. */
  buckets: number;
  top: number;
}

export function fetchTrends(api: ArgusApi, q: TrendsQuery): Promise<Trends> {
  return api.get('/v1/intel/trends', { kind: q.kind, bucket: q.bucket, buckets: q.buckets, top: q.top });
}

export interface ForecastQuery {
  /** e.g. mentions:technique:flash-loan, alerts, alerts:area=intel. */
  series: string;
  bucket: Bucket;
  horizon: number;
  level: number;
}

export function fetchForecast(api: ArgusApi, q: ForecastQuery): Promise<ForecastReport> {
  return api.get('/v1/intel/forecast', {
    series: q.series,
    bucket: q.bucket,
    horizon: q.horizon,
    level: q.level,
  });
}

export interface DocumentsQuery {
  entityKind: string;
  entityValue: string;
  since?: number;
  until?: number;
  cursor?: string;
}

export function fetchDocuments(
  api: ArgusApi,
  q: DocumentsQuery,
  limit = 25,
): Promise<{ items: IntelDocumentSummary[]; nextCursor?: string }> {
  return api.get('/v1/intel/documents', {
    entityKind: q.entityKind,
    entityValue: q.entityValue,
    since: q.since,
    until: q.until,
    cursor: q.cursor,
    limit,
  });
}

/** The series spec of one entity's mentions, as GET /v1/intel/forecast takes it. */
export function mentionSeriesSpec(kind: string, value: string): string {
  return `mentions:${kind}:${value}`;
}
