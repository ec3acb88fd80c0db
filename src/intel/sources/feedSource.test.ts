import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArgusError } from '../../core/errors.js';
import { FeedSource } from './feedSource.js';
import type { IntelDocumentDraft, IntelRejectedRecord, IntelSourceItem } from './intelSource.js';
import { collect } from './memoryCursors.fixture.js';

const feeds = join(import.meta.dirname, 'fixtures', 'feeds');
const signal = new AbortController().signal;
const clock = { now: () => Date.UTC(2024, 2, 20) };
const rss = await fs.readFile(join(feeds, 'security-blog.rss.xml'), 'utf8');
const URL_ = 'https://chainsec.example/feed.xml';

function split(items: IntelSourceItem[]) {
  const documents: IntelDocumentDraft[] = [];
  const rejected: IntelRejectedRecord[] = [];
  for (const item of items) {
    if ('document' in item) documents.push(item.document);
    else if ('rejected' in item) rejected.push(item.rejected);
  }
  return { documents, rejected };
}

/** A feed server that honours If-None-Match, with a body the test can change. */
function fakeServer() {
  const state = { body: rss, etag: '"v1"', status: 200, requests: [] as Record<string, string>[] };
  const fetchFn = (async (_input: string | URL | Request, init?: RequestInit) => {
    const headers = { ...(init?.headers as Record<string, string>) };
    state.requests.push(headers);
    if (state.status !== 200) return new Response('gone', { status: state.status });
    if (headers['if-none-match'] === state.etag) return new Response(null, { status: 304 });
    return new Response(state.body, {
      status: 200,
      headers: {
        etag: state.etag,
        'last-modified': 'Fri, 15 Mar 2024 18:00:00 GMT',
        'content-type': 'application/rss+xml',
      },
    });
  }) as typeof fetch;
  return { state, fetch: fetchFn };
}

describe('FeedSource', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(join(tmpdir(), 'argus-feed-'));
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('turns a file feed into article documents and reports the item with a bad date', async () => {
    const path = join(feeds, 'security-blog.rss.xml');
    const source = new FeedSource({ location: path, clock });
    const { documents, rejected } = split(await collect(source.read(undefined, signal)));
    expect(documents.map((d) => d.id)).toEqual([
      'rss:https://chainsec.example/posts/lending-pool-oracle-manipulation',
      // A bare guid is qualified by the feed it came from.
      `rss:${path}#chainsec-post-2291`,
      'rss:https://chainsec.example/posts/permit2-drainers',
    ]);
    expect(documents[0]).toMatchObject({
      source: 'rss',
      kind: 'article',
      origin: path,
      url: 'https://chainsec.example/posts/lending-pool-oracle-manipulation',
      title: 'Lending pool drained via price oracle manipulation and a flash loan',
    });
    expect(JSON.parse(documents[0]?.raw as string).feed).toBe('Chain Security Weekly');
    expect(rejected).toEqual([
      {
        source: `feed:${path}`,
        position: 'item 3',
        reason: 'pubDate "sometime last week" is not an RFC 822 date',
      },
    ]);
  });

  it('reads Atom from a gzipped file', async () => {
    const path = join(dir, 'advisories.atom.xml.gz');
    await fs.writeFile(path, gzipSync(await fs.readFile(join(feeds, 'advisories.atom.xml'))));
    const { documents, rejected } = split(
      await collect(new FeedSource({ location: path }).read(undefined, signal)),
    );
    expect(documents.map((d) => d.id)).toEqual([
      'rss:tag:advisories.example,2024:17',
      'rss:urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a',
    ]);
    expect(rejected).toHaveLength(1);
  });

  it('fetches a URL conditionally: a 304 reads nothing, a changed feed yields only new or edited items', async () => {
    const server = fakeServer();
    const source = new FeedSource({ location: URL_, fetch: server.fetch, clock });
    const run1 = split(await collect(source.read(undefined, signal)));
    expect(run1.documents).toHaveLength(3);
    expect(server.state.requests[0]?.['if-none-match']).toBeUndefined();
    const cursor1 = source.nextCursor() as string;
    expect(JSON.parse(cursor1)).toMatchObject({
      etag: '"v1"',
      lastModified: 'Fri, 15 Mar 2024 18:00:00 GMT',
    });

    const run2 = await collect(source.read(cursor1, signal));
    expect(run2).toEqual([]);
    expect(server.state.requests[1]).toMatchObject({
      'if-none-match': '"v1"',
      'if-modified-since': 'Fri, 15 Mar 2024 18:00:00 GMT',
    });
    expect(source.nextCursor()).toBe(cursor1);

    // The feed changes: one new post, one edited post, the rest as before.
    server.state.etag = '"v2"';
    server.state.body = rss
      .replace(
        '<item>',
        `<item><title>New: governance attack via flash-loaned votes</title><link>https://chainsec.example/posts/governance</link><pubDate>Sat, 16 Mar 2024 10:00:00 GMT</pubDate><description>Votes were borrowed for one block.</description></item><item>`,
      )
      .replace('Phishing sites ask', 'Updated: phishing sites ask');
    const run3 = split(await collect(source.read(cursor1, signal)));
    expect(run3.documents.map((d) => d.url)).toEqual([
      'https://chainsec.example/posts/governance',
      'https://chainsec.example/posts/permit2-drainers',
    ]);
    expect(run3.rejected).toHaveLength(1);
    expect(JSON.parse(source.nextCursor() as string).etag).toBe('"v2"');
  });

  it('fails clearly on an HTTP error, a page that is not a feed, a missing file or a damaged cursor', async () => {
    const server = fakeServer();
    server.state.status = 404;
    const gone = await collect(
      new FeedSource({ location: URL_, fetch: server.fetch }).read(undefined, signal),
    ).catch((e: unknown) => e);
    expect((gone as ArgusError).message).toContain('HTTP 404');
    expect((gone as ArgusError).hint).toContain('moved or gone');

    const htmlPage = join(dir, 'page.xml');
    await fs.writeFile(htmlPage, '<html><head><title>Blog</title></head></html>');
    const notFeed = await collect(new FeedSource({ location: htmlPage }).read(undefined, signal)).catch(
      (e: unknown) => e,
    );
    expect((notFeed as ArgusError).code).toBe('INPUT_INVALID');
    expect((notFeed as ArgusError).message).toContain('not an RSS or Atom feed');

    const missing = await collect(
      new FeedSource({ location: join(dir, 'none.xml') }).read(undefined, signal),
    ).catch((e: unknown) => e);
    expect((missing as ArgusError).code).toBe('NOT_FOUND');

    const damaged = await collect(new FeedSource({ location: htmlPage }).read('[1,2]', signal)).catch(
      (e: unknown) => e,
    );
    expect((damaged as ArgusError).code).toBe('INPUT_INVALID');
  });

  it('refuses a feed larger than maxBytes even when the server does not say its length', async () => {
    const big = `<rss version="2.0"><channel>${'<item><title>x</title></item>'.repeat(5000)}</channel></rss>`;
    const fetchFn = (async () =>
      new Response(new Blob([big]).stream(), { status: 200 })) as unknown as typeof fetch;
    const err = await collect(
      new FeedSource({ location: URL_, fetch: fetchFn, maxBytes: 50_000 }).read(undefined, signal),
    ).catch((e: unknown) => e);
    expect((err as ArgusError).message).toContain('larger than 50000 bytes');
  });
});
