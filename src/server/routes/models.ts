import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NotFoundError, ValidationError } from '../../core/errors.js';
import type { Store } from '../../store/types.js';
import { timeParam } from '../querySchemas.js';

/** Rows one request may ask for; one more is read to tell whether the range held more. */
export const MODEL_HEALTH_ROUTE_MAX = 2_000;

const ModelParams = z.object({
  model: z
    .string()
    .min(1)
    .max(128)
    .regex(/^[A-Za-z0-9._:-]+$/, 'expected a model name such as "monitor"')
    .describe('the model, e.g. monitor'),
});

const HealthQuery = z.object({
  since: timeParam('checks at or after this (a date, an ISO time or epoch ms); default: all'),
  until: timeParam('checks before this; default: all'),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MODEL_HEALTH_ROUTE_MAX)
    .optional()
    .describe('rows returned, the latest of the range when it holds more (default 1,000)'),
});

/**
 * Model health for the dashboard: the drift checks and retrains the monitor records (PSI of its
 * recent scores against the training baseline, score histograms, alert rates, per-feature drift).
 */
export const modelRoutes: FastifyPluginAsyncZod<{ store: Store }> = async (app, { store }) => {
  app.get(
    '/v1/models/health',
    {
      schema: {
        tags: ['models'],
        summary: 'Every model with health checks, with its latest row (a drift check or a retrain)',
      },
    },
    async () => ({ items: await store.modelHealth.latest() }),
  );

  app.get(
    '/v1/models/:model/health',
    {
      schema: {
        tags: ['models'],
        summary:
          "A model's drift checks and retrains over time, oldest first: PSI and level, score bins now and at training, alert rates, per-feature PSI",
        params: ModelParams,
        querystring: HealthQuery,
      },
    },
    async (request) => {
      const { model } = request.params;
      const { since, until, limit = 1_000 } = request.query;
      if (since !== undefined && until !== undefined && since >= until) {
        throw new ValidationError(
          'INPUT_INVALID',
          'the request querystring',
          [{ path: 'since', message: 'since must be before until' }],
          'e.g. ?since=2024-03-01&until=2024-03-15',
        );
      }
      const rows = await store.modelHealth.list({
        model,
        ...(since !== undefined ? { since } : {}),
        ...(until !== undefined ? { until } : {}),
        limit: limit + 1,
      });
      if (rows.length === 0) {
        const known = (await store.modelHealth.latest()).some((m) => m.model === model);
        if (!known) throw new NotFoundError('model', model);
      }
      const truncated = rows.length > limit;
      return { model, items: truncated ? rows.slice(1) : rows, truncated };
    },
  );
};
