import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { KNOWN_CHAINS } from '../../core/chain.js';
import type { GraphScreeningService } from '../../graph/screening/graphScreeningService.js';

const AddressParams = z.object({
  chain: z.enum(KNOWN_CHAINS).describe('the chain, e.g. ethereum, bitcoin, tron'),
  address: z
    .string()
    .min(1)
    .max(128)
    .describe('the address, in any valid spelling of its chain (checked, then put in canonical form)'),
});

const AddressQuery = z.object({
  hops: z.coerce
    .number()
    .int()
    .min(1)
    .max(3)
    .default(2)
    .describe('how many transfers away from the address the drawn neighbourhood reaches'),
  maxNodes: z.coerce
    .number()
    .int()
    .min(2)
    .max(200)
    .default(60)
    .describe('at most this many addresses are drawn, the heaviest flows (and labelled ones) first'),
  bucket: z
    .enum(['auto', 'hour', 'day'])
    .default('auto')
    .describe('activity buckets; auto uses hours for up to three days of activity, days beyond'),
});

/** The dashboard's address page: one address on the stored transfer graph, with what surrounds it. */
export const addressRoutes: FastifyPluginAsyncZod<{ screening: GraphScreeningService }> = async (
  app,
  { screening },
) => {
  app.get(
    '/v1/addresses/:chain/:address',
    {
      schema: {
        tags: ['graph'],
        summary:
          'An address on the stored transfer graph: its labels, risk score and top sources, activity per hour or day, entity cluster, and its neighbourhood (nodes with labels and risk, edges with value and counts) pruned to the heaviest flows',
        params: AddressParams,
        querystring: AddressQuery,
      },
    },
    async (request) => screening.address({ ...request.params, ...request.query }),
  );
};
