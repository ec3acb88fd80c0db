import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../store/sqlite/sqliteStore.js';
import type { IntelDocument, Store } from '../../store/types.js';
import { earliestDocumentTime, entitySeries } from './mentionSeries.js';

let store: Store;
beforeEach(() => {
  store = openSqliteStore({ path: ':memory:' });
});
afterEach(async () => {
  await store.close();
});

const doc = (id: string, at: number, entities: IntelDocument['entities'] = []): IntelDocument => ({
  id,
  source: 'text',
  origin: 't',
  kind: 'text',
  title: id,
  body: '',
  publishedAt: at,
  modifiedAt: at,
  raw: '{}',
  entities,
});

describe('earliestDocumentTime', () => {
  it('is undefined for an empty store and the exact oldest publication time otherwise', async () => {
    expect(await earliestDocumentTime(store.intelDocuments)).toBeUndefined();
    await store.intelDocuments.upsertMany([
      doc('a', Date.UTC(2024, 0, 1)),
      doc('b', -86_400_123),
      doc('c', 5),
    ]);
    expect(await earliestDocumentTime(store.intelDocuments)).toBe(-86_400_123);
  });
});

describe('entitySeries', () => {
  it('lays the sparse counts on consecutive buckets from the asked start to the bucket of `to`', async () => {
    const e = { kind: 'technique', value: 'reentrancy' };
    await store.intelDocuments.upsertMany([
      doc('a', Date.UTC(2024, 0, 3), [e]),
      doc('b', Date.UTC(2024, 0, 4), [e]),
      doc('c', Date.UTC(2024, 0, 20), [e]),
      doc('d', Date.UTC(2024, 1, 20), [e]),
    ]);
    const series = await entitySeries(store.intelDocuments, {
      ...e,
      bucket: 'week',
      from: Date.UTC(2023, 11, 25),
      to: Date.UTC(2024, 0, 22),
    });
    expect(series.starts.map((s) => new Date(s).toISOString().slice(0, 10))).toEqual([
      '2023-12-25',
      '2024-01-01',
      '2024-01-08',
      '2024-01-15',
      '2024-01-22',
    ]);
    // The February mention is after `to` and not read.
    expect(series.counts).toEqual([0, 2, 0, 1, 0]);
    // Without `from`, the series starts at the first mention.
    const fromFirst = await entitySeries(store.intelDocuments, {
      ...e,
      bucket: 'month',
      to: Date.UTC(2024, 1, 1),
    });
    expect(fromFirst.counts).toEqual([3, 1]);
  });
});
