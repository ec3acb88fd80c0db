import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NotFoundError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { TRANSFER_STATUSES, type Transfer, TransferInputSchema, transferIdOf } from '../../core/transfer.js';
import type { Store } from '../../store/types.js';
import { csvOf, cursorParam, IdParams, limitParam } from '../querySchemas.js';

const ReleaseBody = z.strictObject({ note: z.string().max(2_000).optional() });
const ListQuery = z.object({ status: csvOf(TRANSFER_STATUSES), limit: limitParam, cursor: cursorParam });

/** Pending withdrawals the exchange asks Argus about, and the holds the policy put on them. */
export const transferRoutes: FastifyPluginAsyncZod<{ store: Store }> = async (app, { store }) => {
  app.post(
    '/v1/transfers',
    {
      schema: {
        tags: ['transfers'],
        summary: 'Register a transfer (e.g. a pending withdrawal); idempotent by id or chain+txHash+logIndex',
        body: TransferInputSchema,
      },
    },
    async (request, reply) => {
      const input = request.body;
      const now = Date.now();
      const transfer: Transfer = {
        ...input,
        id: input.id ?? transferIdOf(input) ?? newId('trf', now),
        createdAt: now,
        updatedAt: now,
      };
      const result = await store.transfers.upsert(transfer);
      return reply.code(result.created ? 201 : 200).send(result.transfer);
    },
  );

  app.get(
    '/v1/transfers',
    {
      schema: {
        tags: ['transfers'],
        summary: 'List transfers; ?status=held for the holds',
        querystring: ListQuery,
      },
    },
    async (request) => {
      const q = request.query;
      return store.transfers.list({
        ...(q.status ? { status: q.status } : {}),
        ...(q.limit ? { limit: q.limit } : {}),
        ...(q.cursor ? { cursor: q.cursor } : {}),
      });
    },
  );

  app.get(
    '/v1/transfers/:id',
    { schema: { tags: ['transfers'], summary: 'A transfer and whether it is held', params: IdParams } },
    async (request) => {
      const transfer = await store.transfers.get(request.params.id);
      if (!transfer) throw new NotFoundError('transfer', request.params.id);
      return transfer;
    },
  );

  app.post(
    '/v1/transfers/:id/release',
    {
      schema: {
        tags: ['transfers'],
        summary: 'Release a held transfer',
        params: IdParams,
        body: ReleaseBody,
      },
    },
    async (request) =>
      store.transfers.release(request.params.id, {
        by: request.apiKey ? `apikey:${request.apiKey.name}` : 'anonymous',
        at: Date.now(),
        ...(request.body.note ? { note: request.body.note } : {}),
      }),
  );
};
