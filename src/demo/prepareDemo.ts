import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import type { ArgusConfig } from '../core/config/schema.js';
import { parsePolicy } from '../respond/policy/parsePolicy.js';
import type { Policy } from '../respond/policy/policy.js';
import { demoPolicyYaml } from './demoPolicy.js';
import { demoVaults } from './scenario.js';
import { type SinkDelivery, startWebhookSink } from './webhookSink.js';

export interface PreparedDemo {
  config: ArgusConfig;
  policy: Policy;
  storePath: string;
  close(): Promise<void>;
}

/**
 * Turns a user's config into the demo's: its own SQLite file (recreated each run so every
 * response fires again), the demo policy, and a loopback receiver standing in for the on-call
 * and custody webhooks.
 */
export async function prepareDemo(
  config: ArgusConfig,
  baseDir: string,
  onDelivery: (delivery: SinkDelivery) => void,
): Promise<PreparedDemo> {
  const secret = randomBytes(24).toString('base64url');
  const sink = await startWebhookSink(secret, onDelivery);
  const storePath = resolve(baseDir, '.argus/demo.db');
  for (const suffix of ['', '-wal', '-shm']) rmSync(storePath + suffix, { force: true });
  const endpoint = (path: string) => ({
    url: `${sink.url}${path}`,
    secret,
    timeoutMs: 2_000,
    maxAttempts: 4,
    backoff: { baseMs: 200, maxMs: 2_000 },
    headers: {},
  });
  const demoConfig: ArgusConfig = {
    ...config,
    store: { ...config.store, driver: 'sqlite', sqlite: { ...config.store.sqlite, path: storePath } },
    respond: {
      ...config.respond,
      webhooks: { ...config.respond.webhooks, ops: endpoint('/ops'), custody: endpoint('/custody') },
      coldStorage: { vaults: { ...demoVaults, ...config.respond.coldStorage.vaults } },
    },
  };
  const policy = parsePolicy(parse(demoPolicyYaml), 'demo policy', demoConfig.respond);
  return { config: demoConfig, policy, storePath, close: sink.close };
}
