import { beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../core/clock.js';
import { NotFoundError, ValidationError } from '../core/errors.js';
import type { Store } from '../store/types.js';
import { EventBus } from './eventBus.js';
import { createPipeline } from './pipeline.js';
import {
  alertInput,
  memoryStore,
  policyFromYaml,
  recordingLogger,
  respondConfig,
  T0,
  webhookEndpoint,
} from './respond.fixture.js';
import type { PipelineEvent } from './types.js';

const respond = respondConfig({
  webhooks: { ops: webhookEndpoint('https://ops.example/hook', { maxAttempts: 7 }) },
});
const policy = policyFromYaml(
  `
rules:
  - name: hold dormant
    match: { detector: dormant-*, severity: { gte: high } }
    actions: [{ type: hold-transfer }, { type: webhook, endpoint: ops }]
  - name: tell someone
    match: { severity: [critical] }
    actions: [{ type: notify }]
`,
  respond,
);

let store: Store;
let clock: ManualClock;
let events: PipelineEvent[];
let wakes: number;
const logger = recordingLogger();

function pipelineOn(target: Store) {
  const bus = new EventBus();
  bus.subscribe((event) => events.push(event));
  return createPipeline({
    store: target,
    config: respond,
    policy,
    clock,
    bus,
    logger,
    onActionsQueued: () => wakes++,
  });
}

beforeEach(async () => {
  store = await memoryStore();
  clock = new ManualClock(T0);
  events = [];
  wakes = 0;
});

describe('pipeline.ingest', () => {
  it('stores a new alert and the actions its policy orders, in order', async () => {
    const pipeline = pipelineOn(store);
    const { alert, outcome, actions } = await pipeline.ingest(
      alertInput({ context: { transferId: 'tx-1' } }),
    );
    expect(outcome).toBe('created');
    expect(alert).toMatchObject({
      dedupeKey: 'monitor|dormant-account|account||0xabc123',
      occurredAt: T0,
      firstSeenAt: T0,
      lastSeenAt: T0,
      count: 1,
      status: 'open',
      evidence: [],
    });
    expect(alert.id).toMatch(/^alt_/);
    expect(await store.alerts.get(alert.id)).toEqual(alert);
    expect(
      actions.map((a) => [a.rule, a.type, a.status, a.attempts, a.maxAttempts, a.nextAttemptAt]),
    ).toEqual([
      ['hold dormant', 'hold-transfer', 'pending', 0, 3, T0],
      ['hold dormant', 'webhook', 'pending', 0, 7, T0],
    ]);
    for (const action of actions) {
      expect(action.id).toMatch(/^act_/);
      expect(action.idempotencyKey).toBe(action.id);
      expect(await store.actions.get(action.id)).toEqual(action);
      expect((await store.actions.events(action.id)).map((e) => e.kind)).toEqual(['queued']);
    }
  });

  it('emits alert-created, then action-updated per queued action, and wakes the dispatcher once', async () => {
    const { alert, actions } = await pipelineOn(store).ingest(alertInput());
    expect(events).toEqual([
      { type: 'alert-created', alert },
      ...actions.map((action) => ({ type: 'action-updated', action })),
    ]);
    expect(wakes).toBe(1);
    await pipelineOn(store).ingest(alertInput({ detector: 'other', severity: 'low' }));
    expect(wakes).toBe(1);
  });

  it('keeps the time the event happened when given', async () => {
    const { alert } = await pipelineOn(store).ingest(alertInput({ occurredAt: T0 - 60_000 }));
    expect(alert.occurredAt).toBe(T0 - 60_000);
  });

  it('rejects bad input with INPUT_INVALID naming each field, and stores nothing', async () => {
    const bad = { ...alertInput({ score: 1.5 }), subject: { kind: 'account', id: '' } };
    const error = await pipelineOn(store)
      .ingest(bad)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).code).toBe('INPUT_INVALID');
    expect((error as ValidationError).issues.map((i) => i.path)).toEqual(['subject.id', 'score']);
    expect(await store.alerts.count({})).toBe(0);
  });
});

describe('pipeline.ingestBatch', () => {
  it('stores the good items and rejects the bad ones with their errors', async () => {
    const result = await pipelineOn(store).ingestBatch([
      alertInput(),
      { area: 'mempool' },
      alertInput({ subject: { kind: 'user', id: 'bob' } }),
    ]);
    expect(result.accepted.map((r) => r.outcome)).toEqual(['created', 'created']);
    expect(result.rejected).toHaveLength(1);
    expect(result.rejected[0]?.index).toBe(1);
    expect(result.rejected[0]?.errors.map((e) => e.path)).toContain('area');
  });

  it('reports an item the store could not write as rejected, and logs it', async () => {
    const failing: Store = {
      ...store,
      pipeline: { ...store.pipeline, commitBatch: async () => Promise.reject(new Error('disk full')) },
    };
    const result = await pipelineOn(failing).ingestBatch([alertInput()]);
    expect(result.rejected).toEqual([{ index: 0, errors: [{ path: '', message: 'not stored: disk full' }] }]);
    expect(logger.lines.at(-1)).toEqual({
      level: 'error',
      message: 'ingestBatch: item 0 was not stored: disk full',
    });
  });
});

describe('pipeline.dryRun', () => {
  it('explains every rule and lists the actions without storing anything', async () => {
    const dry = pipelineOn(store).dryRun(alertInput({ severity: 'critical' }));
    expect(dry.alert.severity).toBe('critical');
    expect(dry.rules.map((r) => [r.rule, r.matched])).toEqual([
      ['hold dormant', true],
      ['tell someone', true],
    ]);
    expect(dry.rules[0]?.reasons).toEqual([
      "detector 'dormant-account' matches 'dormant-*': yes",
      'severity critical >= high: yes',
    ]);
    expect(dry.actions.map((a) => [a.rule, a.spec.type])).toEqual([
      ['hold dormant', 'hold-transfer'],
      ['hold dormant', 'webhook'],
      ['tell someone', 'notify'],
    ]);
    expect(await store.alerts.count({})).toBe(0);
    expect(() => pipelineOn(store).dryRun({})).toThrow(ValidationError);
  });
});

describe('pipeline.setStatus', () => {
  it('changes the status through the store and emits alert-updated', async () => {
    const pipeline = pipelineOn(store);
    const { alert } = await pipeline.ingest(alertInput({ severity: 'low' }));
    const updated = await pipeline.setStatus({
      alertId: alert.id,
      status: 'acknowledged',
      by: 'alice',
      at: T0 + 5,
    });
    expect(updated).toMatchObject({ status: 'acknowledged', statusBy: 'alice', statusAt: T0 + 5 });
    expect(events.at(-1)).toEqual({ type: 'alert-updated', alert: updated });
    expect(await store.alerts.statusHistory(alert.id)).toHaveLength(1);
  });

  it('reports an unknown alert as not found', async () => {
    const change = { alertId: 'alt_nope', status: 'resolved' as const, by: 'alice', at: T0 };
    await expect(pipelineOn(store).setStatus(change)).rejects.toBeInstanceOf(NotFoundError);
  });
});
