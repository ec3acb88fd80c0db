import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ArgusError } from '../../core/errors.js';
import type { IntelDocumentDraft, IntelRejectedRecord, IntelSourceItem } from './intelSource.js';
import { collect } from './memoryCursors.fixture.js';
import { OsvSource } from './osvSource.js';

const fixtures = join(import.meta.dirname, 'fixtures');
const signal = new AbortController().signal;

function split(items: IntelSourceItem[]) {
  const documents: IntelDocumentDraft[] = [];
  const rejected: IntelRejectedRecord[] = [];
  for (const item of items) {
    if ('document' in item) documents.push(item.document);
    else if ('rejected' in item) rejected.push(item.rejected);
  }
  return { documents, rejected };
}

describe('OsvSource', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(join(tmpdir(), 'argus-osv-'));
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('reads a directory of OSV files (npm, PyPI, crates.io) into advisory documents', async () => {
    const path = join(fixtures, 'osv');
    const source = new OsvSource({ path });
    const { documents, rejected } = split(await collect(source.read(undefined, signal)));
    expect(rejected).toEqual([]);
    expect(documents.map((d) => d.id)).toEqual([
      'osv:RUSTSEC-2021-0145',
      'osv:GHSA-c2qf-rxjj-qqgw',
      'osv:GHSA-j8r2-6x86-q33q',
    ]);
    const semver = documents[1] as IntelDocumentDraft;
    expect(semver).toMatchObject({
      source: 'osv',
      origin: path,
      kind: 'advisory',
      title: 'semver vulnerable to Regular Expression Denial of Service',
      url: 'https://nvd.nist.gov/vuln/detail/CVE-2022-25883',
      publishedAt: Date.parse('2023-06-21T06:30:28Z'),
      modifiedAt: Date.parse('2023-11-07T05:03:14Z'),
    });
    expect(semver.body).toMatch(/^Versions of the package semver before 7\.5\.2/);
    const raw = JSON.parse(semver.raw);
    expect(raw.affected).toHaveLength(3);
    expect(raw.affected[0].ranges[0].events).toEqual([{ introduced: '7.0.0' }, { fixed: '7.5.2' }]);
    const atty = JSON.parse((documents[0] as IntelDocumentDraft).raw);
    expect(atty.affected[0].ranges[0].events[1]).toEqual({ last_affected: '0.2.14' });
    expect(atty.affected[0].ecosystem_specific.affects.os).toEqual(['windows']);
    // The cursor is the newest modified time seen, with the record stamped then.
    expect(JSON.parse(source.nextCursor() as string)).toEqual({
      at: '2024-06-10T18:36:55.000Z',
      ids: ['GHSA-j8r2-6x86-q33q'],
    });
  });

  it('reads an all.json-style array, rejecting malformed records with the reason and keeping the rest', async () => {
    const source = new OsvSource({ path: join(fixtures, 'osv-all.json') });
    const { documents, rejected } = split(await collect(source.read(undefined, signal)));
    expect(documents.map((d) => d.id)).toEqual(['osv:GHSA-4h98-2769-gh6h', 'osv:PYSEC-2021-59']);
    // No summary: the title falls back to the id; no ADVISORY reference: the URL is osv.dev's page.
    expect(documents[1]).toMatchObject({
      title: 'PYSEC-2021-59',
      url: 'https://osv.dev/vulnerability/PYSEC-2021-59',
      publishedAt: Date.parse('2021-04-01T15:15:00Z'),
    });
    expect(rejected.map((r) => r.position)).toEqual([
      'osv-all.json [1]',
      'osv-all.json [2]',
      'osv-all.json [3]',
    ]);
    expect(rejected[0]?.reason).toMatch(/^GHSA-9c47-m6qq-7p4h: modified expected string/);
    expect(rejected[1]?.reason).toMatch(/repo a GIT range needs its repo/);
    expect(rejected[2]?.reason).toMatch(/fixed or last_affected events, not both/);
    expect(rejected[0]?.source).toBe(source.name);
  });

  it('reads the query API response format and skips what was not modified since the cursor', async () => {
    const path = join(dir, 'lodash.json');
    const response = JSON.parse(await fs.readFile(join(fixtures, 'osv-query-response.json'), 'utf8'));
    await fs.writeFile(path, JSON.stringify(response));
    const first = new OsvSource({ path });
    const run1 = split(await collect(first.read(undefined, signal)));
    expect(run1.documents.map((d) => d.id)).toEqual(['osv:GHSA-35jh-r3h4-6jhm', 'osv:GHSA-p6mc-m468-83gw']);
    const cursor = first.nextCursor();
    // Both records share one modified time (to the microsecond); the cursor keeps both ids.
    expect(JSON.parse(cursor as string).ids).toEqual(['GHSA-35jh-r3h4-6jhm', 'GHSA-p6mc-m468-83gw']);

    const again = new OsvSource({ path });
    expect(await collect(again.read(cursor, signal))).toEqual([]);
    expect(again.nextCursor()).toBe(cursor);

    // One advisory is amended, and another appears stamped the same instant as the cursor.
    response.vulns[1].modified = '2024-05-01T00:00:00Z';
    response.vulns.push({ ...response.vulns[0], id: 'GHSA-29mw-wpgm-hmr9', summary: 'ReDoS in lodash' });
    await fs.writeFile(path, JSON.stringify(response));
    const third = new OsvSource({ path });
    const run3 = split(await collect(third.read(cursor, signal)));
    expect(run3.documents.map((d) => d.id)).toEqual(['osv:GHSA-p6mc-m468-83gw', 'osv:GHSA-29mw-wpgm-hmr9']);
    expect(JSON.parse(third.nextCursor() as string)).toEqual({
      at: '2024-05-01T00:00:00.000Z',
      ids: ['GHSA-p6mc-m468-83gw'],
    });
  });

  it('rejects files that are not JSON or not OSV and reads the others', async () => {
    await fs.writeFile(join(dir, 'a-broken.json'), '{"id": "GHSA-1234",');
    await fs.writeFile(join(dir, 'b-other.json'), '{"hello": "world"}');
    await fs.writeFile(join(dir, 'c-empty-query.json'), '{}');
    await fs.copyFile(join(fixtures, 'osv/pypi/GHSA-j8r2-6x86-q33q.json'), join(dir, 'd.json'));
    await fs.writeFile(join(dir, 'notes.txt'), 'not read');
    const { documents, rejected } = split(
      await collect(new OsvSource({ path: dir }).read(undefined, signal)),
    );
    expect(documents.map((d) => d.id)).toEqual(['osv:GHSA-j8r2-6x86-q33q']);
    expect(rejected.map((r) => [r.position, r.reason.slice(0, 9)])).toEqual([
      ['a-broken.json', 'not JSON:'],
      ['b-other.json', 'holds nei'],
    ]);
  });

  it('says which path is missing', async () => {
    const source = new OsvSource({ path: join(dir, 'nope') });
    const err = await collect(source.read(undefined, signal)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ArgusError);
    expect((err as ArgusError).code).toBe('NOT_FOUND');
    expect((err as ArgusError).message).toContain('nope');
  });

  it('refuses a cursor it did not write, and accepts a hand-set date', async () => {
    const source = new OsvSource({ path: join(fixtures, 'osv') });
    const err = await collect(source.read('{"x":1}', signal)).catch((e: unknown) => e);
    expect((err as ArgusError).code).toBe('INPUT_INVALID');
    const fromDate = split(await collect(source.read('2024-01-01', signal)));
    expect(fromDate.documents.map((d) => d.id)).toEqual(['osv:RUSTSEC-2021-0145', 'osv:GHSA-j8r2-6x86-q33q']);
  });
});
