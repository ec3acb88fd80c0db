import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ActionRecord } from '../core/action.js';
import { ManualClock } from '../core/clock.js';
import type { Store } from '../store/types.js';
import type { ActionExecutor } from './actions/executor.js';
import { PermanentActionError } from './actions/executor.js';
import { Dispatcher, type DispatcherOptions } from './dispatcher.js';
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

const respond = respondConfig({
  webhooks: {
    ops: webhookEndpoint('https://ops.example', { maxAttempts: 5, backoff: { baseMs: 100, maxMs: 1_000 } }),
  },
  dispatcher: { pollMs: 60_000, concurrency: 2 },
});
const policy = policyFromYaml(
  'rules: [{ name: page ops, actions: [{ type: webhook, endpoint: ops }] }]',
  respond,
);

let store: Store;
let clock: ManualClock;
let bus: EventBus;
let updates: ActionRecord[];
let dispatchers: Dispatcher[];

beforeEach(async () => {
  store = await memoryStore();
  clock = new ManualClock(T0);
  bus = new EventBus();
  updates = [];
  dispatchers = [];
  bus.subscribe((event) => {
    if (event.type === 'action-updated') updates.push(event.action);
  });
});
afterEach(async () => {
  await Promise.all(dispatchers.map((d) => d.stop()));
});

function dispatcher(webhook: ActionExecutor, options: Partial<DispatcherOptions> = {}): Dispatcher {
  const created = new Dispatcher({
    store,
    respond,
    clock,
    bus,
    random: () => 0.5,
    executors: { webhook },
    ...options,
  });
  dispatchers.push(created);
  return created;
}

/** Orders `n` webhook actions through the pipeline, as an earlier (or this) process would. */
async function order(n = 1, onActionsQueued?: () => void): Promise<ActionRecord[]> {
  const pipeline = createPipeline({
    store,
    config: respond,
    policy,
    clock,
    ...(onActionsQueued ? { onActionsQueued } : {}),
  });
  const results = await Promise.all(
    Array.from({ length: n }, (_, i) =>
      pipeline.ingest(alertInput({ subject: { kind: 'account', id: `acct-${i}` } })),
    ),
  );
  return results.flatMap((r) => r.actions);
}

const succeeding: ActionExecutor = { execute: async () => ({ status: 200 }) };
const failing = (error: () => Error): ActionExecutor => ({
  execute: async () => {
    throw error();
  },
});

