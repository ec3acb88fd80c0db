/**
 * Streaming transaction monitor: throughput, per-event latency and memory per account.
 *
 *  1. memory: --accounts (default 1,000,000) distinct accounts each send one transfer through the
 *     monitor; heap + array buffers after, minus before, over the number of accounts, after GC.
 *  2. stream: --n (default 1,000,000) simulated transfers (argus simulate's generator, generated into
 *     memory first so the generator's cost is not counted) through the whole synchronous path:
 *     dedupe, per-account features, the adaptive model's score, the YAML rules, and the wording of
 *     every alert. The first model is fitted (in the retrain worker) on the first --warmup rows
 *     before timing starts, and later retrains run in that worker as in production, so the
 *     monitor's own thread is the one core measured. Fixed-size structures (the dedupe table, rule
 *     tables) are allocated before the memory phase measures, so it counts per-account state only.
 *     Latency is timed around each event (performance.now), so it includes the clock's own cost.
 *  3. stream + graph: the same stream again with the graph area wired in as in `argus monitor`:
 *     every transfer also goes onto the live transaction graph and its running exposure estimate,
 *     --labelled addresses of the stream (every k-th distinct recipient) are labelled as hacks, so
 *     direct, indirect and counterparty exposure alerts fire and confirming screens run, and the
 *     estimate answers the counterparty_risk feature.
 *
 *   npm run bench -- monitor-stream --n 1000000 --accounts 1000000
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ConfigSchema } from '../src/core/config/schema.js';
import type { TransferEvent } from '../src/core/transferEvent.js';
import { LabelIndex } from '../src/graph/labels/labelIndex.js';
import { GraphWatch } from '../src/graph/watch/graphWatch.js';
import { createMonitorRuntime } from '../src/monitor/monitorRuntime.js';
import { simulateTransfers } from '../src/monitor/simulate/simulateTransfers.js';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '1000000' },
    accounts: { type: 'string', default: '1000000' },
    'sim-accounts': { type: 'string', default: '100000' },
    warmup: { type: 'string', default: '50000' },
    seed: { type: 'string', default: '1' },
    labelled: { type: 'string', default: '1000' },
  },
});
const N = Number(values.n);
const ACCOUNTS = Number(values.accounts);
const WARMUP = Number(values.warmup);

const gc = (globalThis as { gc?: () => void }).gc;

function monitorConfig(maxAccounts: number) {
  return ConfigSchema.parse({
    monitor: {
      warmupEvents: WARMUP,
      maxAccounts,
      retrain: { windowSize: WARMUP, everyEvents: 250_000 },
    },
  }).monitor;
}

function generate(): TransferEvent[] {
  const events: TransferEvent[] = [];
  // Enough simulated days for N transfers at this population's rate; the generator stops at N.
  for (const e of simulateTransfers({
    accounts: Number(values['sim-accounts']),
    days: 365,
    seed: Number(values.seed),
  })) {
    events.push(e);
    if (events.length >= N) break;
  }
  return events;
}

function percentile(sorted: Float64Array, q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

/** Labels every k-th distinct recipient of the stream as a hack, --labelled of them in all. */
function labelledIndex(events: readonly TransferEvent[]): LabelIndex {
  const recipients = [...new Set(events.map((e) => e.to))];
  const wanted = Math.max(1, Number(values.labelled));
  const step = Math.max(1, Math.floor(recipients.length / wanted));
  const index = new LabelIndex();
  for (let i = 0; i < recipients.length && index.size < wanted; i += step) {
    index.add({
      chain: 'ethereum',
      address: recipients[i] as string,
      category: 'hack',
      label: `bench source ${i}`,
      source: 'manual',
      sourceRef: 'monitor-stream.bench.ts',
      importedAt: new Date(0).toISOString(),
    });
  }
  return index;
}

async function streamPhase(events: readonly TransferEvent[], generateMs: number, withGraph: boolean) {
  const graphConfig = ConfigSchema.parse({}).graph;
  const graph = withGraph ? new GraphWatch(labelledIndex(events), graphConfig) : undefined;
  const runtime = createMonitorRuntime({
    config: monitorConfig(2_000_000),
    baseDir: process.cwd(),
    retraining: 'worker',
    ...(graph ? { observers: [graph], counterpartyRisk: graph } : {}),
  });
  const { monitor } = runtime;
  // The first model is fitted before timing starts, so the timed run scores every event.
  const warm = Math.min(WARMUP, events.length);
  for (let i = 0; i < warm; i++) monitor.process(events[i] as TransferEvent);
  while (!runtime.model.current) await new Promise((r) => setTimeout(r, 20));
  const latencies = new Float64Array(events.length - warm);
  let alerts = 0;
  const started = performance.now();
  for (let i = warm; i < events.length; i++) {
    const a = performance.now();
    alerts += monitor.process(events[i] as TransferEvent).length;
    latencies[i - warm] = performance.now() - a;
    // Let the retrainer's worker reply be handled, as the event loop would between source reads.
    if ((i & 0xffff) === 0) await new Promise((r) => setImmediate(r));
  }
  const elapsedMs = performance.now() - started;
  await runtime.close();
  const sorted = latencies.sort();
  const timed = events.length - warm;
  return {
    events: timed,
    warmupEvents: warm,
    generateMs: Math.round(generateMs),
    elapsedMs: Math.round(elapsedMs),
    perSecond: Math.round(timed / (elapsedMs / 1000)),
    p50Us: percentile(sorted, 0.5) * 1000,
    p99Us: percentile(sorted, 0.99) * 1000,
    p999Us: percentile(sorted, 0.999) * 1000,
    maxUs: (sorted[sorted.length - 1] as number) * 1000,
    alerts,
    stats: monitor.stats,
    ...(graph ? { graph: graph.stats, graphEdges: graph.graphs().get('ethereum')?.edgeCount ?? 0 } : {}),
    modelGeneration: runtime.model.generation,
    accounts: runtime.features.size,
  };
}

