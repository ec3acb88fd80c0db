import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiKeyRecord, ApiKeyRepository } from '../store/types.js';
import { apiKeyFromHeaders, hashApiKey } from './apiKeys.js';

declare module 'fastify' {
  interface FastifyRequest {
    apiKey?: ApiKeyRecord;
  }
}

export interface AuthOptions {
  repo: ApiKeyRepository;
  requireKeyForReads: boolean;
  /** Routes anyone may call (health, login page, the OpenAPI document). */
  publicPaths: ReadonlySet<string>;
}

const CACHE_MS = 30_000;
const TOUCH_EVERY_MS = 60_000;

/**
 * Checks the API key on every non-public request. Valid keys are cached briefly so a busy
 * client costs one hash per request, not one query; revocation takes effect within CACHE_MS.
 */
export function apiKeyGuard(options: AuthOptions) {
  const cache = new Map<string, { record: ApiKeyRecord; until: number }>();
  const lastTouch = new Map<string, number>();

  async function lookup(key: string): Promise<ApiKeyRecord | undefined> {
    const hash = hashApiKey(key);
    const now = Date.now();
    const hit = cache.get(hash);
    if (hit && hit.until > now) return hit.record;
    const record = await options.repo.findActiveByHash(hash);
    if (record) cache.set(hash, { record, until: now + CACHE_MS });
    else cache.delete(hash);
    return record;
  }

  return async function guard(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const path = request.url.split('?')[0] ?? '';
    if (options.publicPaths.has(path) || request.method === 'OPTIONS') return;
    const isRead = request.method === 'GET' || request.method === 'HEAD';
    const query = request.query as Record<string, unknown> | undefined;
    // EventSource cannot send headers, so the live stream alone also accepts ?access_token=.
    const fromQuery =
      path === '/v1/alerts/stream' && typeof query?.access_token === 'string'
        ? query.access_token
        : undefined;
    const key = apiKeyFromHeaders(request.headers) ?? fromQuery;
    if (!key) {
      if (isRead && !options.requireKeyForReads) return;
      return reply.code(401).send({
        code: 'UNAUTHORIZED',
        message: 'an API key is required',
        hint: 'send "Authorization: Bearer <key>"; create one with `argus apikey create <name>`',
      });
    }
    const record = await lookup(key);
    if (!record) {
      return reply.code(401).send({
        code: 'UNAUTHORIZED',
        message: 'the API key is unknown or revoked',
        hint: 'check the key, or create a new one with `argus apikey create <name>`',
      });
    }
    request.apiKey = record;
    const now = Date.now();
    if ((lastTouch.get(record.id) ?? 0) + TOUCH_EVERY_MS < now) {
      lastTouch.set(record.id, now);
      await options.repo.touch(record.id, now);
    }
  };
}
