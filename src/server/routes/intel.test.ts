import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type ArgusApp, createArgusApp } from '../../app.js';
import { ConfigSchema } from '../../core/config/schema.js';
import { createEntityExtractor } from '../../intel/nlp/entities.js';
import { createDocumentAnnotator } from '../../intel/pipeline/annotateDocument.js';
import { ingestDocuments } from '../../intel/pipeline/ingestDocuments.js';
import { createIntelSource } from '../../intel/sources/createIntelSource.js';
import { parsePolicy } from '../../respond/policy/parsePolicy.js';
import type { IntelDocument } from '../../store/types.js';
import { createApiKey } from '../apiKeys.js';

const FIXTURES = join(import.meta.dirname, '../../intel/sources/fixtures');
const WEEK = 7 * 86_400_000;

let dir: string;
let app: ArgusApp;
let auth: { authorization: string };
/** The Monday of the current week: the synthetic series end here. */
let thisWeek: number;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'argus-intel-routes-'));
  const config = ConfigSchema.parse({
    store: { sqlite: { path: join(dir, 'argus.db') } },
    server: { port: 0 },
  });
  const policy = parsePolicy(parse('rules: []'), 'test policy', config.respond);
  app = await createArgusApp({ config, baseDir: dir, policy, logger: { info() {}, warn() {}, error() {} } });
  const { key } = await createApiKey(app.store.apiKeys, 'test');
  auth = { authorization: `Bearer ${key}` };

  await ingestDocuments(
    [
      createIntelSource(`osv:${join(FIXTURES, 'osv')}`),
      createIntelSource(`feed:${join(FIXTURES, 'feeds/security-blog.rss.xml')}`),
      createIntelSource(`text:${join(FIXTURES, 'text')}`),
    ],
    { store: app.store, annotate: createDocumentAnnotator(createEntityExtractor()) },
  );
  // Twelve quiet weeks of one signature-replay write-up each, then six in the current week.
  const now = Date.now();
  thisWeek = now - ((now + 3 * 86_400_000) % WEEK);
  const docs: IntelDocument[] = [];
  const add = (at: number, n: number) => {
    for (let i = 0; i < n; i++) {
      docs.push({
        id: `text:synthetic/${at}-${i}.md#0`,
        source: 'text',
        origin: 'synthetic',
        kind: 'text',
        title: `Replay ${docs.length}`,
        body: 'signature replay',
        publishedAt: at + i,
        modifiedAt: at + i,
        raw: '{}',
        entities: [{ kind: 'technique', value: 'signature-replay' }],
      });
    }
  };
  for (let w = 12; w >= 1; w--) add(thisWeek - w * WEEK, 1);
  add(thisWeek, 6);
  await app.store.intelDocuments.upsertMany(docs);
  await app.store.intelDocuments.upsertMany(seasonalFixture(now));
});

const DAY = 86_400_000;
/** Days of the seasonal fixture, ending yesterday, and the one with a surge (counted back from yesterday). */
const SEASONAL_DAYS = 84;
const SURGE_DAYS_AGO = 9;

/**
 * Front-running write-ups per day over twelve weeks ending yesterday: a weekday/weekend season (about
 * ten a weekday, two a weekend day, with a hashed wobble of up to two) and one day of 30, nine days back. RSS
 * documents published at noon, so the text-source and first-milliseconds tests above do not see them.
 */
function seasonalFixture(now: number): IntelDocument[] {
  const today = now - (now % DAY);
  const docs: IntelDocument[] = [];
  for (let back = SEASONAL_DAYS; back >= 1; back--) {
    const day = today - back * DAY;
    const weekday = (new Date(day).getUTCDay() + 6) % 7;
    const wobble = (((back * 2_654_435_761) >>> 0) % 5) - 2;
    const n = back === SURGE_DAYS_AGO ? 30 : weekday < 5 ? 10 + wobble : 2 + Math.sign(wobble);
    for (let i = 0; i < n; i++) {
      docs.push({
        id: `rss:urn:seasonal:${day}-${i}`,
        source: 'rss',
        origin: 'seasonal-fixture',
        kind: 'article',
        title: `Sandwich report ${back}-${i}`,
        body: 'a sandwich attack',
        publishedAt: day + 12 * 3_600_000 + i,
        modifiedAt: day + 12 * 3_600_000 + i,
        raw: '{}',
        entities: [{ kind: 'technique', value: 'front-running' }],
      });
    }
  }
  return docs;
}