function memoryPhase() {
  const runtime = createMonitorRuntime({
    config: monitorConfig(Math.max(ACCOUNTS * 2, 1_000)),
    baseDir: process.cwd(),
    retraining: 'inline',
  });
  const hex = (i: number) => `0x${i.toString(16).padStart(40, '0')}`;
  gc?.();
  const before = process.memoryUsage();
  const t = Date.UTC(2025, 0, 1);
  for (let i = 0; i < ACCOUNTS; i++) {
    runtime.monitor.process({
      key: `m:${i}`,
      chain: 'ethereum',
      time: t + i * 10,
      from: hex(i),
      to: hex((i * 7 + 1) % ACCOUNTS),
      asset: 'ETH',
      amount: 1 + (i % 97),
    } as TransferEvent);
  }
  gc?.();
  const after = process.memoryUsage();
  const used = (m: NodeJS.MemoryUsage) => m.heapUsed + m.arrayBuffers;
  const bytes = used(after) - used(before);
  return {
    accounts: runtime.features.size,
    bytesTotal: bytes,
    bytesPerAccount: Math.round(bytes / runtime.features.size),
    gcExposed: Boolean(gc),
  };
}

// Memory first, on a clean heap: measured after the stream phase, the release of that phase's garbage
// would be subtracted from it.
const memory = memoryPhase();
gc?.();
const t0 = performance.now();
const events = generate();
const generateMs = performance.now() - t0;
const stream = await streamPhase(events, generateMs, false);
gc?.();
const withGraph = await streamPhase(events, generateMs, true);

const row = (name: string, value: string, target: string, met: boolean | undefined) =>
  `${name.padEnd(34)}${value.padStart(16)}  ${target.padEnd(18)}${met === undefined ? '' : met ? 'met' : 'NOT MET'}`;
console.log(
  `monitor stream: ${stream.events.toLocaleString('en-US')} transfers (after ${stream.warmupEvents.toLocaleString('en-US')} warm-up), ${stream.accounts.toLocaleString('en-US')} accounts, ${stream.alerts} alerts`,
);
console.log(row('measure', 'value', 'target', undefined));
for (const [name, r] of [
  ['', stream],
  [' + graph', withGraph],
] as const) {
  console.log(
    row(
      `throughput${name} (transfers/s)`,
      r.perSecond.toLocaleString('en-US'),
      '>= 100,000',
      r.perSecond >= 100_000,
    ),
  );
  console.log(row(`p50${name} per event (µs)`, r.p50Us.toFixed(1), '', undefined));
  console.log(row(`p99${name} per event (µs)`, r.p99Us.toFixed(1), '< 1,000', r.p99Us < 1_000));
  console.log(
    row(`p99.9 / max${name} (µs)`, `${r.p999Us.toFixed(0)} / ${r.maxUs.toFixed(0)}`, '', undefined),
  );
}
if (withGraph.graph) {
  const g = withGraph.graph;
  console.log(
    `graph: ${(withGraph.graphEdges ?? 0).toLocaleString('en-US')} edges; ${g.directAlerts} direct, ${g.indirectAlerts} indirect, ` +
      `${g.counterpartyAlerts} counterparty exposure alerts; ${g.screens} confirming screens`,
  );
}
console.log(
  row(
    `state per account (${memory.accounts.toLocaleString('en-US')})`,
    `${memory.bytesPerAccount} B`,
    '<= 2,048 B',
    memory.bytesPerAccount <= 2048,
  ),
);
if (!memory.gcExposed)
  console.log('(run with node --expose-gc for exact memory figures; npm run bench does)');

const out = join(dirname(fileURLToPath(import.meta.url)), 'results', 'monitor-stream.json');
writeFileSync(
  out,
  `${JSON.stringify({ when: new Date().toISOString(), stream, withGraph, memory }, null, 2)}\n`,
);
console.log(`results: ${out}`);
