import { beforeEach, describe, expect, it } from 'vitest';
import { type Alert, AlertInputSchema, dedupeKeyOf } from '../core/alert.js';
import { ManualClock } from '../core/clock.js';
import type { Store } from '../store/types.js';
import { DedupeIndex } from './dedupe.js';
import { createPipeline } from './pipeline.js';
import { alertInput, memoryStore, policyFromYaml, respondConfig, T0 } from './respond.fixture.js';

const WINDOW = 60_000;
const respond = respondConfig({ dedupeWindowMs: WINDOW });
const policy = policyFromYaml(`
rules:
  - name: hold when high
    match: { severity: { gte: high } }
    actions: [{ type: hold-transfer }]
  - name: notify from medium
    match: { severity: { gte: medium } }
    actions: [{ type: notify }]
`);

let store: Store;
let clock: ManualClock;
const pipelineOn = (target: Store) => createPipeline({ store: target, config: respond, policy, clock });

beforeEach(async () => {
  store = await memoryStore();
  clock = new ManualClock(T0);
});

describe('deduplication', () => {
  it('folds repeats within the window of the first sighting into one alert', async () => {
    const pipeline = pipelineOn(store);
    const first = await pipeline.ingest(alertInput({ severity: 'low', score: 0.3 }));
    clock.advance(WINDOW);
    const repeat = await pipeline.ingest(alertInput({ severity: 'low', score: 0.6 }));
    expect(repeat.outcome).toBe('deduplicated');
    expect(repeat.alert).toMatchObject({
      id: first.alert.id,
      count: 2,
      firstSeenAt: T0,
      lastSeenAt: T0 + WINDOW,
      score: 0.6,
    });
    expect(await store.alerts.get(first.alert.id)).toEqual(repeat.alert);
    clock.advance(1);
    const late = await pipeline.ingest(alertInput({ severity: 'low' }));
    expect(late.outcome).toBe('created');
    expect(late.alert.id).not.toBe(first.alert.id);
  });

  it('keeps different subjects, detectors and chains apart', async () => {
    const pipeline = pipelineOn(store);
    const subjects = [
      alertInput(),
      alertInput({ detector: 'other' }),
      alertInput({ subject: { kind: 'account', id: '0xabc123', chain: 'base' } }),
      alertInput({ subject: { kind: 'address', id: '0xabc123' } }),
    ];
    const outcomes = await Promise.all(subjects.map((input) => pipeline.ingest(input)));
    expect(outcomes.map((o) => o.outcome)).toEqual(['created', 'created', 'created', 'created']);
  });

  it('starts a new alert after the open one was resolved or marked a false positive, not when acknowledged', async () => {
    const pipeline = pipelineOn(store);
    const first = await pipeline.ingest(alertInput());
    await pipeline.setStatus({ alertId: first.alert.id, status: 'acknowledged', by: 'bob', at: T0 });
    expect((await pipeline.ingest(alertInput())).outcome).toBe('deduplicated');
    await pipeline.setStatus({ alertId: first.alert.id, status: 'resolved', by: 'bob', at: T0 });
    const second = await pipeline.ingest(alertInput());
    expect(second.outcome).toBe('created');
    await pipeline.setStatus({ alertId: second.alert.id, status: 'false-positive', by: 'bob', at: T0 });
    expect((await pipeline.ingest(alertInput())).outcome).toBe('created');
  });

  it('on escalation orders only the actions of rules that newly match, keeping the worst severity', async () => {
    const pipeline = pipelineOn(store);
    const first = await pipeline.ingest(alertInput({ severity: 'medium', score: 0.9 }));
    expect(first.actions.map((a) => a.rule)).toEqual(['notify from medium']);
    const same = await pipeline.ingest(alertInput({ severity: 'medium', score: 0.5 }));
    expect(same.actions).toEqual([]);
    const higher = await pipeline.ingest(alertInput({ severity: 'high', score: 0.5 }));
    expect(higher.alert).toMatchObject({ count: 3, severity: 'high', score: 0.9 });
    expect(higher.actions.map((a) => [a.rule, a.alertId])).toEqual([['hold when high', first.alert.id]]);
    const lower = await pipeline.ingest(alertInput({ severity: 'low' }));
    expect(lower.alert).toMatchObject({ count: 4, severity: 'high' });
    expect(lower.actions).toEqual([]);
    const critical = await pipeline.ingest(alertInput({ severity: 'critical' }));
    expect(critical.actions).toEqual([]);
    expect((await store.actions.list({ alertId: first.alert.id })).items).toHaveLength(2);
  });

  it('after a restart, a new pipeline on the same store folds into the alert the old one created', async () => {
    const first = await pipelineOn(store).ingest(alertInput());
    clock.advance(1_000);
    const afterRestart = await pipelineOn(store).ingest(alertInput({ severity: 'critical' }));
    expect(afterRestart.outcome).toBe('deduplicated');
    expect(afterRestart.alert).toMatchObject({ id: first.alert.id, count: 2, severity: 'critical' });
    const resolved = await pipelineOn(store).setStatus({
      alertId: first.alert.id,
      status: 'resolved',
      by: 'x',
      at: T0,
    });
    expect(resolved.status).toBe('resolved');
    expect((await pipelineOn(store).ingest(alertInput())).outcome).toBe('created');
  });

  it('concurrent ingests of one key create one alert with the right count, even with a slow store', async () => {
    const slowAlerts = {
      ...store.alerts,
      // Reads now, answers later: without serialisation every ingest would see "no open alert".
      findByDedupeKey: async (key: string, since: number) => {
        const found = await store.alerts.findByDedupeKey(key, since);
        await new Promise((resolve) => setTimeout(resolve, 2));
        return found;
      },
    };
    const pipeline = pipelineOn({ ...store, alerts: slowAlerts });
    const results = await Promise.all(Array.from({ length: 20 }, () => pipeline.ingest(alertInput())));
    expect(results.filter((r) => r.outcome === 'created')).toHaveLength(1);
    expect(await store.alerts.count({})).toBe(1);
    expect((await store.alerts.list({})).items[0]?.count).toBe(20);
    expect(results.map((r) => r.alert.count).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
  });
});

describe('DedupeIndex', () => {
  const alertAt = (id: string, firstSeenAt: number): Alert => {
    const input = AlertInputSchema.parse(alertInput({ subject: { kind: 'account', id } }));
    return {
      ...input,
      id: `alt_${id}`,
      dedupeKey: dedupeKeyOf(input),
      occurredAt: firstSeenAt,
      firstSeenAt,
      lastSeenAt: firstSeenAt,
      count: 1,
      status: 'open',
    };
  };

  it('holds at most maxEntries alerts, dropping the oldest', async () => {
    const index = new DedupeIndex(store.alerts, WINDOW, 3);
    for (const [i, id] of ['a', 'b', 'c', 'd', 'e'].entries()) index.remember(alertAt(id, T0 + i), T0 + i);
    expect(index.size).toBe(3);
    expect(await index.openAlert(alertAt('e', T0).dedupeKey, T0 + 5)).toMatchObject({ id: 'alt_e' });
    // 'a' was evicted and is not in the store either: it starts a new alert.
    expect(await index.openAlert(alertAt('a', T0).dedupeKey, T0 + 5)).toBeUndefined();
  });

  it('reads the store on a miss only while the window reaches back before what it has seen', async () => {
    let reads = 0;
    const counting = {
      ...store.alerts,
      findByDedupeKey: async (key: string, since: number) => {
        reads++;
        return store.alerts.findByDedupeKey(key, since);
      },
    };
    const index = new DedupeIndex(counting, WINDOW, 3, T0);
    const key = alertAt('z', T0).dedupeKey;
    await index.openAlert(key, T0 + WINDOW);
    expect(reads).toBe(1);
    // One window after the index started, every alert inside the window has passed through it.
    await index.openAlert(key, T0 + WINDOW + 1);
    expect(reads).toBe(1);

    // Evicting a live entry for room makes misses reach the store again, so nothing is forgotten.
    const evicted = alertAt('e0', T0 + WINDOW + 10);
    await store.pipeline.commitNew(evicted, []);
    index.remember(evicted, T0 + WINDOW + 10);
    for (const id of ['e1', 'e2', 'e3']) index.remember(alertAt(id, T0 + WINDOW + 20), T0 + WINDOW + 20);
    expect(await index.openAlert(evicted.dedupeKey, T0 + WINDOW + 30)).toMatchObject({ id: evicted.id });
    expect(reads).toBe(2);
  });

  it('drops alerts past the window as time goes on', () => {
    const index = new DedupeIndex(store.alerts, WINDOW);
    index.remember(alertAt('a', T0), T0);
    index.remember(alertAt('b', T0 + 10), T0 + 10);
    index.remember(alertAt('c', T0 + WINDOW + 5), T0 + WINDOW + 5);
    expect(index.size).toBe(2);
  });
});

describe('deduplication across processes', () => {
  it('starts a new alert, with its responses, when another process closed the cached one', async () => {
    const pipeline = pipelineOn(store);
    const first = await pipeline.ingest(alertInput({ severity: 'high' }));
    // The CLI resolves it straight in the store; this pipeline's cache still holds it as open.
    await store.alerts.setStatus({ alertId: first.alert.id, status: 'resolved', by: 'cli:bob', at: T0 + 1 });
    clock.advance(10);
    const next = await pipeline.ingest(alertInput({ severity: 'high' }));
    expect(next.outcome).toBe('created');
    expect(next.alert.id).not.toBe(first.alert.id);
    expect(next.actions.map((a) => a.type)).toEqual(['hold-transfer', 'notify']);
    expect(await store.alerts.get(first.alert.id)).toMatchObject({ status: 'resolved', count: 1 });
  });
});

describe('DedupeIndex.warm', () => {
  const counting = () => {
    const reads = { n: 0 };
    const alerts = {
      ...store.alerts,
      findByDedupeKey: async (key: string, since: number) => {
        reads.n++;
        return store.alerts.findByDedupeKey(key, since);
      },
    };
    return { reads, store: { ...store, alerts } as Store };
  };

  it('after a restart, folds repeats and starts new alerts without reading the store per alert', async () => {
    const before = await pipelineOn(store).ingest(alertInput({ subject: { kind: 'account', id: 'kept' } }));
    clock.advance(1_000);
    const { reads, store: watched } = counting();
    const restarted = pipelineOn(watched);
    const repeat = await restarted.ingest(alertInput({ subject: { kind: 'account', id: 'kept' } }));
    expect(repeat).toMatchObject({ outcome: 'deduplicated', alert: { id: before.alert.id, count: 2 } });
    const fresh = await restarted.ingest(alertInput({ subject: { kind: 'account', id: 'new' } }));
    expect(fresh.outcome).toBe('created');
    expect(reads.n).toBe(0);
  });

  it('when the window holds more than it can keep, falls back to the store for the older ones', async () => {
    const first = await pipelineOn(store).ingest(alertInput({ subject: { kind: 'account', id: 'old' } }));
    clock.advance(10);
    await pipelineOn(store).ingest(alertInput({ subject: { kind: 'account', id: 'young' } }));
    const { reads, store: watched } = counting();
    const small = createPipeline({ store: watched, config: respond, policy, clock, dedupeCacheEntries: 1 });
    const repeat = await small.ingest(alertInput({ subject: { kind: 'account', id: 'old' } }));
    expect(repeat).toMatchObject({ outcome: 'deduplicated', alert: { id: first.alert.id } });
    expect(reads.n).toBe(1);
  });
});
