import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../core/config/schema.js';
import { openSqliteStore } from '../../store/sqlite/sqliteStore.js';
import type { IntelDocument, Store } from '../../store/types.js';
import { intelTrends } from './intelTrends.js';

const DAY = 86_400_000;
const WEEK = 7 * DAY;
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

async function add(at: number, n: number, entities: IntelDocument['entities']): Promise<void> {
  const docs = Array.from({ length: n }, (): IntelDocument => {
    seq++;
    return {
      id: `text:t-${seq}`,
      source: 'text',
      origin: 'test',
      kind: 'text',
      title: `t ${seq}`,
      body: '',
      publishedAt: at,
      modifiedAt: at,
      raw: '{}',
      entities,
    };
  });
  await store.intelDocuments.upsertMany(docs);
}

const t = (value: string) => ({ kind: 'technique', value });

describe('intelTrends', () => {
  it('gives the top entities of a kind per bucket over the window, with zeros for quiet buckets', async () => {
    for (let w = 0; w < 20; w++) await add(OPEN_WEEK - w * WEEK + DAY, 1, [t('reentrancy')]);
    await add(OPEN_WEEK - 2 * WEEK, 3, [t('flash-loan')]);
    await add(OPEN_WEEK - 30 * WEEK, 5, [t('rug-pull')]);
    await add(OPEN_WEEK, 1, [{ kind: 'protocol', value: 'aave' }]);
    const trends = await intelTrends(
      store.intelDocuments,
      { kind: 'technique', bucket: 'week', buckets: 4 },
      settings,
      NOW,
    );
    expect(trends.labels).toEqual(['2024-05-13', '2024-05-20', '2024-05-27', '2024-06-03']);
    // rug-pull is outside the window; aave is another kind.
    expect(trends.series.map((s) => [s.value, s.total, s.counts])).toEqual([
      ['reentrancy', 4, [1, 1, 1, 1]],
      ['flash-loan', 3, [0, 3, 0, 0]],
    ]);
  });

  it('marks bursts found over the whole history, and keeps the top N', async () => {
    for (let w = 1; w <= 20; w++) await add(OPEN_WEEK - w * WEEK + DAY, 1, [t('reentrancy')]);
    await add(OPEN_WEEK - 6 * WEEK, 9, [t('reentrancy')]);
    await add(OPEN_WEEK - WEEK, 1, [t('flash-loan')]);
    const trends = await intelTrends(
      store.intelDocuments,
      { kind: 'technique', bucket: 'week', buckets: 8, top: 1 },
      settings,
      NOW,
    );
    expect(trends.series).toHaveLength(1);
    const [reentrancy] = trends.series;
    expect(reentrancy?.inBurst).toEqual([false, true, false, false, false, false, false, false]);
    expect(reentrancy?.bursts).toEqual([
      expect.objectContaining({
        start: OPEN_WEEK - 6 * WEEK,
        end: OPEN_WEEK - 6 * WEEK,
        count: 10,
        ongoing: false,
      }),
    ]);
  });

  it('takes since and until, and refuses a window it would not show', async () => {
    await add(Date.UTC(2024, 0, 10), 2, [t('reentrancy')]);
    const trends = await intelTrends(
      store.intelDocuments,
      { kind: 'technique', bucket: 'month', since: Date.UTC(2023, 10, 20), until: Date.UTC(2024, 1, 1) },
      settings,
      NOW,
    );
    expect(trends.labels).toEqual(['2023-11', '2023-12', '2024-01', '2024-02']);
    expect(trends.series[0]?.counts).toEqual([0, 0, 2, 0]);
    await expect(
      intelTrends(store.intelDocuments, { kind: 'technique', bucket: 'day', since: 0 }, settings, NOW),
    ).rejects.toThrow(/trends window/);
    await expect(
      intelTrends(
        store.intelDocuments,
        { kind: 'technique', bucket: 'week', since: NOW + 30 * DAY },
        settings,
        NOW,
      ),
    ).rejects.toThrow(/trends window/);
  });

  it('is empty for a kind nobody mentioned', async () => {
    const trends = await intelTrends(
      store.intelDocuments,
      { kind: 'technique', bucket: 'week' },
      settings,
      NOW,
    );
    expect(trends.series).toEqual([]);
    expect(trends.starts).toHaveLength(12);
  });
});
