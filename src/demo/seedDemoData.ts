import type { ArgusApp } from '../app.js';
import type { ArgusConfig } from '../core/config/schema.js';
import { seedAuditReports } from './seedAuditReports.js';
import { seedAuthDecisions } from './seedAuthDecisions.js';
import { seedDemoGraph } from './seedDemoGraph.js';
import { seedIntelCorpus } from './seedIntelCorpus.js';
import { seedModelHealth } from './seedModelHealth.js';

export interface DemoSeedContext {
  app: ArgusApp;
  config: ArgusConfig;
  baseDir: string;
  /** The wall-clock start of the demo; seeded history ends here. */
  now: number;
}

/**
 * Fills one page of the dashboard with data made by the real engines (not scripted rows) before the
 * scripted alerts replay. Returns one line for the console saying what it made.
 */
export type DemoSeeder = (context: DemoSeedContext) => Promise<string>;

const SEEDERS: readonly { name: string; seed: DemoSeeder }[] = [
  { name: 'auth decisions', seed: seedAuthDecisions },
  { name: 'transfer graph', seed: seedDemoGraph },
  { name: 'audit reports', seed: seedAuditReports },
  { name: 'model health', seed: seedModelHealth },
  { name: 'intel corpus', seed: seedIntelCorpus },
];

/** Runs every seeder; one that fails is reported and the demo goes on without its data. */
export async function seedDemoData(context: DemoSeedContext, report: (line: string) => void): Promise<void> {
  for (const { name, seed } of SEEDERS) {
    try {
      report(`demo ${name}: ${await seed(context)}`);
    } catch (error) {
      report(`demo ${name}: not seeded (${(error as Error).message})`);
    }
  }
}
