import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ArgusError, NotFoundError, ValidationError } from '../../core/errors.js';
import { backtestSeries, DEFAULT_BACKTEST_ORIGINS } from '../../intel/forecast/series/backtestSeries.js';
import { forecastReport } from '../../intel/forecast/series/forecastReport.js';
import { forecastSeries, MIN_BUCKETS } from '../../intel/forecast/series/forecastSeries.js';
import { readSeries } from '../../intel/forecast/series/readSeries.js';
import { SERIES_UNITS } from '../../intel/forecast/series/seriesBuckets.js';
import { parseSeriesSpec, SERIES_FORMS, type SeriesSpec } from '../../intel/forecast/series/seriesSpec.js';
import { sentiment } from '../../intel/nlp/sentiment.js';
import { MENTION_BUCKETS } from '../../intel/pipeline/buckets.js';
import { type BurstSettings, DEFAULT_BURST_SETTINGS } from '../../intel/pipeline/burstSettings.js';
import { normaliseEntityValue } from '../../intel/pipeline/entityValue.js';
import { intelTrends } from '../../intel/pipeline/intelTrends.js';
import { searchDocuments } from '../../intel/pipeline/searchDocuments.js';
import { INTEL_SOURCES, type IntelDocument, type Store } from '../../store/types.js';
import { csvOf, cursorParam, limitParam, timeParam } from '../querySchemas.js';

const SearchQuery = z.object({
  q: z.string().trim().min(1).max(500).describe('words that must all occur; or ids such as CVE-2024-3094'),
  limit: limitParam,
});

const ListQuery = z.object({
  source: csvOf(INTEL_SOURCES),
  entityKind: z.string().min(1).max(32).optional().describe('with entityValue: documents mentioning it'),
  entityValue: z.string().min(1).max(512).optional().describe('e.g. reentrancy, CVE-2024-3094, aave'),
  since: timeParam('published at or after'),
  until: timeParam('published before'),
  limit: limitParam,
  cursor: cursorParam,
});

const TrendsQuery = z.object({
  kind: z.string().min(1).max(32).default('technique').describe('technique, protocol, package, cve, ...'),
  bucket: z.enum(MENTION_BUCKETS).optional().describe('default intel.bursts.bucket'),
  since: timeParam('first bucket shown; default `buckets` buckets back'),
  until: timeParam('the last bucket shown holds this; default now'),
  buckets: z.coerce.number().int().min(1).max(1_000).optional().describe('buckets shown without since (12)'),
  top: z.coerce
    .number()
    .int()
    .min(1)
    .max(100)
    .optional()
    .describe('entities shown, most mentioned first (10)'),
});

/** The store's series; a CSV file is the CLI's business (the API reads no files named by a client). */
const STORE_SERIES_FORMS = SERIES_FORMS.filter((form) => !form.startsWith('csv:'));
const SERIES_HINT = `use one of:\n  ${STORE_SERIES_FORMS.join('\n  ')}`;

const ForecastQuery = z.object({
  series: z
    .string()
    .trim()
    .min(1)
    .max(600)
    .describe(
      'mentions:<kind>:<value>, alerts[:area=..,detector=..,severity=..], transfers:<asset>[:<chain>], incidents:<source>[:<origin>]',
    ),
  bucket: z.enum(SERIES_UNITS).default('week').describe('calendar bucket (UTC)'),
  horizon: z.coerce.number().int().min(1).max(104).default(8).describe('buckets to forecast'),
  level: z.coerce
    .number()
    .gt(0, 'expected a coverage between 0 and 1, e.g. 0.8 or 0.95')
    .lt(1, 'expected a coverage between 0 and 1, e.g. 0.8 or 0.95')
    .default(0.95)
    .describe('coverage of the prediction intervals, e.g. 0.8 or 0.95'),
  origins: z.coerce
    .number()
    .int()
    .min(0)
    .max(104)
    .default(DEFAULT_BACKTEST_ORIGINS)
    .describe(
      'latest buckets checked by rolling origin (at least 4; each refits the model); 0 skips the check',
    ),
});

function seriesInvalid(message: string, hint: string): ValidationError {
  return new ValidationError('INPUT_INVALID', 'the series parameter', [{ path: 'series', message }], hint);
}

function parseStoreSeries(text: string): SeriesSpec {
  let spec: SeriesSpec;
  try {
    spec = parseSeriesSpec(text, 'series');
  } catch (error) {
    if (error instanceof ArgusError) throw seriesInvalid(error.message, SERIES_HINT);
    throw error;
  }
  if (spec.kind === 'csv') {
    throw seriesInvalid(
      'csv: series are files, which the API does not read',
      `forecast a file with \`argus intel forecast --series csv:<file>\`, or here one of:\n  ${STORE_SERIES_FORMS.join('\n  ')}`,
    );
  }
  return spec;
}

const DocumentParams = z.object({
  id: z
    .string()
    .min(1)
    .max(2_048)
    .describe('the document id, URL-encoded (text:notes/a.md#0 as text%3Anotes%2Fa.md%230)'),
});

