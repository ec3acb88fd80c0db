/**
 * Alert pipeline throughput and latency on the embedded store.
 *
 *  1. ingest: N alerts through dedupe + policy + SQLite (temp file, WAL, synchronous=normal), with
 *     up to --in-flight (default 256) ingests outstanding, dispatcher stopped: alerts/s of ingest alone. Then the
 *     dispatcher drains the N queued actions: actions/s of dispatch alone.
 *  2. latency: a fresh store with the dispatcher running and alerts offered at a fixed rate
 *     (--rate, default 10,000/s, the target): time from the start of ingest to the action having
 *     been carried out (its action-updated event with status succeeded). When the rate is above
 *     what the machine sustains, this measures the backlog; so latency is also measured at
 *     --mid-rate (default 5,000/s, at most 25,000 alerts) and --light-rate (default 1,000/s, at most
 *     5,000 alerts). Ingest and dispatch share the one JavaScript thread, as in `argus serve`.
 *
 * About 30% of alerts repeat one of 1,000 subjects (dedupe hits, no new actions); the rest are new.
 * The policy matches most alerts and orders a `notify` to a writer that drops the line.
 *
 *   npm run bench -- pipeline --n 50000 --rate 10000
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';
import type { AlertInput } from '../src/core/alert.js';
import { ConfigSchema } from '../src/core/config/schema.js';
import type { Severity } from '../src/core/severity.js';
import type { Logger } from '../src/respond/logger.js';
import { parsePolicy } from '../src/respond/policy/parsePolicy.js';
import { createResponder, type Responder } from '../src/respond/responder.js';
import { openSqliteStore } from '../src/store/sqlite/sqliteStore.js';
import type { Store } from '../src/store/types.js';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '50000' },
    rate: { type: 'string', default: '10000' },
    'mid-rate': { type: 'string', default: '5000' },
    'light-rate': { type: 'string', default: '1000' },
    'in-flight': { type: 'string', default: '256' },
    concurrency: { type: 'string', default: '16' },
    /** Where the store files go; /dev/shm separates the code's cost from the disk's. */
    dir: { type: 'string', default: tmpdir() },
  },
});
const IN_FLIGHT = Number(values['in-flight']);
const N = Number(values.n);
const RATE = Number(values.rate);
const MID_RATE = Number(values['mid-rate']);
const LIGHT_RATE = Number(values['light-rate']);

const respond = ConfigSchema.parse({
  respond: { dispatcher: { concurrency: Number(values.concurrency) } },
}).respond;
const policy = parsePolicy(
  parse(`
rules:
  - name: drop informational noise
    match: { severity: info }
    stop: true
  - name: sanctioned counterparties
    match: { detector: sanctioned-*, subject: { attributes: { jurisdiction: [IR, KP] } } }
    actions: [{ type: notify, channel: stdout }]
    stop: true
  - name: tell the on-call engineer
    match: { area: [monitor, graph, auth], severity: { gte: low }, score: { gte: 0.1 } }
    actions: [{ type: notify, channel: stdout }]
`),
  'bench policy',
  respond,
);

const SEVERITIES: Severity[] = ['info', 'low', 'medium', 'medium', 'high', 'high', 'critical'];
const DETECTORS = ['dormant-account', 'velocity-spike', 'sanctioned-counterparty', 'mixer-exposure'];
const HOT_SUBJECTS = 1_000;

/** Deterministic inputs: the i-th alert is the same on every run. */
function inputs(n: number, salt: string): AlertInput[] {
  return Array.from({ length: n }, (_, i) => {
    const repeat = i % 10 < 3;
    const id = repeat ? `0xhot${(i * 7919) % HOT_SUBJECTS}` : `0x${salt}${i.toString(16)}`;
    return {
      area: 'monitor',
      detector: DETECTORS[i % DETECTORS.length] ?? 'dormant-account',
      subject: {
        kind: 'account',
        id,
        chain: 'ethereum',
        attributes: { jurisdiction: i % 13 === 0 ? 'IR' : 'US' },
      },
      // A repeat keeps its subject's severity, so dedupe hits are plain repeats rather than escalations.
      severity: SEVERITIES[(repeat ? (i * 7919) % HOT_SUBJECTS : i) % SEVERITIES.length] ?? 'medium',
      score: ((i * 37) % 100) / 100,
      title: 'Unusual withdrawal pattern',
      explanation: 'Withdrawal volume is 12 standard deviations above the account baseline.',
      evidence: [{ kind: 'feature', name: 'amount_z', value: 12.3, baseline: 0.4 }],
      context: { txHash: `0xtx${i}` },
    };
  });
}

const silent: Logger = { info: () => {}, warn: () => {}, error: () => {} };

function open(
  dir: string,
  name: string,
  stdout: (line: string) => void = () => {},
): { store: Store; responder: Responder } {
  const store = openSqliteStore({ path: join(dir, `${name}.db`), synchronous: 'normal' });
  const responder = createResponder({ store, config: respond, policy, logger: silent, stdout });
  return { store, responder };
}

/** Resolves once `count` actions have been carried out. */
function succeeded(responder: Responder, count: number) {
  let done = 0;
  return new Promise<void>((resolve) => {
    if (count === 0) resolve();
    responder.bus.subscribe((event) => {
      if (event.type !== 'action-updated' || event.action.status !== 'succeeded') return;
      if (++done === count) resolve();
    });
  });
}

