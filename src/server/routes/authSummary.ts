import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ArgusAuth } from '../../auth/buildAuth.js';
import { DecisionSummaryBuilder, SUMMARY_BUCKETS, type SummaryBucket } from '../../auth/decisionSummary.js';
import { readDecisionSummary } from '../../auth/readDecisionSummary.js';
import { ValidationError } from '../../core/errors.js';
import type { Store } from '../../store/types.js';
import { timeParam } from '../querySchemas.js';

const DAY = 86_400_000;
/** Without since: the last week. */
const DEFAULT_SPAN_MS = 7 * DAY;
/** Without bucket: hours up to this span, days beyond it. */
const HOURLY_UP_TO_MS = 7 * DAY;
/** Buckets one answer may hold (about 83 days of hours, 5 years of days). */
export const MAX_SUMMARY_BUCKETS = 2_000;

const SummaryQuery = z.object({
  since: timeParam('window start, inclusive (default: a week before until)'),
  until: timeParam('window end, exclusive (default: now)'),
  bucket: z
    .enum(SUMMARY_BUCKETS)
    .optional()
    .describe('timeline bucket (default: hour for windows up to 7 days, else day)'),
  top: z.coerce.number().int().min(1).max(50).optional().describe('users and IPs listed (default 10)'),
});

export interface AuthSummaryRoutesDeps {
  auth: Pick<ArgusAuth, 'config' | 'flushDecisions'>;
  store: Pick<Store, 'authDecisions'>;
  /** The server's clock for the default window (tests). */
  now?: () => number;
}

function invalid(path: string, message: string, hint: string): ValidationError {
  return new ValidationError('INPUT_INVALID', 'the request querystring', [{ path, message }], hint);
}

/** The decision log summarised for the dashboard's authentication page. */
export const authSummaryRoutes: FastifyPluginAsyncZod<AuthSummaryRoutesDeps> = async (app, deps) => {
  const now = deps.now ?? Date.now;
  app.get(
    '/v1/auth/decisions/summary',
    {
      schema: {
        tags: ['auth'],
        summary:
          'Decisions over [since, until): outcomes per time bucket, the score histogram by outcome, reasons ranked by how often they fired, the thresholds in force, and the users and IPs most challenged or denied',
        querystring: SummaryQuery,
      },
    },
    async (request) => {
      const q = request.query;
      const until = q.until ?? now();
      const since = q.since ?? Math.max(0, until - DEFAULT_SPAN_MS);
      if (since >= until) {
        throw invalid(
          'since',
          `since (${since}) must be before until (${until})`,
          'give since earlier than until, e.g. ?since=2024-03-01&until=2024-03-02',
        );
      }
      const bucket: SummaryBucket = q.bucket ?? (until - since <= HOURLY_UP_TO_MS ? 'hour' : 'day');
      const buckets = DecisionSummaryBuilder.bucketCount(since, until, bucket);
      if (buckets > MAX_SUMMARY_BUCKETS) {
        throw invalid(
          'bucket',
          `the window holds ${buckets} ${bucket} buckets; at most ${MAX_SUMMARY_BUCKETS} are answered`,
          bucket === 'hour' ? 'use bucket=day or a shorter window' : 'use a shorter window',
        );
      }
      // Decisions are written in batches: the ones still waiting belong in the summary too.
      await deps.auth.flushDecisions();
      const { challengeAt, denyAt } = deps.auth.config;
      return readDecisionSummary(deps.store.authDecisions, {
        since,
        until,
        bucket,
        thresholds: { challengeAt, denyAt },
        ...(q.top === undefined ? {} : { top: q.top }),
      });
    },
  );
};
