import { createHash, randomBytes } from 'node:crypto';
import { newId } from '../core/ids.js';
import type { ApiKeyRecord, ApiKeyRepository } from '../store/types.js';

const PREFIX = 'argus_';

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** Creates a key, stores only its hash, and returns the key: the one time it can be seen. */
export async function createApiKey(
  repo: ApiKeyRepository,
  name: string,
  now = Date.now(),
): Promise<{ key: string; record: ApiKeyRecord }> {
  const key = PREFIX + randomBytes(24).toString('base64url');
  const record: ApiKeyRecord = { id: newId('key', now), name, hash: hashApiKey(key), createdAt: now };
  await repo.create(record);
  return { key, record };
}

/** Reads the key from `Authorization: Bearer <key>` or `X-API-Key`. */
export function apiKeyFromHeaders(
  headers: Record<string, string | string[] | undefined>,
): string | undefined {
  const auth = headers.authorization;
  if (typeof auth === 'string' && auth.toLowerCase().startsWith('bearer ')) return auth.slice(7).trim();
  const header = headers['x-api-key'];
  return typeof header === 'string' ? header.trim() : undefined;
}
