import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Alert, type AlertInput, AlertInputSchema, dedupeKeyOf } from '../../core/alert.js';
import { ConfigSchema } from '../../core/config/schema.js';
import { openSqliteStore } from '../../store/sqlite/sqliteStore.js';
import type { IntelDocument, Store } from '../../store/types.js';
import { detectBursts } from './detectBursts.js';

const DAY = 86_400_000;
const WEEK = 7 * DAY;
/** A Wednesday: the open week began on Monday 2024-06-03. */
const NOW = Date.UTC(2024, 5, 5, 12);
const OPEN_WEEK = Date.UTC(2024, 5, 3);
const settings = ConfigSchema.parse({}).intel.bursts;

let store: Store;
let seq = 0;
beforeEach(() => {
  store = openSqliteStore({ path: ':memory:' });
});
afterEach(async () => {
  await store.close();
});

/** `n` documents mentioning these entities, published in the week starting at `week`, on its Monday and Tuesday. */
async function add(week: number, n: number, entities: IntelDocument['entities']): Promise<void> {
  const docs: IntelDocument[] = Array.from({ length: n }, (_, i) => {
    const at = week + (i % 2) * DAY + 3_600_000;
    seq++;
    return {
      id: `text:doc-${seq}`,
      source: 'text',
      origin: 'test',
      kind: 'text',
      title: `document ${seq}`,
      body: entities.map((e) => e.value).join(', '),
      publishedAt: at,
      modifiedAt: at,
      raw: '{}',
      entities,
    };
  });
  await store.intelDocuments.upsertMany(docs);
}

const reentrancy = { kind: 'technique', value: 'reentrancy' };
const flashLoan = { kind: 'technique', value: 'flash-loan' };

/** Stores what it is given as the pipeline would (without its dedupe window), so later runs see it. */
const alerts: AlertInput[] = [];
async function sink(inputs: AlertInput[]): Promise<void> {
  for (const input of inputs) {
    alerts.push(input);
    const parsed = AlertInputSchema.parse(input);
    const alert: Alert = {
      ...parsed,
      id: `alt-${alerts.length}`,
      dedupeKey: dedupeKeyOf(parsed),
      occurredAt: parsed.occurredAt ?? NOW,
      firstSeenAt: NOW,
      lastSeenAt: NOW,
      count: 1,
      status: 'open',
    };
    await store.pipeline.commitNew(alert, []);
  }
}
beforeEach(() => {
  alerts.length = 0;
});

/** Twenty quiet weeks before the open one: one reentrancy and two flash-loan documents a week. */
async function history(weeks = 20): Promise<void> {
  for (let w = weeks; w >= 1; w--) {
    await add(OPEN_WEEK - w * WEEK, 1, [reentrancy]);
    await add(OPEN_WEEK - w * WEEK, 2, [flashLoan]);
  }
}