afterAll(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (url: string, headers: Record<string, string> = auth) =>
  app.server.inject({ method: 'GET', url, headers });

describe('GET /v1/intel/search', () => {
  it('finds an OSV advisory by the CVE among its aliases, without its raw record', async () => {
    const res = await get('/v1/intel/search?q=CVE-2022-25883');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Record<string, unknown>[];
    expect(items.map((d) => d.id)).toContain('osv:GHSA-c2qf-rxjj-qqgw');
    expect(items[0]).not.toHaveProperty('raw');
  });

  it('searches words in titles and bodies and keeps to the limit', async () => {
    const res = await get('/v1/intel/search?q=oracle&limit=1');
    expect(res.json().items).toHaveLength(1);
  });

  it('wants a query and an API key', async () => {
    expect((await get('/v1/intel/search')).statusCode).toBe(400);
    expect((await get('/v1/intel/search?q=oracle', {})).statusCode).toBe(401);
  });
});

describe('GET /v1/intel/documents/:id', () => {
  it('returns a document with entities, raw record and sentiment, for ids with slashes and #', async () => {
    const res = await get(
      `/v1/intel/documents/${encodeURIComponent('text:postmortems/oracle-incident.md#0')}`,
    );
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.title).toBe('Oracle manipulation on the lending market');
    expect(body.entities).toEqual(expect.arrayContaining([{ kind: 'technique', value: 'flash-loan' }]));
    expect(body.sentiment.score).toBeLessThan(0);
    const rss = 'rss:https://chainsec.example/posts/lending-pool-oracle-manipulation';
    expect((await get(`/v1/intel/documents/${encodeURIComponent(rss)}`)).json().id).toBe(rss);
    const osv = (await get('/v1/intel/documents/osv:GHSA-c2qf-rxjj-qqgw')).json();
    expect(JSON.parse(osv.raw).aliases).toEqual(['CVE-2022-25883']);
  });

  it('answers 404 for an unknown id', async () => {
    const res = await get('/v1/intel/documents/osv:GHSA-none');
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('NOT_FOUND');
  });
});

describe('GET /v1/intel/documents', () => {
  it('filters by source and by an entity as a user types it, in cursor pages', async () => {
    const osv = (await get('/v1/intel/documents?source=osv')).json();
    expect(osv.items.map((d: { id: string }) => d.id).sort()).toEqual([
      'osv:GHSA-c2qf-rxjj-qqgw',
      'osv:GHSA-j8r2-6x86-q33q',
      'osv:RUSTSEC-2021-0145',
    ]);
    const first = (
      await get('/v1/intel/documents?entityKind=technique&entityValue=Flash%20Loan&limit=1')
    ).json();
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).toBeDefined();
    const second = (
      await get(
        `/v1/intel/documents?entityKind=technique&entityValue=flash-loan&limit=1&cursor=${first.nextCursor}`,
      )
    ).json();
    expect(second.items[0].id).not.toBe(first.items[0].id);
    for (const d of [...first.items, ...second.items]) {
      expect(d.entities).toContainEqual({ kind: 'technique', value: 'flash-loan' });
    }
  });

  it('filters by publication time, as a date or epoch ms', async () => {
    const since = new Date(thisWeek).toISOString().slice(0, 10);
    const recent = (await get(`/v1/intel/documents?since=${since}&source=text&limit=100`)).json();
    expect(recent.items.filter((d: { origin: string }) => d.origin === 'synthetic')).toHaveLength(6);
    const byMs = (await get(`/v1/intel/documents?since=${thisWeek}&until=${thisWeek + 3}&limit=100`)).json();
    expect(byMs.items).toHaveLength(3);
  });

  it('refuses half an entity filter and a bad time', async () => {
    const half = await get('/v1/intel/documents?entityKind=technique');
    expect(half.statusCode).toBe(400);
    expect(half.json().errors[0].path).toBe('entityValue');
    expect((await get('/v1/intel/documents?since=last-week')).statusCode).toBe(400);
  });
});

describe('GET /v1/intel/trends', () => {
  it('gives a series per entity for the chart, with the burst in the current week', async () => {
    const res = await get('/v1/intel/trends?kind=technique&bucket=week&buckets=4');
    expect(res.statusCode).toBe(200);
    const trends = res.json();
    expect(trends.starts).toHaveLength(4);
    expect(trends.starts.at(-1)).toBe(thisWeek);
    const replay = trends.series.find((s: { value: string }) => s.value === 'signature-replay');
    expect(replay.counts).toEqual([1, 1, 1, 6]);
    expect(replay.inBurst).toEqual([false, false, false, true]);
    expect(replay.bursts).toEqual([expect.objectContaining({ start: thisWeek, count: 6, ongoing: true })]);
  });

  it('takes since and refuses an unknown bucket', async () => {
    const since = new Date(thisWeek - 2 * WEEK).toISOString().slice(0, 10);
    const trends = (await get(`/v1/intel/trends?since=${since}&top=1`)).json();
    expect(trends.starts).toHaveLength(3);
    expect(trends.series).toHaveLength(1);
    expect((await get('/v1/intel/trends?bucket=year')).statusCode).toBe(400);
  });
});