describe('Dispatcher.runOnce', () => {
  it('carries out a due action, records success with its result, and emits action-updated', async () => {
    const [action] = await order();
    expect(await dispatcher(succeeding).runOnce()).toBe(1);
    const done = await store.actions.get(action?.id ?? '');
    expect(done).toMatchObject({
      status: 'succeeded',
      attempts: 1,
      result: { status: 200 },
      completedAt: T0,
    });
    expect(updates).toEqual([done]);
    expect((await store.actions.events(action?.id ?? '')).map((e) => e.kind)).toEqual([
      'queued',
      'succeeded',
    ]);
  });

  it('retries with full-jitter exponential backoff, then dead-letters after maxAttempts', async () => {
    const [ordered] = await order();
    const id = ordered?.id ?? '';
    const worker = dispatcher(failing(() => new Error('HTTP 503')));
    const schedule: number[] = [];
    for (let attempt = 1; attempt <= 4; attempt++) {
      expect(await worker.runOnce()).toBe(1);
      const action = await store.actions.get(id);
      expect(action).toMatchObject({ status: 'pending', attempts: attempt, lastError: 'HTTP 503' });
      const delay = (action?.nextAttemptAt ?? 0) - clock.now();
      schedule.push(delay);
      clock.advance(delay - 1);
      expect(await worker.runOnce()).toBe(0);
      clock.advance(1);
    }
    // random() = 0.5 of min(1000, 100 * 2^(attempt-1))
    expect(schedule).toEqual([50, 100, 200, 400]);
    expect(await worker.runOnce()).toBe(1);
    expect(await store.actions.get(id)).toMatchObject({ status: 'dead-letter', attempts: 5 });
    expect((await store.actions.events(id)).map((e) => e.kind)).toEqual([
      'queued',
      'attempt-failed',
      'attempt-failed',
      'attempt-failed',
      'attempt-failed',
      'dead-lettered',
    ]);
    clock.advance(10_000);
    expect(await worker.runOnce()).toBe(0);
  });

  it('fails a permanent error at once, without retries, and logs it', async () => {
    const [ordered] = await order();
    const logger = recordingLogger();
    await dispatcher(
      failing(() => new PermanentActionError('HTTP 410')),
      { logger },
    ).runOnce();
    expect(await store.actions.get(ordered?.id ?? '')).toMatchObject({
      status: 'failed',
      attempts: 1,
      lastError: 'HTTP 410',
    });
    expect(logger.lines).toEqual([
      {
        level: 'warn',
        message: `action ${ordered?.id} (webhook): attempt 1/5 failed: HTTP 410; not retried (permanent)`,
      },
    ]);
  });

  it('picks up actions left pending by a process that stopped before running them', async () => {
    await order(3);
    expect(await dispatcher(succeeding).runOnce()).toBe(2);
    expect(await dispatcher(succeeding).runOnce()).toBe(1);
    expect((await store.actions.list({ status: ['succeeded'] })).items).toHaveLength(3);
  });

  it('attempts an action claimed by a worker that died once its lease has expired', async () => {
    await order();
    await store.actions.claimDue(clock.now(), 10, clock.now() + 30_000);
    const worker = dispatcher(succeeding, { leaseMs: 30_000 });
    expect(await worker.runOnce()).toBe(0);
    clock.advance(30_000);
    expect(await worker.runOnce()).toBe(1);
  });

  it('logs an attempt it could not record and leaves the action to its lease', async () => {
    const [ordered] = await order();
    const logger = recordingLogger();
    const broken = {
      ...store,
      actions: { ...store.actions, recordAttempts: () => Promise.reject(new Error('database is locked')) },
    };
    await dispatcher(succeeding, { store: broken, logger }).runOnce();
    expect(logger.lines[0]?.message).toMatch(/cannot record attempt 1: database is locked/);
    expect(await store.actions.get(ordered?.id ?? '')).toMatchObject({ status: 'pending', attempts: 0 });
  });
});

describe('Dispatcher.retry', () => {
  it('requeues a dead-lettered action, which then runs again', async () => {
    const [ordered] = await order();
    const id = ordered?.id ?? '';
    let fail = true;
    const flaky: ActionExecutor = {
      execute: async () => (fail ? Promise.reject(new PermanentActionError('HTTP 400')) : { ok: true }),
    };
    const worker = dispatcher(flaky);
    await worker.runOnce();
    fail = false;
    expect(await worker.retry(id, 'alice')).toMatchObject({ status: 'pending', attempts: 0 });
    expect(await worker.runOnce()).toBe(1);
    expect((await store.actions.events(id)).map((e) => [e.kind, e.detail])).toEqual([
      ['queued', 'ordered by policy rule "page ops"'],
      ['attempt-failed', 'attempt 1/5 failed: HTTP 400; not retried (permanent)'],
      ['requeued', 'requeued by alice'],
      ['succeeded', '{"ok":true}'],
    ]);
  });
});

