import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AREAS } from '../../core/area.js';
import { SEVERITIES, type Severity, severityRank } from '../../core/severity.js';
import type { PipelineEvent } from '../../respond/types.js';
import { csvOf } from '../querySchemas.js';
import type { SseHub } from '../sseHub.js';

const StreamQuery = z.object({
  area: csvOf(AREAS),
  minSeverity: z.enum(SEVERITIES).optional(),
  access_token: z.string().optional(),
});

function acceptsFor(areas: string[] | undefined, minSeverity: Severity | undefined) {
  const floor = minSeverity ? severityRank(minSeverity) : 0;
  return (event: PipelineEvent): boolean => {
    if (event.type === 'action-updated') return true;
    if (areas && !areas.includes(event.alert.area)) return false;
    return severityRank(event.alert.severity) >= floor;
  };
}

export const streamRoutes: FastifyPluginAsyncZod<{ hub: SseHub }> = async (app, { hub }) => {
  app.get(
    '/v1/alerts/stream',
    {
      schema: {
        tags: ['alerts'],
        summary:
          'Server-sent events: alert-created, alert-updated, action-updated. Resumes after Last-Event-ID.',
        querystring: StreamQuery,
      },
    },
    async (request, reply) => {
      const lastEventId = Number(request.headers['last-event-id']);
      reply.hijack();
      reply.raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      const detach = hub.attach(
        { res: reply.raw, accepts: acceptsFor(request.query.area, request.query.minSeverity) },
        Number.isSafeInteger(lastEventId) ? lastEventId : undefined,
      );
      request.raw.on('close', detach);
    },
  );
};