describe('GET /v1/intel/forecast', () => {
  it('forecasts a seasonal mention series with intervals, a rolling-origin check and the surge flagged', async () => {
    const res = await get(
      '/v1/intel/forecast?series=mentions:technique:front-running&bucket=day&horizon=14&level=0.95',
    );
    expect(res.statusCode).toBe(200);
    const f = res.json();
    expect(f.series.unit).toBe('day');
    expect(f.series.history).toHaveLength(SEASONAL_DAYS);
    expect(f.series.history.at(-1).start).toBe(Date.now() - (Date.now() % DAY) - DAY);
    // The weekday/weekend season is found and modelled.
    expect(f.model.period).toBe(7);
    expect(f.model.name).toMatch(/^ETS\(A,(N|A|Ad),(A|M)\)$/);
    expect(f.model.params.alpha).toBeGreaterThan(0);
    expect(f.model.params.gamma).toBeGreaterThanOrEqual(0);
    expect(f.fitted).toHaveLength(SEASONAL_DAYS);
    expect(f.forecast).toHaveLength(14);
    expect(f.naive).toHaveLength(14);
    for (const p of f.forecast) {
      expect(p.lower).toBeLessThanOrEqual(p.mean);
      expect(p.upper).toBeGreaterThan(p.mean);
    }
    // The forecast follows the season: weekdays well above weekend days.
    const weekday = (p: { start: number }) => (new Date(p.start).getUTCDay() + 6) % 7 < 5;
    const mean = (ps: { mean: number }[]) => ps.reduce((a, p) => a + p.mean, 0) / ps.length;
    expect(mean(f.forecast.filter(weekday))).toBeGreaterThan(
      2 * mean(f.forecast.filter((p: { start: number }) => !weekday(p))),
    );
    // Rolling origin over the latest 26 days: most actuals inside their one-step interval.
    expect(f.backtest.origins).toBe(26);
    expect(f.backtest.oneStep).toHaveLength(26);
    const inside = f.backtest.oneStep.filter((p: { position: string }) => p.position === 'inside').length;
    expect(inside / 26).toBeGreaterThanOrEqual(0.75);
    expect(f.backtest.mase).toBeGreaterThan(0);
    expect(f.backtest.naiveMase).toBeGreaterThan(0);
    // The surge left its interval, and is listed with the other buckets that did.
    const surgeAt = Date.now() - (Date.now() % DAY) - SURGE_DAYS_AGO * DAY;
    expect(f.outside).toContainEqual(
      expect.objectContaining({ start: surgeAt, actual: 30, position: 'above' }),
    );
    expect(f.outside.length).toBeLessThanOrEqual(26 - inside);
    expect(f.check.at).toBe(f.series.history.at(-1).start);
  });

  it('forecasts weekly mentions without a rolling-origin check when asked, with defaults', async () => {
    const res = await get('/v1/intel/forecast?series=mentions:technique:signature-replay&origins=0');
    expect(res.statusCode).toBe(200);
    const f = res.json();
    expect(f.series.unit).toBe('week');
    // Twelve complete weeks of one write-up; the current week is left out until it closes.
    expect(f.series.history.slice(-12).map((h: { value: number }) => h.value)).toEqual(new Array(12).fill(1));
    expect(f.series.history.at(-1).start).toBe(thisWeek - WEEK);
    expect(f.level).toBe(0.95);
    expect(f.forecast).toHaveLength(8);
    expect(f.backtest.skipped).toMatch(/origins=0/);
    expect(f.outside).toEqual([]);
  });

  it('says how much history a forecast needs', async () => {
    const short = await get('/v1/intel/forecast?series=mentions:technique:front-running&bucket=month');
    expect(short.statusCode).toBe(400);
    expect(short.json().errors[0].path).toBe('series');
    expect(short.json().message).toMatch(/needs at least 6/);
    expect(short.json().hint).toMatch(/bucket=day/);
    const none = await get('/v1/intel/forecast?series=mentions:technique:never-mentioned');
    expect(none.statusCode).toBe(400);
    expect(none.json().message).toMatch(/0 complete weeks of history; a forecast needs at least 6/);
  });

  it('refuses an unknown series, a file, and bad bucket, horizon or level', async () => {
    const unknown = await get('/v1/intel/forecast?series=volume');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().message).toMatch(/series "volume": unknown series "volume"/);
    expect(unknown.json().hint).toContain('mentions:<entity kind>:<value>');
    expect(unknown.json().hint).not.toContain('csv:');
    const csv = await get('/v1/intel/forecast?series=csv:/etc/passwd');
    expect(csv.statusCode).toBe(400);
    expect(csv.json().message).toMatch(/does not read/);
    for (const query of ['bucket=year', 'horizon=0', 'horizon=500', 'level=95', 'level=0', 'origins=-1']) {
      const res = await get(`/v1/intel/forecast?series=alerts&${query}`);
      expect(res.statusCode, query).toBe(400);
    }
    expect((await get('/v1/intel/forecast')).statusCode).toBe(400);
    expect((await get('/v1/intel/forecast?series=alerts', {})).statusCode).toBe(401);
  });
});

describe('OpenAPI', () => {
  it('documents the intel routes', async () => {
    const paths = Object.keys((await get('/openapi.json', {})).json().paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/v1/intel/search',
        '/v1/intel/documents',
        '/v1/intel/documents/{id}',
        '/v1/intel/trends',
        '/v1/intel/forecast',
      ]),
    );
  });
});
