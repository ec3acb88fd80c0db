import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NotFoundError, ValidationError } from '../../core/errors.js';
import { sentiment } from '../../intel/nlp/sentiment.js';
import { MENTION_BUCKETS } from '../../intel/pipeline/buckets.js';
import { type BurstSettings, DEFAULT_BURST_SETTINGS } from '../../intel/pipeline/burstSettings.js';
import { normaliseEntityValue } from '../../intel/pipeline/entityValue.js';
import { intelTrends } from '../../intel/pipeline/intelTrends.js';
import { parseTime } from '../../intel/pipeline/parseTime.js';
import { searchDocuments } from '../../intel/pipeline/searchDocuments.js';
import { INTEL_SOURCES, type IntelDocument, type Store } from '../../store/types.js';
import { csvOf, cursorParam, limitParam } from '../querySchemas.js';

const timeParam = (what: string) =>
  z
    .string()
    .transform((s, ctx) => {
      const t = parseTime(s);
      if (t === undefined) {
        ctx.addIssue({ code: 'custom', message: 'expected a date (2024-01-01), an ISO time or epoch ms' });
        return z.NEVER;
      }
      return t;
    })
    .optional()
    .describe(what);

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
 * Threat intelligence read from the store: search, documents by source or entity, and mention trends
 * with bursts (the dashboard's chart). Ingest runs from the CLI (`argus intel ingest`).
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
};
