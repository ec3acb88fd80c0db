import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArgusError } from '../../core/errors.js';
import { FakeSleeper } from './fakeSleeper.fixture.js';
import type { IntelDocumentDraft, IntelRejectedRecord, IntelSourceItem } from './intelSource.js';
import { collect } from './memoryCursors.fixture.js';
import { NVD_CVE_API } from './nvdClient.js';
import { parseNvdTime } from './nvdRecord.js';
import { NVD_MAX_WINDOW_MS, NvdSource } from './nvdSource.js';

const fixtures = join(import.meta.dirname, 'fixtures', 'nvd');
const signal = new AbortController().signal;
const pages = ['cves-page-0.json', 'cves-page-1.json'].map((f) =>
  JSON.parse(readFileSync(join(fixtures, f), 'utf8')),
);
const DAY = 24 * 60 * 60 * 1000;

function split(items: IntelSourceItem[]) {
  const documents: IntelDocumentDraft[] = [];
  const rejected: IntelRejectedRecord[] = [];
  const checkpoints: string[] = [];
  for (const item of items) {
    if ('document' in item) documents.push(item.document);
    else if ('rejected' in item) rejected.push(item.rejected);
    else checkpoints.push(item.checkpoint);
  }
  return { documents, rejected, checkpoints };
}

interface Seen {
  url: URL;
  headers: Record<string, string>;
  at: number;
}

/** A fake NVD: answers with the handler's [status, body, headers], recording each request and its time. */
function fakeNvd(
  sleeper: FakeSleeper,
  handler: (url: URL, n: number) => [number, unknown, Record<string, string>?],
): { fetch: typeof fetch; seen: Seen[] } {
  const seen: Seen[] = [];
  const fake = async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    seen.push({ url, headers: { ...(init?.headers as Record<string, string>) }, at: sleeper.now() });
    const [status, body, headers] = handler(url, seen.length);
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers });
  };
  return { fetch: fake as typeof fetch, seen };
}

/** Serves `cves` as NVD would: filtered by the lastMod window, paged by startIndex/resultsPerPage. */
function pagedServer(cves: unknown[]) {
  return (url: URL): [number, unknown] => {
    const start = url.searchParams.get('lastModStartDate');
    const end = url.searchParams.get('lastModEndDate');
    const matching = cves.filter((v) => {
      const t = parseNvdTime((v as { cve: { lastModified: string } }).cve.lastModified);
      return (start === null || t >= parseNvdTime(start)) && (end === null || t <= parseNvdTime(end));
    });
    const startIndex = Number(url.searchParams.get('startIndex'));
    const perPage = Number(url.searchParams.get('resultsPerPage'));
    return [
      200,
      {
        resultsPerPage: perPage,
        startIndex,
        totalResults: matching.length,
        format: 'NVD_CVE',
        version: '2.0',
        timestamp: '2024-09-15T00:00:00.000',
        vulnerabilities: matching.slice(startIndex, startIndex + perPage),
      },
    ];
  };
}

/** A copy of a fixture CVE with another id and lastModified. */
function cveAt(id: string, lastModified: string) {
  const v = structuredClone(pages[0].vulnerabilities[1]);
  v.cve.id = id;
  v.cve.lastModified = lastModified;
  return v;
}

describe('NvdSource offline', () => {
  it('reads saved API pages, rejects the malformed CVE, and is incremental by lastModified', async () => {
    const source = new NvdSource({ path: fixtures });
    const { documents, rejected, checkpoints } = split(await collect(source.read(undefined, signal)));
    expect(documents.map((d) => d.id)).toEqual([
      'nvd:CVE-2021-44228',
      'nvd:CVE-2022-25883',
      'nvd:CVE-2023-32681',
    ]);
    expect(documents[0]?.origin).toBe(fixtures);
    expect(rejected).toEqual([
      {
        source: `nvd:${fixtures}`,
        position: 'cves-page-1.json [1]',
        reason: 'CVE-2024-0001: cve.lastModified expected string, got nothing (the key is missing)',
      },
    ]);
    expect(checkpoints).toEqual([]);
    const cursor = source.nextCursor();
    expect(JSON.parse(cursor as string)).toEqual({ at: '2024-06-21T19:15:23.083Z', ids: ['CVE-2022-25883'] });
    const again = split(await collect(source.read(cursor, signal)));
    expect(again.documents).toEqual([]);
  });
});

