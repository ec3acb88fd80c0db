import { createWriteStream, readFileSync, type WriteStream } from 'node:fs';
import type { Command } from 'commander';
import type { AlertInput } from '../../core/alert.js';
import { loadConfig } from '../../core/config/load.js';
import { ArgusError } from '../../core/errors.js';
import type { GraphWatchStats } from '../../graph/watch/graphWatch.js';
import { openGraphWatch, type StoredGraphWatch } from '../../graph/watch/openGraphWatch.js';
import { evaluateMonitor } from '../../monitor/evaluateMonitor.js';
import type { ModelRanking } from '../../monitor/modelRanking.js';
import { createMonitorRuntime } from '../../monitor/monitorRuntime.js';
import { type RunProgress, runMonitor } from '../../monitor/runMonitor.js';
import { formatEvaluation } from '../../monitor/simulate/formatEvaluation.js';
import { parseGroundTruth } from '../../monitor/simulate/groundTruth.js';
import { createSource } from '../../monitor/sources/createSource.js';
import type { RejectedRecord } from '../../monitor/sources/source.js';
import type { MonitorStats } from '../../monitor/transactionMonitor.js';
import { openStore } from '../../store/openStore.js';
import { startCliResponder } from '../cliResponder.js';
import { consoleOutput, type Output, printJson, reportError } from '../output.js';

interface RunOptions {
  source?: string;
  alertsOut?: string;
  store: boolean;
  json?: boolean;
}

interface EvalOptions {
  stream: string;
  truth: string;
  alertsOut?: string;
  json?: boolean;
}

export function registerMonitorCommands(program: Command): void {
  const monitor = program
    .command('monitor')
    .description('watch transfers as they happen: per-account features, an adaptive model and rules')
    .option(
      '--source <spec>',
      'where transfers come from: a JSONL/CSV file, evm:<rpc-url>, or nats://host:port?stream=...',
    )
    .option('--alerts-out <file>', 'also append every alert as one JSON line to this file')
    .option('--no-store', 'do not send alerts into the pipeline (no store, no actions): dry run')
    .option('--json', 'print the final summary as JSON')
    .addHelpText(
      'after',
      `
Each transfer updates the sender's and recipient's history (decayed counts and sums over 1 h, 24 h,
7 d, dormancy, amount against the account's own history, new counterparties, fan-in/out, usual hour
...), is scored by an unsupervised model retrained in a worker on a sliding window, and is checked by
the YAML rules (monitor.rulesFile, or the built-in ones). Alerts go into the alert pipeline, whose
policy can hold the withdrawal, demand a second factor or sweep funds. History and model are saved in
monitor.stateDir on exit and loaded on start. Every drift check of the model (PSI of its recent scores
against training, score histogram, alert rate, per-feature drift) and every retrain is stored for the
dashboard's Model health page (GET /v1/models/monitor/health).

Every transfer also goes onto the transaction graph (config section graph): a transfer touching a
labelled address (argus labels import) raises a direct-exposure alert at once; one that lifts the
receiver's traced exposure past graph.indirectExposure.threshold raises an indirect-exposure alert with
the paths; paying an address already exposed raises an exposed-counterparty alert; and the graph's
running exposure estimate feeds the counterparty_risk feature. The graph is saved to the store every
graph.saveEveryMs and on exit (POST /v1/screen answers from it) and restored on start. With --no-store
there are no labels and no graph. A malformed record is counted and reported; the stream
goes on. Ctrl-C stops after the current event.

Source specs:
  transfers.jsonl | transfers.csv.gz | -              replay a file (or stdin) as fast as possible
  file:transfers.jsonl?speed=recorded                 ... at the recorded pace (or speed=10 for 10x)
  evm:http://127.0.0.1:8545?confirmations=6           an EVM node: native and ERC-20 transfers
  nats://127.0.0.1:4222?stream=TRANSFERS&subject=transfers.>&durable=argus
                                                      a JetStream durable consumer, acked after processing

Examples:
  $ argus simulate --accounts 5000 --days 14 --out stream.jsonl --truth truth.json
  $ argus monitor --source stream.jsonl --alerts-out alerts.jsonl
  $ argus monitor eval --stream stream.jsonl --truth truth.json`,
    )
    .action(async (opts: RunOptions, cmd: Command) => {
      const output = consoleOutput(Boolean(opts.json));
      try {
        if (!opts.source) {
          throw new ArgusError('INPUT_INVALID', '--source is required', {
            hint: 'e.g. argus monitor --source transfers.jsonl (see argus monitor --help)',
          });
        }
        process.exitCode = await runLive(opts as RunOptions & { source: string }, cmd, output);
      } catch (error) {
        process.exitCode = reportError(output, error);
      }
    });

  monitor
    .command('eval')
    .description('run the monitor over a simulated stream and score it against the ground truth')
    .requiredOption('--stream <file>', 'the stream written by argus simulate --out')
    .requiredOption('--truth <file>', 'the ground truth written by argus simulate --truth')
    .option('--alerts-out <file>', 'write every alert as one JSON line to this file')
    .option('--json', 'print the report as JSON')
    .addHelpText(
      'after',
      `
Reports, per typology: incidents, how many were detected, recall, precision and the detection delay
(first alert's event time minus the incident's first malicious transfer); then per detector (each rule,
the model). The model is retrained inline at fixed points of the stream, so a run is reproducible.
Settings come from the monitor section of the config (rules, detector, threshold, warm-up).

Example:
  $ argus simulate --accounts 10000 --days 30 --seed 7 --out stream.jsonl --truth truth.json
  $ argus monitor eval --stream stream.jsonl --truth truth.json`,
    )
    .action(async (own: EvalOptions, cmd: Command) => {
      // --json and --alerts-out also exist on `monitor`, which claims them when given; read both levels.
      const opts = { ...(cmd.optsWithGlobals() as EvalOptions), ...own };
      const output = consoleOutput(Boolean(opts.json));
      try {
        const globals = cmd.optsWithGlobals() as { config?: string };
        const loaded = loadConfig({ file: globals.config });
        const truth = parseGroundTruth(readJson(opts.truth));
        const source = createSource(opts.stream, { baseDir: process.cwd() });
        const progress = progressPrinter(output);
        const result = await evaluateMonitor({
          source,
          truth,
          config: loaded.config.monitor,
          baseDir: loaded.baseDir,
          onProgress: progress,
        });
        if (opts.alertsOut) await writeJsonLines(opts.alertsOut, result.alerts);
        if (output.json) {
          printJson(output, {
            report: result.report,
            stats: result.stats,
            driftAlerts: result.alerts.filter((a) => a.subject.kind !== 'account').length,
            received: result.progress.received,
            rejected: result.progress.rejected,
            rejectedSamples: result.rejectedSamples,
            modelRanking: result.modelRanking,
          });
        } else {
          output.out(formatEvaluation(result.report));
          output.out('');
          output.out(formatModelRanking(result.modelRanking));
          output.out('');
          output.out(summaryLine(result.progress, result.stats));
          printRejected(output, result.progress.rejected, result.rejectedSamples);
        }
      } catch (error) {
        process.exitCode = reportError(output, error);
      }
    });
}

