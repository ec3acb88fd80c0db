import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../../core/config/schema.js';
import { openStore } from '../../../store/openStore.js';
import type { IntelDocument, Store } from '../../../store/types.js';
import { bucketLabel } from '../calendarBuckets.js';
import { incidentSeries } from './incidentSeries.js';
import { mentionSeries } from './mentionSeries.js';

let store: Store;
let n = 0;

function doc(publishedAt: number, overrides: Partial<IntelDocument> = {}): IntelDocument {
  n++;
  return {
    id: `text:incidents/${n}.md#0`,
    source: 'text',
    origin: '/data/defihacklabs',
    kind: 'text',
    title: `incident ${n}`,
    body: 'body',
    publishedAt,
    modifiedAt: publishedAt,
    raw: '{}',
    entities: [],
    ...overrides,
  };
}

const m = (month: number, day = 10) => Date.UTC(2023, month, day);
const reentrancy = [{ kind: 'technique', value: 'reentrancy' }];

beforeAll(async () => {
  store = await openStore(ConfigSchema.parse({ store: { sqlite: { path: ':memory:' } } }).store, '.');
  await store.intelDocuments.upsertMany([
    doc(m(0), { entities: reentrancy }),
    doc(m(0, 20), { entities: [...reentrancy, { kind: 'technique', value: 'flash-loan' }] }),
    doc(m(2), { entities: reentrancy }),
    doc(m(3)),
    doc(m(5), { entities: reentrancy }), // the unfinished month
    doc(m(1), { origin: 'https://rekt.news/rss', source: 'rss', id: 'rss:1', entities: reentrancy }),
    doc(m(1), { origin: '/data/notes' }),
  ]);
});
afterAll(() => store.close());

const now = Date.UTC(2023, 5, 15);

describe('mentionSeries', () => {
  it('counts documents mentioning the entity per bucket, whatever their source', async () => {
    const s = await mentionSeries(
      store.intelDocuments,
      { kind: 'mentions', entityKind: 'technique', value: 'reentrancy' },
      { unit: 'month', now },
    );
    expect(s.name).toBe('technique reentrancy mentions per month');
    expect(s.starts.map((t) => bucketLabel(t, 'month'))).toEqual([
      '2023-01',
      '2023-02',
      '2023-03',
      '2023-04',
      '2023-05',
    ]);
    expect(Array.from(s.values)).toEqual([2, 1, 1, 0, 0]);
    expect(s.notes[0]).toBe('5 documents mention technique "reentrancy", by publication time');
    expect(s.notes[1]).toMatch(/^1 in the current month \(from 2023-06\)/);
  });

  it('is empty for an entity nobody mentions', async () => {
    const s = await mentionSeries(
      store.intelDocuments,
      { kind: 'mentions', entityKind: 'technique', value: 'rug-pull' },
      { unit: 'month', now },
    );
    expect(s.values).toHaveLength(0);
  });
});

describe('incidentSeries', () => {
  it('counts the documents of a source per bucket, narrowed to origins containing the text', async () => {
    const s = await incidentSeries(
      store.intelDocuments,
      { kind: 'incidents', source: 'text', origin: 'defihacklabs' },
      { unit: 'month', now },
    );
    expect(s.name).toBe('text defihacklabs documents per month');
    expect(Array.from(s.values)).toEqual([2, 0, 1, 1, 0]);
    expect(s.notes[0]).toBe('text documents by publication time from /data/defihacklabs (5)');
    const all = await incidentSeries(
      store.intelDocuments,
      { kind: 'incidents', source: 'text' },
      { unit: 'month', now },
    );
    expect(Array.from(all.values)).toEqual([2, 1, 1, 1, 0]);
    const none = await incidentSeries(
      store.intelDocuments,
      { kind: 'incidents', source: 'nvd' },
      { unit: 'month', now },
    );
    expect(none.values).toHaveLength(0);
    expect(none.notes[0]).toBe('no nvd documents');
  });
});