describe('Dispatcher.start', () => {
  /** An executor whose calls wait until released, to observe what runs at once. */
  function gated() {
    const waiting: (() => void)[] = [];
    let running = 0;
    let peak = 0;
    const executor: ActionExecutor = {
      execute: async () => {
        peak = Math.max(peak, ++running);
        await new Promise<void>((resolve) => waiting.push(resolve));
        running--;
        return {};
      },
    };
    return { executor, waiting, peak: () => peak };
  }

  const settled = (n: number) =>
    new Promise<void>((resolve) => {
      const check = () =>
        updates.filter((u) => u.status === 'succeeded').length >= n ? resolve() : setTimeout(check, 1);
      check();
    });

  it('is woken by the pipeline without waiting for the poll, and runs at most `concurrency` at once', async () => {
    const gate = gated();
    const worker = dispatcher(gate.executor);
    worker.start();
    await order(5, () => worker.wake());
    while (gate.waiting.length < 2) await new Promise((resolve) => setTimeout(resolve, 1));
    expect(gate.peak()).toBe(2);
    const release = setInterval(() => gate.waiting.shift()?.(), 1);
    await settled(5);
    clearInterval(release);
    expect(gate.peak()).toBe(2);
  });

  it('picks up pending actions from an earlier process when it starts', async () => {
    await order(3);
    dispatcher(succeeding).start();
    await settled(3);
    expect((await store.actions.list({ status: ['pending'] })).items).toEqual([]);
  });

  it('stop waits for the actions in flight', async () => {
    const gate = gated();
    const worker = dispatcher(gate.executor);
    await order();
    worker.start();
    while (gate.waiting.length < 1) await new Promise((resolve) => setTimeout(resolve, 1));
    let stopped = false;
    const stopping = worker.stop().then(() => {
      stopped = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(stopped).toBe(false);
    gate.waiting.shift()?.();
    await stopping;
    expect((await store.actions.list({ status: ['succeeded'] })).items).toHaveLength(1);
  });
});

describe('Dispatcher handoff from the pipeline', () => {
  it('carries out newly committed actions at once, without polling, leased away from other workers', async () => {
    const executed: string[] = [];
    const worker = dispatcher({
      execute: async (action) => {
        executed.push(action.id);
        return { ok: true };
      },
    });
    worker.start();
    const pipeline = createPipeline({ store, config: respond, policy, clock, bus, handoff: worker });
    const { actions } = await pipeline.ingest(alertInput());
    // pollMs is a minute: only the handoff can have started it.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(executed).toEqual(actions.map((a) => a.id));
    expect(await store.actions.get(actions[0]?.id ?? '')).toMatchObject({ status: 'succeeded', attempts: 1 });
  });

  it('writes handed-over actions leased, so a second worker does not run them too', async () => {
    const worker = dispatcher({ execute: () => new Promise(() => {}) });
    worker.start();
    const pipeline = createPipeline({ store, config: respond, policy, clock, bus, handoff: worker });
    await pipeline.ingest(alertInput());
    expect(await store.actions.claimDue(clock.now(), 10, clock.now() + 1_000)).toEqual([]);
    // Do not wait for the never-ending execution in afterEach.
    dispatchers.splice(dispatchers.indexOf(worker), 1);
  });

  it('does not lease to a stopped dispatcher: the actions stay claimable by polling', async () => {
    const worker = dispatcher({ execute: async () => ({ ok: true }) });
    const pipeline = createPipeline({ store, config: respond, policy, clock, bus, handoff: worker });
    const { actions } = await pipeline.ingest(alertInput());
    expect((await store.actions.claimDue(clock.now(), 10, clock.now() + 1_000)).map((a) => a.id)).toEqual(
      actions.map((a) => a.id),
    );
  });

  it('stop() finishes what was handed over before it returns', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const worker = dispatcher({ execute: async () => gate.then(() => ({ ok: true })) });
    worker.start();
    const pipeline = createPipeline({ store, config: respond, policy, clock, bus, handoff: worker });
    const ingested = await Promise.all(
      [1, 2, 3].map((i) => pipeline.ingest(alertInput({ subject: { kind: 'user', id: `u${i}` } }))),
    );
    const stopped = worker.stop();
    release();
    await stopped;
    for (const { actions } of ingested) {
      expect(await store.actions.get(actions[0]?.id ?? '')).toMatchObject({ status: 'succeeded' });
    }
  });
});