async function runLive(opts: RunOptions & { source: string }, cmd: Command, output: Output): Promise<number> {
  const globals = cmd.optsWithGlobals() as { config?: string };
  const loaded = loadConfig({ file: globals.config });
  const { config, baseDir } = loaded;
  const source = createSource(opts.source, { baseDir: process.cwd() });
  const store = opts.store ? await openStore(config.store, baseDir) : undefined;
  // The graph needs the stored labels and keeps its snapshots in the store: a dry run goes without it.
  const graph = store && config.graph.enabled ? await openGraphWatch(store, config.graph) : undefined;
  if (graph) output.err(graphStartLine(graph));
  const runtime = createMonitorRuntime({
    config: config.monitor,
    baseDir,
    retraining: 'worker',
    persistState: true,
    log: (line) => output.err(line),
    ...(graph ? { observers: graph.observers, counterpartyRisk: graph.watch } : {}),
    // Every drift check and retrain goes to the store for the dashboard's model-health page.
    ...(store ? { modelHealth: { sink: (checks) => store.modelHealth.recordMany(checks) } } : {}),
  });
  const responder = store ? startCliResponder(store, config, baseDir, output) : undefined;
  const alertsFile = opts.alertsOut ? createWriteStream(opts.alertsOut, { flags: 'a' }) : undefined;
  const abort = new AbortController();
  const stop = () => abort.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const rejectedSamples: RejectedRecord[] = [];
  let storeErrors = 0;
  const saveGraph = async (): Promise<void> => {
    if (!graph) return;
    try {
      await graph.save(Date.now());
    } catch (error) {
      storeErrors++;
      output.err(`graph not saved: ${(error as Error).message}`);
    }
  };
  const graphSaver = graph ? setInterval(() => void saveGraph(), config.graph.saveEveryMs) : undefined;
  graphSaver?.unref();
  const sink = async (alerts: readonly AlertInput[]): Promise<void> => {
    if (alertsFile) for (const alert of alerts) alertsFile.write(`${JSON.stringify(alert)}\n`);
    if (!responder) return;
    const result = await responder.pipeline.ingestBatch(alerts);
    for (const r of result.rejected) {
      storeErrors++;
      output.err(`alert not accepted: ${r.errors.map((e) => `${e.path} ${e.message}`).join('; ')}`);
    }
  };
  try {
    const progress = await runMonitor({
      source,
      monitor: runtime.monitor,
      signal: abort.signal,
      sink,
      onReject: (r) => {
        if (rejectedSamples.length < 20) rejectedSamples.push(r);
        if (rejectedSamples.length <= 5) output.err(`rejected ${r.position}: ${r.reason}`);
      },
      onProgress: progressPrinter(output),
    });
    await runtime.settle();
    runtime.saveState();
    // Linkability is otherwise checked on an event-time schedule; a run's end is one more checkpoint.
    const privacyAlerts = graph?.privacy?.check(Date.now()) ?? [];
    if (privacyAlerts.length > 0) {
      progress.alerts += privacyAlerts.length;
      await sink(privacyAlerts);
    }
    clearInterval(graphSaver);
    await saveGraph();
    const stats = runtime.monitor.stats;
    if (output.json) {
      printJson(output, {
        ...progress,
        stats,
        ...(graph ? { graph: graph.watch.stats } : {}),
        ...(graph?.privacy ? { privacy: graph.privacy.stats } : {}),
        storeErrors,
        rejectedSamples,
      });
    } else {
      output.out(summaryLine(progress, stats));
      if (graph) output.out(graphSummaryLine(graph.watch.stats));
      printRejected(output, progress.rejected, rejectedSamples);
    }
    return storeErrors > 0 ? 2 : 0;
  } finally {
    clearInterval(graphSaver);
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await runtime.close();
    await responder?.stop();
    await store?.close();
    await closeStream(alertsFile);
  }
}

