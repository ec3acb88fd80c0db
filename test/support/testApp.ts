import { parse } from 'yaml';
import { type ArgusApp, createArgusApp } from '../../src/app.js';
import { type ArgusConfig, type ArgusConfigInput, ConfigSchema } from '../../src/core/config/schema.js';
import type { Logger } from '../../src/respond/logger.js';
import { parsePolicy } from '../../src/respond/policy/parsePolicy.js';
import { createApiKey } from '../../src/server/apiKeys.js';

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

export interface TestApp extends ArgusApp {
  key: string;
  config: ArgusConfig;
  auth: { authorization: string };
}

/** An Argus app on an in-memory SQLite store with the given policy, plus an API key for requests. */
export async function startTestApp(
  options: { policy?: string; config?: ArgusConfigInput } = {},
): Promise<TestApp> {
  const config = ConfigSchema.parse({
    ...options.config,
    store: { sqlite: { path: ':memory:' }, ...options.config?.store },
    server: { port: 0, ...options.config?.server },
  });
  const policy = parsePolicy(parse(options.policy ?? 'rules: []'), 'test policy', config.respond);
  const app = await createArgusApp({ config, baseDir: process.cwd(), policy, logger: silentLogger });
  const { key } = await createApiKey(app.store.apiKeys, 'test');
  return { ...app, key, config, auth: { authorization: `Bearer ${key}` } };
}

export function sampleAlert(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    area: 'monitor',
    detector: 'dormant-high-value',
    subject: { kind: 'account', id: 'acct-1', chain: 'ethereum', attributes: { jurisdiction: 'DE' } },
    severity: 'high',
    score: 0.9,
    title: 'Dormant account withdraws 250 ETH',
    explanation: 'inactive for 212 days, then a withdrawal 41 times its largest',
    evidence: [{ kind: 'feature', name: 'dormancy_days', value: 212, baseline: 3 }],
    ...overrides,
  };
}
