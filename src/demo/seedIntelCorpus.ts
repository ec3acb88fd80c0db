import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AlertInput } from '../core/alert.js';
import { createDocumentAnnotator } from '../intel/pipeline/annotateDocument.js';
import { createExtractorFromConfig } from '../intel/pipeline/createExtractor.js';
import { detectBursts } from '../intel/pipeline/detectBursts.js';
import { ingestDocuments } from '../intel/pipeline/ingestDocuments.js';
import { createIntelSource } from '../intel/sources/createIntelSource.js';
import { demoIntelCorpus } from './demoIntelCorpus.js';
import { demoRssFeed } from './demoRssFeed.js';
import type { DemoSeeder } from './seedDemoData.js';

/** The feed's file name: it is also the documents' origin, so the demo corpus is never taken for real. */
export const DEMO_FEED_FILE = 'argus-demo-intel-corpus.rss.xml';
const DEMO_FEED_TITLE = 'Argus demo corpus: synthetic advisories about fictional projects (not real)';

/**
 * The threat-intel trends page's data: the demo corpus is written as an RSS file next to the demo
 * store and read the way `argus intel ingest feed:<file>` reads it (feed parsing, entity extraction,
 * storage), then the ingest's burst check runs as the command runs it, its intel.burst alerts going
 * through the alert pipeline into the feed. Trends, bursts and forecasts are computed from the stored
 * mentions by the same code as for real sources.
 */
export const seedIntelCorpus: DemoSeeder = async ({ app, config, baseDir, now }) => {
  const dir = resolve(baseDir, '.argus/demo-intel');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, DEMO_FEED_FILE);
  writeFileSync(file, demoRssFeed(DEMO_FEED_TITLE, demoIntelCorpus(now), now));

  const ingested = await ingestDocuments([createIntelSource(`feed:${file}`)], {
    store: app.store,
    annotate: createDocumentAnnotator(createExtractorFromConfig(config.intel, baseDir)),
    now: () => now,
  });
  const report = ingested.sources[0];
  if (report?.error) throw new Error(report.error.message);

  let alerts = 0;
  const bursts = await detectBursts({
    store: app.store,
    entities: ingested.touched,
    settings: config.intel.bursts,
    now,
    sink: async (raised: AlertInput[]) => {
      alerts += (await app.responder.pipeline.ingestBatch(raised)).accepted.length;
    },
  });
  const named = bursts.bursts.map((b) => `${b.kind} ${b.value}`).join(', ');
  return (
    `${report?.stored ?? 0} synthetic documents ingested (${ingested.touched.length} entities); ` +
    `${bursts.bursts.length} ongoing bursts${named ? ` (${named})` : ''}, ${alerts} intel.burst alerts raised`
  );
};
