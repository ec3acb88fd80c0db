import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../store/sqlite/sqliteStore.js';
import type { Store } from '../../store/types.js';
import { createEntityExtractor } from '../nlp/entities.js';
import { createIntelSource } from '../sources/createIntelSource.js';
import type { IntelDocumentDraft, IntelSourceItem, IntelSourceReader } from '../sources/intelSource.js';
import { createDocumentAnnotator } from './annotateDocument.js';
import { ingestDocuments } from './ingestDocuments.js';

const FIXTURES = join(import.meta.dirname, '../sources/fixtures');
const annotate = createDocumentAnnotator(createEntityExtractor());

let store: Store;
beforeEach(() => {
  store = openSqliteStore({ path: ':memory:' });
});
afterEach(async () => {
  await store.close();
});

function draft(id: string, overrides: Partial<IntelDocumentDraft> = {}): IntelDocumentDraft {
  return {
    id,
    source: 'text',
    origin: 'memory',
    kind: 'text',
    title: `note ${id}`,
    body: 'A reentrancy bug in the vault let the attacker drain it.',
    publishedAt: Date.UTC(2024, 0, 1),
    modifiedAt: Date.UTC(2024, 0, 1),
    raw: '{}',
    ...overrides,
  };
}

/** A source over fixed items, remembering the cursor it was given. */
function memorySource(name: string, items: IntelSourceItem[], fail?: Error): IntelSourceReader {
  return {
    name,
    cursorKey: `intel:memory:${name}`,
    async *read(cursor) {
      if (cursor === 'done') return;
      for (const item of items) yield item;
      if (fail) throw fail;
    },
    nextCursor: () => 'done',
  };
}

describe('ingestDocuments', () => {
  it('stores the fixture OSV, feed and text sources with their entities and reports per-source counts', async () => {
    const sources = [
      createIntelSource(`osv:${join(FIXTURES, 'osv')}`),
      createIntelSource(`feed:${join(FIXTURES, 'feeds/security-blog.rss.xml')}`),
      createIntelSource(`text:${join(FIXTURES, 'text')}`),
    ];
    const result = await ingestDocuments(sources, { store, annotate });
    const [osv, feed, text] = result.sources;
    expect(osv).toMatchObject({
      read: 3,
      stored: 3,
      inserted: 3,
      updated: 0,
      rejected: 0,
      cursorMoved: true,
    });
    expect(feed?.stored).toBeGreaterThan(0);
    expect(text?.rejected).toBe(1);
    expect(text?.rejectedSamples[0]?.position).toMatch(/bad-date\.md/);
    for (const r of result.sources) {
      expect(r.read).toBe(r.stored + r.rejected);
      expect(r.cursor).toBeDefined();
    }
    // The advisory's aliases and affected package are entities though its text names neither.
    const semver = await store.intelDocuments.get('osv:GHSA-c2qf-rxjj-qqgw');
    expect(semver?.entities).toEqual(
      expect.arrayContaining([
        { kind: 'cve', value: 'CVE-2022-25883' },
        { kind: 'ghsa', value: 'GHSA-c2qf-rxjj-qqgw' },
        { kind: 'package', value: 'semver' },
      ]),
    );
    expect(result.touched).toEqual(expect.arrayContaining([{ kind: 'technique', value: 'reentrancy' }]));
    expect(await store.intelDocuments.count()).toBe(result.sources.reduce((sum, r) => sum + r.stored, 0));
  });

  it('reads nothing new on a second run: the cursors were saved', async () => {
    const specs = [`osv:${join(FIXTURES, 'osv')}`, `text:${join(FIXTURES, 'text')}`];
    await ingestDocuments(
      specs.map((s) => createIntelSource(s)),
      { store, annotate },
    );
    const again = await ingestDocuments(
      specs.map((s) => createIntelSource(s)),
      { store, annotate },
    );
    for (const r of again.sources)
      expect(r).toMatchObject({ read: 0, stored: 0, rejected: 0, cursorMoved: false });
    expect(again.touched).toEqual([]);
  });

  it('rejects a document the store would refuse with its reason and stores the rest of the batch', async () => {
    const source = memorySource('m', [
      { document: draft('text:a') },
      { document: draft('text:b', { publishedAt: 1.5 }) },
      { rejected: { source: 'm', position: 'item 3', reason: 'not a document' } },
      { document: draft('text:c') },
    ]);
    const [report] = (await ingestDocuments([source], { store, annotate, batchSize: 10 })).sources;
    expect(report).toMatchObject({ read: 4, stored: 2, rejected: 2, cursor: 'done' });
    expect(report?.rejectedSamples.map((r) => [r.position, r.reason])).toEqual([
      // The source's own rejects come as read; the store's at the batch's flush.
      ['item 3', 'not a document'],
      ['text:b', 'publishedAt is not a time (1.5)'],
    ]);
    expect(await store.intelDocuments.get('text:c')).toBeDefined();
  });

  it('reports a source that fails, keeps its cursor for a re-read, and runs the next source', async () => {
    const broken = memorySource('broken', [{ document: draft('text:x') }], new Error('disk on fire'));
    const fine = memorySource('fine', [{ document: draft('text:y') }]);
    const result = await ingestDocuments([broken, fine], { store, annotate });
    // The document read before the failure was still in the open batch: not stored, and the cursor
    // did not move, so the next run reads it again.
    expect(result.sources[0]).toMatchObject({
      stored: 0,
      cursor: undefined,
      cursorMoved: false,
      error: { code: 'SOURCE_FAILED', message: 'disk on fire' },
    });
    expect(result.sources[1]).toMatchObject({ stored: 1, cursor: 'done' });
    expect(await store.intelDocuments.count()).toBe(1);
    expect(await store.sourceCursors.get('intel:memory:broken')).toBeUndefined();
  });

  it('keeps only the first rejected samples but counts them all', async () => {
    const items: IntelSourceItem[] = Array.from({ length: 30 }, (_, i) => ({
      rejected: { source: 'm', position: `item ${i}`, reason: 'bad' },
    }));
    const [report] = (
      await ingestDocuments([memorySource('m', items)], { store, annotate, maxRejectedSamples: 5 })
    ).sources;
    expect(report?.rejected).toBe(30);
    expect(report?.rejectedSamples).toHaveLength(5);
  });
});
