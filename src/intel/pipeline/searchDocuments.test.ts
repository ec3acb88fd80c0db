import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../store/sqlite/sqliteStore.js';
import type { IntelDocument, Store } from '../../store/types.js';
import { searchDocuments } from './searchDocuments.js';

let store: Store;
const doc = (
  id: string,
  title: string,
  body: string,
  entities: IntelDocument['entities'],
  at: number,
): IntelDocument => ({
  id,
  source: id.startsWith('osv:') ? 'osv' : 'rss',
  origin: 'test',
  kind: 'advisory',
  title,
  body,
  publishedAt: at,
  modifiedAt: at,
  raw: '{}',
  entities,
});

beforeAll(async () => {
  store = openSqliteStore({ path: ':memory:' });
  await store.intelDocuments.upsertMany([
    doc(
      'osv:GHSA-c2qf-rxjj-qqgw',
      'semver vulnerable to ReDoS',
      'new Range is slow on untrusted input',
      [
        { kind: 'cve', value: 'CVE-2022-25883' },
        { kind: 'package', value: 'semver' },
      ],
      1_000,
    ),
    doc(
      'rss:1',
      'Patch semver now',
      'CVE-2022-25883 affects semver before 7.5.2',
      [{ kind: 'cve', value: 'CVE-2022-25883' }],
      2_000,
    ),
    doc('rss:2', 'Bridge drained', 'a signature replay drained the bridge', [], 3_000),
  ]);
});
afterAll(async () => {
  await store.close();
});

describe('searchDocuments', () => {
  it('finds an advisory by an alias its text never names, as well as texts that name it', async () => {
    const found = await searchDocuments(store.intelDocuments, 'cve-2022-25883');
    expect(found.map((d) => d.id).sort()).toEqual(['osv:GHSA-c2qf-rxjj-qqgw', 'rss:1']);
  });

  it('is plain full-text search when the query has words besides ids', async () => {
    expect((await searchDocuments(store.intelDocuments, 'CVE-2022-25883 semver')).map((d) => d.id)).toEqual([
      'rss:1',
    ]);
    expect((await searchDocuments(store.intelDocuments, 'drained')).map((d) => d.id)).toEqual(['rss:2']);
    expect(await searchDocuments(store.intelDocuments, 'nothing-like-this')).toEqual([]);
  });

  it('keeps to the limit', async () => {
    expect(await searchDocuments(store.intelDocuments, 'CVE-2022-25883', 1)).toHaveLength(1);
  });
});