/** A line every 100,000 events on a terminal; nothing in CI or with --json. */
function progressPrinter(output: Output): ((p: RunProgress) => void) | undefined {
  if (output.json || !process.stderr.isTTY) return undefined;
  return (p) => {
    if (p.done) return;
    const rate = p.received / Math.max(1e-3, p.elapsedMs / 1000);
    process.stderr.write(
      `\r${p.received.toLocaleString('en-US')} transfers, ${p.alerts} alerts, ${p.rejected} rejected, ${Math.round(rate).toLocaleString('en-US')}/s   `,
    );
  };
}

function graphStartLine(graph: StoredGraphWatch): string {
  const restored = graph.restored.map((r) => `${r.chain} ${r.nodes.toLocaleString('en-US')} addresses`);
  return (
    `graph: ${graph.labels.toLocaleString('en-US')} labels loaded; ` +
    (restored.length > 0 ? `restored ${restored.join(', ')}` : 'no saved graph, starting empty')
  );
}

function graphSummaryLine(s: GraphWatchStats): string {
  return (
    `graph: ${s.added.toLocaleString('en-US')} transfers added, ${s.skippedChain} of unwatched chains, ` +
    `${s.invalidAddress} with addresses invalid on their chain; ${s.directAlerts} direct and ` +
    `${s.indirectAlerts} indirect exposure and ${s.counterpartyAlerts} exposed-counterparty alerts ` +
    `(${s.screens} confirming screens)`
  );
}

function formatModelRanking(r: ModelRanking): string {
  const auc = (v: number | null) => (v === null ? '-' : v.toFixed(3));
  const lines = [
    `Model score alone, any threshold: ROC AUC ${auc(r.rocAuc)}, average precision ${auc(r.averagePrecision)} ` +
      `(${r.malicious} malicious of ${r.scored.toLocaleString('en-US')} scored transfers)`,
  ];
  for (const t of r.byTypology)
    lines.push(`  ${t.typology.padEnd(24)} ${auc(t.rocAuc)}  (${t.transfers} transfers)`);
  return lines.join('\n');
}

function summaryLine(p: RunProgress, s: MonitorStats): string {
  const rate = p.received / Math.max(1e-3, p.elapsedMs / 1000);
  return (
    `${p.received.toLocaleString('en-US')} transfers in ${(p.elapsedMs / 1000).toFixed(1)} s ` +
    `(${Math.round(rate).toLocaleString('en-US')}/s): ${s.duplicates} duplicates ignored, ${p.rejected} malformed ` +
    `rejected; ${p.alerts} alerts (rules ${s.ruleAlerts}, model ${s.modelAlerts}, feedback model ${s.supervisedAlerts}); ` +
    `${s.scored.toLocaleString('en-US')} scored by the model`
  );
}

function printRejected(output: Output, count: number, samples: RejectedRecord[]): void {
  if (count === 0) return;
  output.err(`${count} malformed record(s) rejected; the first ${samples.length}:`);
  for (const r of samples) output.err(`  ${r.position}: ${r.reason}`);
}

function readJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new ArgusError('INPUT_INVALID', `cannot read ${path}: ${(cause as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new ArgusError('INPUT_INVALID', `${path} is not JSON: ${(cause as Error).message}`);
  }
}

async function writeJsonLines(path: string, alerts: readonly AlertInput[]): Promise<void> {
  const stream = createWriteStream(path);
  for (const alert of alerts) stream.write(`${JSON.stringify(alert)}\n`);
  await closeStream(stream);
}

function closeStream(stream: WriteStream | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!stream) return resolve();
    stream.end((error?: Error | null) => (error ? reject(error) : resolve()));
  });
}