describe('detectBursts', () => {
  it('raises one intel.burst alert, with the documents behind it, when a technique spikes in the open week', async () => {
    await history();
    await add(OPEN_WEEK, 8, [reentrancy]);
    await add(OPEN_WEEK, 2, [flashLoan]);
    const result = await detectBursts({
      store,
      entities: [reentrancy, flashLoan],
      settings,
      now: NOW,
      sink,
    });
    expect(result.bursts).toHaveLength(1);
    expect(result.bursts[0]).toMatchObject({
      ...reentrancy,
      startedAt: OPEN_WEEK,
      count: 8,
      outcome: 'raised',
    });
    expect(result.bursts[0]?.startZ).toBeGreaterThanOrEqual(settings.zThreshold);
    expect(alerts).toHaveLength(1);
    const alert = AlertInputSchema.parse(alerts[0]);
    expect(alert).toMatchObject({
      area: 'intel',
      detector: 'intel.burst',
      subject: { kind: 'other', id: 'reentrancy', attributes: { entityKind: 'technique' } },
      occurredAt: OPEN_WEEK,
    });
    const documents = alert.evidence.filter((e) => e.kind === 'fact' && e.name === 'document');
    expect(documents).toHaveLength(8);
    expect(alert.explanation).toContain('week of 2024-06-03');
  });

  it('stays quiet on the next run in the same burst: it was alerted before', async () => {
    await history();
    await add(OPEN_WEEK, 8, [reentrancy]);
    await detectBursts({ store, entities: [reentrancy], settings, now: NOW, sink });
    await add(OPEN_WEEK, 2, [reentrancy]);
    const again = await detectBursts({ store, entities: [reentrancy], settings, now: NOW + DAY, sink });
    expect(again.bursts.map((b) => b.outcome)).toEqual(['already-alerted']);
    expect(again.alerts).toEqual([]);
    expect(alerts).toHaveLength(1);
  });

  it('alerts on a burst that began in the last closed week though the open week is barely begun', async () => {
    await history();
    await add(OPEN_WEEK - WEEK, 9, [reentrancy]);
    const result = await detectBursts({
      store,
      entities: [reentrancy],
      settings,
      now: OPEN_WEEK + DAY,
      sink,
    });
    expect(result.alerts).toHaveLength(1);
    expect(result.bursts[0]?.startedAt).toBe(OPEN_WEEK - WEEK);
  });

  it('does not raise old news: a burst that began before the recent weeks, or has ended', async () => {
    await history();
    await add(OPEN_WEEK - 6 * WEEK, 9, [reentrancy]);
    await add(OPEN_WEEK - WEEK, 1, [reentrancy]);
    const result = await detectBursts({ store, entities: [reentrancy], settings, now: NOW, sink });
    expect(result.bursts).toEqual([]);
    expect(alerts).toEqual([]);
  });

  it('reads no history for entities with fewer than minCount recent mentions (a CVE named once)', async () => {
    await history();
    await add(OPEN_WEEK, 1, [{ kind: 'cve', value: 'CVE-2024-0001' }]);
    await add(OPEN_WEEK, 2, [{ kind: 'address', value: '0x0000000000000000000000000000000000000001' }]);
    const result = await detectBursts({
      store,
      entities: [{ kind: 'cve', value: 'CVE-2024-0001' }, flashLoan],
      settings,
      now: NOW,
      sink,
    });
    expect(result.checked).toBe(0);
  });

  it('flags a CVE that many documents suddenly name, against a baseline of none', async () => {
    await history();
    const cve = { kind: 'cve', value: 'CVE-2024-3094' };
    await add(OPEN_WEEK, 5, [cve]);
    const result = await detectBursts({ store, entities: [cve], settings, now: NOW, sink });
    expect(result.alerts).toHaveLength(1);
    expect(alerts[0]?.explanation).toContain('against no mentions before');
  });

  it('needs history: a store that only began this month has no baseline yet', async () => {
    await history(2);
    await add(OPEN_WEEK, 8, [reentrancy]);
    const result = await detectBursts({ store, entities: [reentrancy], settings, now: NOW, sink });
    expect(result.checked).toBe(1);
    expect(result.bursts).toEqual([]);
  });

  it('follows the configured bucket and thresholds', async () => {
    await history();
    await add(OPEN_WEEK, 8, [reentrancy]);
    const strict = { ...settings, zThreshold: 50 };
    expect(
      (await detectBursts({ store, entities: [reentrancy], settings: strict, now: NOW })).bursts,
    ).toEqual([]);
    // By day: the spike fell on Monday and Tuesday; on Wednesday the two latest days are Tuesday and
    // Wednesday, so the burst (begun Monday) is old news unless three days count as recent.
    const daily = { ...settings, bucket: 'day' as const };
    expect((await detectBursts({ store, entities: [reentrancy], settings: daily, now: NOW })).bursts).toEqual(
      [],
    );
    const threeDays = await detectBursts({
      store,
      entities: [reentrancy],
      settings: { ...daily, recentBuckets: 3 },
      now: NOW,
    });
    expect(threeDays.bursts.map((b) => [b.startedAt, b.count])).toEqual([[OPEN_WEEK, 8]]);
  });
});
