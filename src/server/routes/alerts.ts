import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ALERT_STATUSES, AlertStatusSchema } from '../../core/alert.js';
import { AREAS } from '../../core/area.js';
import { NotFoundError } from '../../core/errors.js';
import { SEVERITIES } from '../../core/severity.js';
import type { AlertPipeline } from '../../respond/types.js';
import type { Store } from '../../store/types.js';
import { csvOf, csvStrings, cursorParam, IdParams, limitParam } from '../querySchemas.js';

export interface AlertRoutesDeps {
  store: Store;
  pipeline: AlertPipeline;
}

const ListQuery = z.object({
  area: csvOf(AREAS),
  detector: csvStrings,
  severity: csvOf(SEVERITIES),
  status: csvOf(ALERT_STATUSES),
  subject: z.string().min(1).max(256).optional(),
  since: z.coerce.number().int().nonnegative().optional().describe('epoch ms; alerts last seen at or after'),
  limit: limitParam,
  cursor: cursorParam,
});

const StatusBody = z.strictObject({
  status: AlertStatusSchema,
  note: z.string().max(2_000).optional(),
});

const IngestBody = z.union([
  z.object({ alerts: z.array(z.unknown()).min(1).max(1_000) }),
  z.record(z.string(), z.unknown()),
]);

export const alertRoutes: FastifyPluginAsyncZod<AlertRoutesDeps> = async (app, { store, pipeline }) => {
  app.get(
    '/v1/alerts',
    { schema: { tags: ['alerts'], summary: 'List alerts, newest first', querystring: ListQuery } },
    async (request) => {
      const q = request.query;
      const filter = {
        ...(q.area ? { area: q.area } : {}),
        ...(q.detector ? { detector: q.detector } : {}),
        ...(q.severity ? { severity: q.severity } : {}),
        ...(q.status ? { status: q.status } : {}),
        ...(q.subject ? { subjectId: q.subject } : {}),
        ...(q.since !== undefined ? { since: q.since } : {}),
      };
      const page = await store.alerts.list({
        ...filter,
        ...(q.limit ? { limit: q.limit } : {}),
        ...(q.cursor ? { cursor: q.cursor } : {}),
      });
      return { ...page, total: await store.alerts.count(filter) };
    },
  );

  app.post(
    '/v1/alerts',
    {
      schema: {
        tags: ['alerts'],
        summary:
          'Submit one alert, or {alerts: [...]} for a batch; bad items are rejected, the rest accepted',
        body: IngestBody,
      },
    },
    async (request, reply) => {
      const body = request.body as Record<string, unknown>;
      if (Array.isArray(body.alerts)) {
        const result = await pipeline.ingestBatch(body.alerts);
        return reply.code(result.rejected.length && !result.accepted.length ? 400 : 200).send({
          accepted: result.accepted.map((r) => ({
            id: r.alert.id,
            outcome: r.outcome,
            actions: r.actions.length,
          })),
          rejected: result.rejected,
        });
      }
      const result = await pipeline.ingest(body);
      return reply.code(result.outcome === 'created' ? 201 : 200).send(result);
    },
  );

  app.get(
    '/v1/alerts/:id',
    {
      schema: { tags: ['alerts'], summary: 'An alert with its actions and status history', params: IdParams },
    },
    async (request) => {
      const alert = await store.alerts.get(request.params.id);
      if (!alert) throw new NotFoundError('alert', request.params.id);
      const [actions, history] = await Promise.all([
        store.actions.list({ alertId: alert.id, limit: 500 }),
        store.alerts.statusHistory(alert.id),
      ]);
      return { alert, actions: actions.items, statusHistory: history };
    },
  );

  app.post(
    '/v1/alerts/:id/status',
    {
      schema: {
        tags: ['alerts'],
        summary: 'Acknowledge, resolve, mark false-positive or reopen an alert',
        params: IdParams,
        body: StatusBody,
      },
    },
    async (request) => {
      const by = request.apiKey ? `apikey:${request.apiKey.name}` : 'anonymous';
      return pipeline.setStatus({
        alertId: request.params.id,
        status: request.body.status,
        by,
        at: Date.now(),
        ...(request.body.note ? { note: request.body.note } : {}),
      });
    },
  );
};