/** Lists leave out the source record (an NVD CVE runs to kilobytes); one document carries it. */
function summary({ raw: _raw, ...rest }: IntelDocument): Omit<IntelDocument, 'raw'> {
  return rest;
}

/**
 * Threat intelligence read from the store: search, documents by source or entity, mention trends
 * with bursts and forecasts of stored series (the dashboard's charts). Ingest runs from the CLI
 * (`argus intel ingest`).
 */
export const intelRoutes: FastifyPluginAsyncZod<{ store: Store; bursts?: BurstSettings }> = async (
  app,
  { store, bursts = DEFAULT_BURST_SETTINGS },
) => {
  app.get(
    '/v1/intel/search',
    {
      schema: {
        tags: ['intel'],
        summary: 'Full-text search over advisories and texts, best match first (without raw records)',
        querystring: SearchQuery,
      },
    },
    async (request) => {
      const { q, limit } = request.query;
      const found = await searchDocuments(store.intelDocuments, q, limit ?? 20);
      return { items: found.map(summary) };
    },
  );

  app.get(
    '/v1/intel/documents',
    {
      schema: {
        tags: ['intel'],
        summary:
          'Documents newest first, by source, entity and publication time; cursor pages (without raw records)',
        querystring: ListQuery,
      },
    },
    async (request) => {
      const q = request.query;
      if ((q.entityKind === undefined) !== (q.entityValue === undefined)) {
        throw new ValidationError(
          'INPUT_INVALID',
          'the request querystring',
          [
            {
              path: q.entityKind === undefined ? 'entityKind' : 'entityValue',
              message: 'give entityKind and entityValue together',
            },
          ],
          'e.g. ?entityKind=technique&entityValue=reentrancy',
        );
      }
      const page = await store.intelDocuments.list({
        ...(q.source ? { source: q.source } : {}),
        ...(q.entityKind !== undefined && q.entityValue !== undefined
          ? { entity: { kind: q.entityKind, value: normaliseEntityValue(q.entityKind, q.entityValue) } }
          : {}),
        ...(q.since !== undefined ? { since: q.since } : {}),
        ...(q.until !== undefined ? { until: q.until } : {}),
        ...(q.limit !== undefined ? { limit: q.limit } : {}),
        ...(q.cursor ? { cursor: q.cursor } : {}),
      });
      return { items: page.items.map(summary), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
    },
  );

  // Ids carry slashes and '#' (text:notes/a.md#0, rss:https://…): clients URL-encode them.
  app.get(
    '/v1/intel/documents/:id',
    {
      schema: {
        tags: ['intel'],
        summary: 'One document with its entities, its source record and its sentiment',
        params: DocumentParams,
      },
    },
    async (request) => {
      const { id } = request.params;
      const document = await store.intelDocuments.get(id);
      if (!document) throw new NotFoundError('intel document', id);
      const mood = sentiment(`${document.title}\n${document.body}`);
      return { ...document, sentiment: { score: mood.score, terms: mood.terms } };
    },
  );

  app.get(
    '/v1/intel/trends',
    {
      schema: {
        tags: ['intel'],
        summary: 'Mentions per bucket of the most mentioned entities of a kind, with their EWMA bursts',
        querystring: TrendsQuery,
      },
    },
    async (request) => {
      const q = request.query;
      return intelTrends(
        store.intelDocuments,
        {
          kind: q.kind,
          bucket: q.bucket ?? bursts.bucket,
          ...(q.since !== undefined ? { since: q.since } : {}),
          ...(q.until !== undefined ? { until: q.until } : {}),
          ...(q.buckets !== undefined ? { buckets: q.buckets } : {}),
          ...(q.top !== undefined ? { top: q.top } : {}),
        },
        bursts,
      );
    },
  );

  app.get(
    '/v1/intel/forecast',
    {
      schema: {
        tags: ['intel'],
        summary:
          'Forecast of a stored series (ETS by AICc, seasonal naive beside it) with prediction intervals, a rolling-origin check and the buckets that left their interval',
        querystring: ForecastQuery,
      },
    },
    async (request) => {
      const q = request.query;
      const spec = parseStoreSeries(q.series);
      const series = await readSeries(spec, { unit: q.bucket, now: Date.now(), store });
      const n = series.values.length;
      if (n < MIN_BUCKETS) {
        throw seriesInvalid(
          `${series.name}: ${n} complete ${n === 1 ? q.bucket : `${q.bucket}s`} of history; a forecast needs at least ${MIN_BUCKETS} (five to fit, one to check)`,
          n > 0
            ? 'choose a shorter bucket (bucket=day), or wait for more data'
            : 'nothing stored matches this series: check its spelling (techniques are kebab-case, e.g. mentions:technique:flash-loan)',
        );
      }
      const options = { horizon: q.horizon, level: q.level };
      const result = forecastSeries(series, options);
      const backtest =
        q.origins === 0
          ? ({ ok: false, reason: 'not asked for (origins=0)', needed: 0, have: n } as const)
          : backtestSeries(series, { ...options, maxOrigins: q.origins });
      return forecastReport(series, result, backtest);
    },
  );
};
