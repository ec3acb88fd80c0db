import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { GraphScreeningService } from '../../graph/screening/graphScreeningService.js';

const address = z.string().min(1).max(128).describe('the address, in any valid spelling of its chain');
const chain = z
  .string()
  .min(1)
  .max(40)
  .default('ethereum')
  .describe('the chain, e.g. ethereum, bitcoin, tron');

const ScreenBody = z.strictObject({
  address,
  chain,
  hops: z
    .number()
    .int()
    .min(1)
    .max(8)
    .optional()
    .describe('how many transfers back funds are traced (default 3)'),
  paths: z.number().int().min(1).max(50).optional().describe('explaining paths kept per source (default 3)'),
});
const LinkabilityBody = z.strictObject({ address, chain });

/**
 * Sanctions/AML screening and privacy linkability over the transfer graph the monitor keeps in the store.
 * POST because a screen is a question about an address, which should not land in access logs.
 */
export const graphRoutes: FastifyPluginAsyncZod<{ screening: GraphScreeningService }> = async (
  app,
  { screening },
) => {
  app.post(
    '/v1/screen',
    {
      schema: {
        tags: ['graph'],
        summary:
          'Screen an address: its direct and indirect exposure to labelled sources (paths, haircut shares), a risk score in [0, 1] and the labels involved',
        body: ScreenBody,
      },
    },
    async (request) => {
      const { address, chain, hops, paths } = request.body;
      return screening.screen({
        address,
        chain,
        ...(hops === undefined ? {} : { hops }),
        ...(paths === undefined ? {} : { paths }),
      });
    },
  );

  app.post(
    '/v1/linkability',
    {
      schema: {
        tags: ['graph'],
        summary:
          'Linkability of an address: the share of its activity that clustering heuristics tie to other addresses, and the links that do it',
        body: LinkabilityBody,
      },
    },
    async (request) => screening.linkability(request.body),
  );
};
