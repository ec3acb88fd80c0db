import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ArgusApp, createArgusApp } from '../app.js';
import { ConfigSchema } from '../core/config/schema.js';
import { bucketStart, bucketsBefore } from '../intel/forecast/calendarBuckets.js';
import { DEFAULT_BURST_SETTINGS } from '../intel/pipeline/burstSettings.js';
import { intelTrends } from '../intel/pipeline/intelTrends.js';
import { parsePolicy } from '../respond/policy/parsePolicy.js';
import {
  DEMO_CORPUS_WEEKS,
  DEMO_PAST_BURST_TECHNIQUE,
  DEMO_PAST_BURST_WEEKS_AGO,
  DEMO_SURGE_TECHNIQUE,
  demoIntelCorpus,
} from './demoIntelCorpus.js';
import { DEMO_FEED_FILE, seedIntelCorpus } from './seedIntelCorpus.js';

let dir: string;
let app: ArgusApp;
let line: string;
let seconds: number;
// A Thursday afternoon: the open week has had time to collect articles.
const now = Date.UTC(2025, 4, 15, 15, 0);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'argus-seed-intel-'));
  const config = ConfigSchema.parse({
    store: { sqlite: { path: join(dir, 'argus.db') } },
    server: { port: 0 },
  });
  const policy = parsePolicy({ rules: [] }, 'test policy', config.respond);
  app = await createArgusApp({ config, baseDir: dir, policy, logger: { info() {}, warn() {}, error() {} } });
  const started = performance.now();
  line = await seedIntelCorpus({ app, config, baseDir: dir, now });
  seconds = (performance.now() - started) / 1000;
});

afterAll(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

const trends = (kind: string) =>
  intelTrends(
    app.store.intelDocuments,
    { kind, bucket: 'week', buckets: DEMO_CORPUS_WEEKS, top: 20 },
    DEFAULT_BURST_SETTINGS,
    now,
  );

describe('seedIntelCorpus', () => {
  it('ingests a few hundred demo documents through the feed reader and the extractor, quickly', async () => {
    const stored = await app.store.intelDocuments.count();
    expect(stored).toBe(demoIntelCorpus(now).length);
    expect(stored).toBeGreaterThanOrEqual(300);
    expect(stored).toBeLessThanOrEqual(600);
    expect(line).toMatch(new RegExp(`^${stored} synthetic documents ingested`));
    expect(seconds).toBeLessThan(2);
    const page = await app.store.intelDocuments.list({ limit: 500 });
    for (const d of page.items) {
      expect(d.source).toBe('rss');
      expect(d.origin.endsWith(DEMO_FEED_FILE)).toBe(true);
      expect(d.title.startsWith('[demo] ')).toBe(true);
      expect(d.url).toMatch(/^https:\/\/demo\.argus\.invalid\//);
      expect(d.publishedAt).toBeLessThanOrEqual(now);
      expect(d.publishedAt).toBeGreaterThanOrEqual(bucketsBefore(bucketStart(now, 'week'), 'week', 25));
    }
  });

  it('finds the surge as an ongoing burst and raises its intel.burst alert through the pipeline', async () => {
    const techniques = await trends('technique');
    const surge = techniques.series.find((s) => s.value === DEMO_SURGE_TECHNIQUE);
    expect(surge?.bursts.at(-1)).toMatchObject({ ongoing: true });
    const alerts = await app.store.alerts.list({ detector: ['intel.burst'], limit: 100 });
    expect(alerts.items.map((a) => a.subject.id)).toContain(DEMO_SURGE_TECHNIQUE);
    expect(line).toContain(`technique ${DEMO_SURGE_TECHNIQUE}`);
  });

  it('finds the past burst, and keeps most techniques quiet', async () => {
    const techniques = await trends('technique');
    const past = techniques.series.find((s) => s.value === DEMO_PAST_BURST_TECHNIQUE);
    const peakWeek = bucketsBefore(bucketStart(now, 'week'), 'week', DEMO_PAST_BURST_WEEKS_AGO);
    expect(past?.bursts).toContainEqual(expect.objectContaining({ start: peakWeek, ongoing: false }));
    const bursting = techniques.series.filter((s) => s.bursts.length > 0);
    expect(bursting.length).toBeLessThanOrEqual(techniques.series.length / 2);
  });

  it('extracts protocols, packages and the made-up CVE ids of its fictional advisories', async () => {
    expect((await trends('protocol')).series.map((s) => s.value)).toEqual(
      expect.arrayContaining(['balancer', 'uniswap', 'curve']),
    );
    expect((await trends('package')).series.map((s) => s.value)).toEqual(
      expect.arrayContaining(['@openzeppelin/contracts', 'demo-price-feed-sdk']),
    );
    const cves = await trends('cve');
    expect(cves.series.map((s) => s.value).sort()).toEqual(['CVE-2099-10001', 'CVE-2099-10002']);
    expect(cves.series.every((s) => s.bursts.length === 1)).toBe(true);
  });

  it('is deterministic for a given time', () => {
    expect(demoIntelCorpus(now)).toEqual(demoIntelCorpus(now));
    expect(demoIntelCorpus(now + 86_400_000)).not.toEqual(demoIntelCorpus(now));
  });
});
