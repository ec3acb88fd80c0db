import { parse } from 'yaml';
import type { ActionRecord, ActionSpec } from '../core/action.js';
import { type Alert, type AlertInput, AlertInputSchema, dedupeKeyOf } from '../core/alert.js';
import { ManualClock } from '../core/clock.js';
import { type ArgusConfigInput, ConfigSchema } from '../core/config/schema.js';
import { openSqliteStore } from '../store/sqlite/sqliteStore.js';
import type { Store } from '../store/types.js';
import type { ActionContext } from './actions/executor.js';
import type { Logger } from './logger.js';
import { parsePolicy } from './policy/parsePolicy.js';
import type { Policy } from './policy/policy.js';
import type { RespondConfig } from './types.js';

/** Shared by the respond tests: a fixed start time, valid inputs, config with defaults, an in-memory store. */
export const T0 = 1_700_000_000_000;

export const SECRET = 'test-secret-0123456789';

export function alertInput(overrides: Partial<AlertInput> = {}): AlertInput {
  return {
    area: 'monitor',
    detector: 'dormant-account',
    subject: { kind: 'account', id: '0xabc123', attributes: { jurisdiction: 'US', tier: 'vip' } },
    severity: 'high',
    score: 0.9,
    title: 'Withdrawal from a dormant account',
    explanation: 'First withdrawal after 400 days, 30x the usual amount.',
    ...overrides,
  };
}

/** The respond section with every default filled in, as loadConfig would produce it. */
export function respondConfig(respond: NonNullable<ArgusConfigInput['respond']> = {}): RespondConfig {
  return ConfigSchema.parse({ respond }).respond;
}

export function webhookEndpoint(url: string, extra: Record<string, unknown> = {}) {
  return {
    url,
    secret: SECRET,
    timeoutMs: 2_000,
    maxAttempts: 3,
    backoff: { baseMs: 5, maxMs: 20 },
    ...extra,
  };
}

export async function memoryStore(): Promise<Store> {
  const store = openSqliteStore({ path: ':memory:' });
  await store.migrate();
  return store;
}

export function policyFromYaml(yaml: string, respond: RespondConfig = respondConfig()): Policy {
  return parsePolicy(parse(yaml), 'test-policy.yaml', respond);
}

export interface RecordingLogger extends Logger {
  lines: { level: 'info' | 'warn' | 'error'; message: string }[];
}

export function recordingLogger(): RecordingLogger {
  const lines: RecordingLogger['lines'] = [];
  return {
    lines,
    info: (message) => lines.push({ level: 'info', message }),
    warn: (message) => lines.push({ level: 'warn', message }),
    error: (message) => lines.push({ level: 'error', message }),
  };
}

/** An alert as the store would hold it, for executor tests that do not need the pipeline. */
export function storedAlert(overrides: Partial<AlertInput> = {}, id = 'alt_test1'): Alert {
  const input = AlertInputSchema.parse(alertInput(overrides));
  return {
    ...input,
    id,
    dedupeKey: dedupeKeyOf(input),
    occurredAt: T0,
    firstSeenAt: T0,
    lastSeenAt: T0,
    count: 1,
    status: 'open',
  };
}

export function actionFor(alert: Alert, spec: ActionSpec, id = 'act_test1'): ActionRecord {
  return {
    id,
    alertId: alert.id,
    rule: 'test rule',
    type: spec.type,
    spec,
    status: 'pending',
    attempts: 0,
    maxAttempts: 3,
    idempotencyKey: id,
    nextAttemptAt: T0,
    createdAt: T0,
    updatedAt: T0,
  };
}

export function actionContext(store: Store, overrides: Partial<ActionContext> = {}): ActionContext {
  return {
    store,
    respond: respondConfig(),
    clock: new ManualClock(T0),
    logger: recordingLogger(),
    stdout: () => {},
    fetch: () => Promise.reject(new Error('no network in this test')),
    ...overrides,
  };
}
