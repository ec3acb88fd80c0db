import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ACTION_STATUSES, type ActionRecord } from '../../core/action.js';
import { NotFoundError } from '../../core/errors.js';
import type { Store } from '../../store/types.js';
import { csvOf, csvStrings, cursorParam, IdParams, limitParam } from '../querySchemas.js';

export interface ActionRoutesDeps {
  store: Store;
  retry(actionId: string, by: string): Promise<ActionRecord>;
}

const ListQuery = z.object({
  status: csvOf(ACTION_STATUSES),
  type: csvStrings,
  alert: z.string().min(1).optional(),
  limit: limitParam,
  cursor: cursorParam,
});

export const actionRoutes: FastifyPluginAsyncZod<ActionRoutesDeps> = async (app, { store, retry }) => {
  app.get(
    '/v1/actions',
    {
      schema: {
        tags: ['actions'],
        summary: 'Actions and their outcomes; ?status=dead-letter lists the dead-letter queue',
        querystring: ListQuery,
      },
    },
    async (request) => {
      const q = request.query;
      return store.actions.list({
        ...(q.status ? { status: q.status } : {}),
        ...(q.type ? { type: q.type } : {}),
        ...(q.alert ? { alertId: q.alert } : {}),
        ...(q.limit ? { limit: q.limit } : {}),
        ...(q.cursor ? { cursor: q.cursor } : {}),
      });
    },
  );

  app.get(
    '/v1/actions/:id',
    { schema: { tags: ['actions'], summary: 'An action with its audit trail', params: IdParams } },
    async (request) => {
      const action = await store.actions.get(request.params.id);
      if (!action) throw new NotFoundError('action', request.params.id);
      return { action, events: await store.actions.events(action.id) };
    },
  );

  app.post(
    '/v1/actions/:id/retry',
    { schema: { tags: ['actions'], summary: 'Requeue a dead-lettered or failed action', params: IdParams } },
    async (request) =>
      retry(request.params.id, request.apiKey ? `apikey:${request.apiKey.name}` : 'anonymous'),
  );
};
