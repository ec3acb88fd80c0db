import { ConfigSchema } from '../core/config/schema.js';
import type { TransferEvent } from '../core/transferEvent.js';
import { seededRandom } from '../ml/random.js';
import type { ModelHealthSink } from '../monitor/health/modelHealthWriter.js';
import type { MonitorConfig } from '../monitor/monitorRuntime.js';
import { createMonitorRuntime } from '../monitor/monitorRuntime.js';
import { createSimulation } from '../monitor/simulate/index.js';
import type { DemoSeeder } from './seedDemoData.js';

const DAY = 86_400_000;
/**
 * Whole days before today's midnight (UTC) the stream starts. The ten before the fortnight the page
 * charts are a fresh monitor's start, whose first models drift while every account is new and builds
 * history: real too, and kept in the store before the chart's range. Starting at a midnight keeps
 * the stream (and so the story) the same whatever the hour the demo starts.
 */
const DAYS = 24;
/** The new product launches this many days before today's midnight; its share of withdrawals grows until then. */
const LAUNCH_DAYS = 8;
const FINAL_SHARE = 0.6;
/** The product's deposit address: one new counterparty that many customers start paying large sums. */
const PRODUCT_ADDRESS = '0x5a4e000000000000000000000000000000c0ffee';
const AMOUNT_FACTOR = 30;

/**
 * The monitor with the default detector and alert settings and its windows scaled down to a small
 * stream of ~500 transfers a day: the first model after 2,000 transfers, a refit on the last 3,000
 * every 2,500 (about five days) or on drift, and a drift check every 100 scores over the last 1,000.
 */
function demoMonitorConfig(): MonitorConfig {
  return ConfigSchema.parse({
    monitor: {
      detector: 'iforest',
      warmupEvents: 2_000,
      retrain: { windowSize: 3_000, everyEvents: 2_500 },
      drift: { window: 1_000, psiThreshold: 0.2 },
    },
  }).monitor;
}

/**
 * The stream: a seeded exchange population (with the simulator's planted incidents, so the rules
 * alert too) over DAYS days ending at now, in which a new product (large transfers to one new
 * address) takes a growing share of customers' withdrawals over the LAUNCH_DAYS days before today.
 */
function* demoTransfers(now: number): Generator<TransferEvent> {
  const today = Math.floor(now / DAY) * DAY;
  const start = today - DAYS * DAY;
  const launch = today - LAUNCH_DAYS * DAY;
  // A fixed length (the simulator spreads its incidents over it), cut at now.
  const simulation = createSimulation({ accounts: 500, days: DAYS + 1, start, seed: 16 });
  const random = seededRandom(5);
  for (const event of simulation.events()) {
    if (event.time > now) break;
    const share =
      event.time < launch ? 0 : FINAL_SHARE * Math.min(1, (event.time - launch) / (today - launch));
    const withdrawal = event.fromKind === 'customer' && event.toKind === 'external';
    if (!withdrawal || random.next() >= share) {
      yield event;
      continue;
    }
    yield {
      ...event,
      to: PRODUCT_ADDRESS,
      toKind: 'contract',
      amount: event.amount * AMOUNT_FACTOR,
      ...(event.valueUsd === undefined ? {} : { valueUsd: event.valueUsd * AMOUNT_FACTOR }),
    };
  }
}

/**
 * Runs the real monitor (features, isolation forest, calibration, drift detector, inline retrains)
 * over the demo stream and records its model health through `sink`, exactly as `argus monitor` does
 * with the store. Returns how many transfers it scored.
 */
export async function recordDemoModelHealth(now: number, sink: ModelHealthSink): Promise<number> {
  const runtime = createMonitorRuntime({
    config: demoMonitorConfig(),
    baseDir: '.',
    retraining: 'inline',
    persistState: false,
    modelHealth: { sink },
  });
  try {
    for (const event of demoTransfers(now)) runtime.monitor.process(event);
    return runtime.monitor.stats.scored;
  } finally {
    await runtime.close();
  }
}

/** Model-health history for the dashboard: a fortnight of drift checks with a product launch that drifts. */
export const seedModelHealth: DemoSeeder = async ({ app, now }) => {
  let checks = 0;
  let generations = 0;
  let peak = 0;
  const scored = await recordDemoModelHealth(now, async (rows) => {
    for (const row of rows) {
      if (row.details.kind === 'retrain') generations++;
      else checks++;
      peak = Math.max(peak, row.psi);
    }
    await app.store.modelHealth.recordMany(rows);
  });
  return (
    `${checks} drift checks over ${scored.toLocaleString('en-US')} scored transfers, ` +
    `${generations} model generations, PSI up to ${peak.toFixed(2)}`
  );
};
