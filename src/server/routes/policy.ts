import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AlertPipeline } from '../../respond/types.js';

export const policyRoutes: FastifyPluginAsyncZod<{ pipeline: AlertPipeline }> = async (app, { pipeline }) => {
  app.post(
    '/v1/policy/dry-run',
    {
      schema: {
        tags: ['policy'],
        summary: 'Which rules match this alert and which actions would fire; nothing is stored or done',
        body: z.record(z.string(), z.unknown()),
      },
    },
    async (request) => pipeline.dryRun(request.body),
  );
};