describe('NvdSource online', () => {
  it('pages through the whole NVD by startIndex when there is no cursor, without an API key', async () => {
    const sleeper = new FakeSleeper(Date.UTC(2024, 6, 1));
    const nvd = fakeNvd(sleeper, (url) => [200, pages[Number(url.searchParams.get('startIndex')) / 2]]);
    const source = new NvdSource({ fetch: nvd.fetch, sleeper, resultsPerPage: 2 });
    const { documents, rejected, checkpoints } = split(await collect(source.read(undefined, signal)));
    expect(nvd.seen.map((s) => s.url.search)).toEqual([
      '?resultsPerPage=2&startIndex=0',
      '?resultsPerPage=2&startIndex=2',
    ]);
    expect(nvd.seen[0]?.url.origin + (nvd.seen[0]?.url.pathname ?? '')).toBe(NVD_CVE_API);
    expect(nvd.seen[0]?.headers).toEqual({ accept: 'application/json' });
    expect(documents).toHaveLength(3);
    expect(documents[0]?.origin).toBe(NVD_CVE_API);
    expect(rejected.map((r) => r.position)).toEqual(['all startIndex=2 [1]']);
    expect(checkpoints).toEqual([source.nextCursor()]);
  });

  it('asks for changes since the cursor in windows of at most 120 days, with a checkpoint after each', async () => {
    const now = Date.UTC(2024, 8, 15);
    const sleeper = new FakeSleeper(now);
    const pool = [
      cveAt('CVE-2023-1000', '2023-12-31T23:59:59.000'),
      cveAt('CVE-2024-1001', '2024-01-01T00:00:00.000'),
      cveAt('CVE-2024-1002', '2024-02-10T08:00:00.000'),
      cveAt('CVE-2024-1003', '2024-06-01T12:00:00.000'),
      cveAt('CVE-2024-1004', '2024-09-14T23:00:00.000'),
    ];
    const nvd = fakeNvd(sleeper, pagedServer(pool));
    const cursor = JSON.stringify({ at: '2024-01-01T00:00:00.000Z', ids: ['CVE-2024-1001'] });
    const source = new NvdSource({ fetch: nvd.fetch, sleeper, resultsPerPage: 2000 });
    const { documents, checkpoints } = split(await collect(source.read(cursor, signal)));
    // CVE-2024-1001 is at the cursor and was read before; CVE-2023-1000 is older.
    expect(documents.map((d) => d.id)).toEqual([
      'nvd:CVE-2024-1002',
      'nvd:CVE-2024-1003',
      'nvd:CVE-2024-1004',
    ]);
    const windows = nvd.seen.map((s) => [
      parseNvdTime(s.url.searchParams.get('lastModStartDate') as string),
      parseNvdTime(s.url.searchParams.get('lastModEndDate') as string),
    ]);
    expect(windows[0]?.[0]).toBe(Date.UTC(2024, 0, 1));
    expect(windows.at(-1)?.[1]).toBe(now);
    for (let i = 0; i < windows.length; i++) {
      const [from, to] = windows[i] as [number, number];
      expect(to - from).toBeLessThanOrEqual(NVD_MAX_WINDOW_MS);
      if (i > 0) expect(from).toBe(windows[i - 1]?.[1]);
    }
    expect(windows).toHaveLength(Math.ceil((now - Date.UTC(2024, 0, 1)) / (120 * DAY)));
    expect(nvd.seen[0]?.url.searchParams.get('lastModStartDate')).toBe('2024-01-01T00:00:00.000+00:00');
    expect(checkpoints.map((c) => JSON.parse(c).at)).toEqual([
      '2024-02-10T08:00:00.000Z',
      '2024-06-01T12:00:00.000Z',
      '2024-09-14T23:00:00.000Z',
    ]);
    expect(source.nextCursor()).toBe(checkpoints.at(-1));
  });

  it('keeps to 5 requests per rolling 30 s without a key and sends the key as a header with one', async () => {
    const pool = Array.from({ length: 12 }, (_, i) =>
      cveAt(`CVE-2024-2${String(i).padStart(3, '0')}`, '2024-03-01T00:00:00.000'),
    );
    const run = async (apiKey?: string) => {
      const sleeper = new FakeSleeper(Date.UTC(2024, 3, 1));
      const nvd = fakeNvd(sleeper, pagedServer(pool));
      const source = new NvdSource({
        fetch: nvd.fetch,
        sleeper,
        resultsPerPage: 1,
        since: Date.UTC(2024, 1, 1),
        apiKey,
      });
      const { documents } = split(await collect(source.read(undefined, signal)));
      expect(documents).toHaveLength(12);
      return { nvd, sleeper };
    };
    const anonymous = await run();
    const times = anonymous.nvd.seen.map((s) => s.at);
    expect(times).toHaveLength(12);
    const busiest = Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + 30_000).length));
    expect(busiest).toBe(5);
    expect(anonymous.sleeper.sleeps.length).toBeGreaterThan(0);
    expect(anonymous.nvd.seen[0]?.headers.apiKey).toBeUndefined();

    const keyed = await run('secret-key');
    expect(keyed.sleeper.sleeps).toEqual([]);
    expect(keyed.nvd.seen.every((s) => s.headers.apiKey === 'secret-key')).toBe(true);
    expect(keyed.nvd.seen.some((s) => s.url.search.includes('secret-key'))).toBe(false);
  });

  it('retries 503, 429, 403 and network failures with backoff, honouring Retry-After', async () => {
    const sleeper = new FakeSleeper(Date.UTC(2024, 6, 1));
    let failures = 0;
    const nvd = fakeNvd(sleeper, (url, n) => {
      if (n === 1) return [503, 'Service Unavailable', { 'retry-after': '20' }];
      if (n === 2) return [429, 'Too Many Requests'];
      if (n === 3) return [403, 'Forbidden'];
      return [200, pages[Number(url.searchParams.get('startIndex')) / 2]];
    });
    const flaky: typeof fetch = async (input, init) => {
      if (failures++ === 3) throw new TypeError('fetch failed');
      return nvd.fetch(input, init);
    };
    const source = new NvdSource({ fetch: flaky, sleeper, resultsPerPage: 2 });
    const { documents } = split(await collect(source.read(undefined, signal)));
    expect(documents).toHaveLength(3);
    // Backoff 6 s doubling (6, 12, 24, 48) but 20 s when Retry-After asks for more than the first 6 s.
    expect(sleeper.sleeps.slice(0, 4)).toEqual([20_000, 12_000, 24_000, 48_000]);
  });

  it('stops with a clear error on a refused request or when retries run out', async () => {
    const sleeper = new FakeSleeper(0);
    const refused = fakeNvd(sleeper, () => [404, '', { message: 'Invalid lastModStartDate' }]);
    const err = await collect(new NvdSource({ fetch: refused.fetch, sleeper }).read(undefined, signal)).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ArgusError);
    expect((err as ArgusError).message).toContain('HTTP 404: Invalid lastModStartDate');
    expect(refused.seen).toHaveLength(1);

    const throttled = fakeNvd(sleeper, () => [403, '']);
    const source = new NvdSource({ fetch: throttled.fetch, sleeper, maxRetries: 2 });
    const err2 = await collect(source.read(undefined, signal)).catch((e: unknown) => e);
    expect((err2 as ArgusError).code).toBe('ACTION_FAILED');
    expect((err2 as ArgusError).message).toMatch(/after 3 attempts: HTTP 403/);
    expect((err2 as ArgusError).hint).toContain('API key');
    expect(throttled.seen).toHaveLength(3);
  });

  it('re-reads a window from its start when the result set changes under the paging, without duplicates', async () => {
    const sleeper = new FakeSleeper(Date.UTC(2024, 3, 1));
    const pool = [1, 2, 3, 4].map((i) => cveAt(`CVE-2024-300${i}`, `2024-03-0${i}T00:00:00.000`));
    const serve = pagedServer(pool);
    const nvd = fakeNvd(sleeper, (url, n) => {
      // After the first page, CVE-2024-3001 is modified again and leaves the window: offsets shift by one.
      if (n === 2) pool.shift();
      return serve(url);
    });
    const source = new NvdSource({
      fetch: nvd.fetch,
      sleeper,
      resultsPerPage: 2,
      since: Date.UTC(2024, 1, 1),
    });
    const { documents } = split(await collect(source.read(undefined, signal)));
    // Without the restart CVE-2024-3003 would be skipped (it moved to index 1, already paged past).
    expect(documents.map((d) => d.id).sort()).toEqual([
      'nvd:CVE-2024-3001',
      'nvd:CVE-2024-3002',
      'nvd:CVE-2024-3003',
      'nvd:CVE-2024-3004',
    ]);
    expect(nvd.seen.map((s) => s.url.searchParams.get('startIndex'))).toEqual(['0', '2', '0', '2']);
  });

  it('ends quietly when aborted while waiting for the rate limit', async () => {
    const sleeper = new FakeSleeper(Date.UTC(2024, 3, 1));
    const pool = Array.from({ length: 8 }, (_, i) => cveAt(`CVE-2024-400${i}`, '2024-03-01T00:00:00.000'));
    const controller = new AbortController();
    const nvd = fakeNvd(sleeper, (url, n) => {
      if (n === 5) controller.abort();
      return pagedServer(pool)(url);
    });
    const source = new NvdSource({
      fetch: nvd.fetch,
      sleeper,
      resultsPerPage: 1,
      since: Date.UTC(2024, 1, 1),
    });
    const { documents } = split(await collect(source.read(undefined, controller.signal)));
    expect(documents).toHaveLength(5);
    expect(nvd.seen).toHaveLength(5);
  });
});