async function measureThroughput(dir: string) {
  const { store, responder } = open(dir, 'throughput');
  const batch = inputs(N, 'a');
  let actions = 0;
  let next = 0;
  const started = performance.now();
  // A streaming source keeps a bounded number of alerts in flight rather than awaiting each one.
  const producer = async (): Promise<void> => {
    while (next < batch.length) {
      const { actions: ordered } = await responder.pipeline.ingest(batch[next++]);
      actions += ordered.length;
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, producer));
  const ingestMs = performance.now() - started;
  const drained = succeeded(responder, actions);
  const drainStarted = performance.now();
  responder.start();
  await drained;
  const drainMs = performance.now() - drainStarted;
  await responder.stop();
  await store.close();
  return { alertsPerSecond: (N / ingestMs) * 1000, actions, actionsPerSecond: (actions / drainMs) * 1000 };
}

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;

/**
 * Offers `n` alerts at `rate` per second (open loop) and measures, per alert that orders an action,
 * the time from when it was due to (a) its notify action being carried out (the executor writing
 * its line: "dispatched") and (b) that outcome being committed to the store ("recorded").
 */
async function measureLatency(dir: string, name: string, n: number, rate: number) {
  const dispatchedAt = new Map<string, number>();
  const { store, responder } = open(dir, name, (line) => {
    dispatchedAt.set(line.slice(line.lastIndexOf(' ') + 1), performance.now());
  });
  const batch = inputs(n, name);
  const dueAt = new Map<string, number>();
  const actionOf = new Map<string, string>();
  const recordedAt = new Map<string, number>();
  responder.bus.subscribe((event) => {
    if (event.type === 'action-updated' && event.action.status === 'succeeded') {
      recordedAt.set(event.action.id, performance.now());
    }
  });
  responder.start();
  const all = new Promise<void>((resolve) => {
    let next = 0;
    const t0 = performance.now();
    const pending: Promise<void>[] = [];
    const burst = (): void => {
      const due = Math.min(n, Math.floor(((performance.now() - t0) * rate) / 1000) + 1);
      for (; next < due; next++) {
        // Measured from when the alert was due, not from when the generator got to it: a stalled
        // event loop delays alerts in the real world too (no coordinated omission).
        const begin = t0 + (next * 1000) / rate;
        pending.push(
          responder.pipeline.ingest(batch[next]).then(({ alert, actions, outcome }) => {
            if (outcome !== 'created' || actions.length === 0) return;
            dueAt.set(alert.id, begin);
            actionOf.set(alert.id, actions[0]?.id ?? '');
          }),
        );
      }
      if (next >= n) {
        void Promise.all(pending).then(() => resolve());
        return;
      }
      // Sleep until the next alert is due rather than spin: a spinning generator allocates and burns
      // the very CPU and heap it is measuring.
      const wait = t0 + (next * 1000) / rate - performance.now();
      if (wait >= 1) setTimeout(burst, Math.floor(wait));
      else setImmediate(burst);
    };
    burst();
  });
  await all;
  while (recordedAt.size < actionOf.size) await new Promise((resolve) => setTimeout(resolve, 5));
  await responder.stop();
  await store.close();
  const dispatched: number[] = [];
  const recorded: number[] = [];
  for (const [alertId, begin] of dueAt) {
    dispatched.push((dispatchedAt.get(alertId) ?? Number.NaN) - begin);
    recorded.push((recordedAt.get(actionOf.get(alertId) ?? '') ?? Number.NaN) - begin);
  }
  return { dispatched: summary(dispatched), recorded: summary(recorded) };
}

function summary(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 1000) / 1000;
  return {
    samples: sorted.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.at(-1) ?? Number.NaN),
  };
}

const dir = mkdtempSync(join(values.dir, 'argus-bench-'));
try {
  const throughput = await measureThroughput(dir);
  const latency = await measureLatency(dir, 'loaded', N, RATE);
  const mid = await measureLatency(dir, 'mid', Math.min(N, 25_000), MID_RATE);
  const light = await measureLatency(dir, 'light', Math.min(N, 5_000), LIGHT_RATE);
  const alertsPerSecond = Math.round(throughput.alertsPerSecond);
  console.table([
    { measure: `ingest (dispatcher stopped, ${IN_FLIGHT} in flight)`, n: N, perSecond: alertsPerSecond },
    {
      measure: 'dispatch of the backlog (notify actions)',
      n: throughput.actions,
      perSecond: Math.round(throughput.actionsPerSecond),
    },
  ]);
  const loads = [
    { rate: RATE, ...latency },
    { rate: MID_RATE, ...mid },
    { rate: LIGHT_RATE, ...light },
  ];
  console.table(
    loads.flatMap((l) => [
      { measure: `due -> dispatched @ ${l.rate}/s (ms)`, ...l.dispatched },
      { measure: `due -> recorded @ ${l.rate}/s (ms)`, ...l.recorded },
    ]),
  );
  const result = {
    name: 'pipeline',
    n: N,
    store: values.dir,
    alertsPerSecond,
    inFlight: IN_FLIGHT,
    dispatchActionsPerSecond: Math.round(throughput.actionsPerSecond),
    concurrency: respond.dispatcher.concurrency,
    latencyMs: loads.map((l) => ({ rate: l.rate, dispatched: l.dispatched, recorded: l.recorded })),
    node: process.version,
    date: new Date().toISOString(),
  };
  const out = join(dirname(fileURLToPath(import.meta.url)), 'results', 'pipeline.json');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`wrote ${out}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
