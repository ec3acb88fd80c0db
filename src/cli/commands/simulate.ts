import type { Command } from 'commander';
import { ArgusError } from '../../core/errors.js';
import { parseDuration } from '../../monitor/rules/duration.js';
import { RatesSchema } from '../../monitor/simulate/options.js';
import { parseTypologyCounts } from '../../monitor/simulate/parseTypologyCounts.js';
import { TYPOLOGIES } from '../../monitor/simulate/typologies/registry.js';
import { TYPOLOGY_NAMES } from '../../monitor/simulate/typologyNames.js';
import { type SimulationSummary, writeSimulation } from '../../monitor/simulate/writeSimulation.js';
import { consoleOutput, formatTable, formatTime, printJson, reportError } from '../output.js';

interface SimulateOptions {
  accounts: string;
  days: string;
  start: string;
  seed: string;
  out: string;
  truth?: string;
  typologies?: string;
  rates?: string;
  threshold?: string;
  malformed?: string;
  duplicates?: string;
  jitter?: string;
  json?: boolean;
  progress: boolean;
}

function number(option: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) {
    throw new ArgusError('INPUT_INVALID', `${option}: expected a number, got "${value}"`);
  }
  return n;
}

function startTime(value: string): number {
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(ms)) {
    throw new ArgusError('INPUT_INVALID', `--start: expected an ISO date or epoch ms, got "${value}"`, {
      hint: 'e.g. --start 2024-01-01 or --start 2024-03-01T00:00:00Z',
    });
  }
  return ms;
}

function rates(value: string | undefined): Record<string, number> | undefined {
  if (value === undefined) return undefined;
  const out: Record<string, number> = {};
  for (const part of value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [key, raw] = part.split('=');
    if (!key || raw === undefined) {
      throw new ArgusError('INPUT_INVALID', `--rates: expected key=value, got "${part}"`, {
        hint: 'e.g. --rates activeShare=0.1,sweepShare=0',
      });
    }
    out[key.trim()] = number(`--rates ${key}`, raw) as number;
  }
  return out;
}

function jitter(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = parseDuration(value);
  if (ms === undefined || ms < 0) {
    throw new ArgusError('INPUT_INVALID', `--jitter: expected a duration such as 60s or 5m, got "${value}"`);
  }
  return ms;
}

/** A progress line on a terminal: share of simulated time, records and rate; nothing in CI or pipes. */
function progressLine(enabled: boolean): {
  update(p: { fraction: number; events: number }): void;
  end(): void;
} {
  if (!enabled || !process.stderr.isTTY || process.env.CI) return { update() {}, end() {} };
  const started = Date.now();
  let last = 0;
  return {
    update({ fraction, events }) {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      const width = 24;
      const filled = Math.round(Math.max(0, Math.min(1, fraction)) * width);
      const rate = events / Math.max(0.001, (now - started) / 1000);
      process.stderr.write(
        `\r  simulating [${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}%  ${events.toLocaleString('en-US')} transfers (${Math.round(rate).toLocaleString('en-US')}/s)   `,
      );
    },
    end() {
      if (last) process.stderr.write('\r\x1b[K');
    },
  };
}

const FLOW_NAMES: Record<string, string> = {
  'external->customer': 'deposits',
  'customer->external': 'withdrawals',
  'customer->contract': 'contract calls',
  'customer->customer': 'internal transfers',
  'customer->hot-wallet': 'sweeps to hot wallet',
  'hot-wallet->cold-wallet': 'hot to cold',
  'cold-wallet->hot-wallet': 'cold to hot',
  'external->external': 'between outside addresses',
};

function describeSummary(s: SimulationSummary, seconds: number): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const days = (s.streamEnd - s.streamStart) / 86_400_000;
  const lines = [
    `wrote ${n(s.events)} transfers (${n(s.lines)} lines, ${(s.bytes / 1e6).toFixed(1)} MB) to ${s.out === '-' ? 'stdout' : s.out} in ${seconds.toFixed(1)} s (${n(Math.round(s.events / Math.max(seconds, 0.001)))} transfers/s)`,
    `${n(s.accounts)} accounts, ${formatTime(s.streamStart)} to ${formatTime(s.streamEnd)} UTC (${days} days)` +
      (s.firstEventTime !== undefined && s.firstEventTime < s.streamStart
        ? `; dormant accounts' last activity from ${formatTime(s.firstEventTime)}`
        : ''),
    '',
    formatTable(
      ['flow', 'transfers'],
      Object.entries(s.flows)
        .sort((a, b) => b[1] - a[1])
        .map(([flow, count]) => [FLOW_NAMES[flow] ?? flow, n(count)]),
    ),
    '',
    formatTable(
      ['typology', 'incidents'],
      TYPOLOGY_NAMES.map((t) => [t, String(s.incidents[t])]),
    ),
  ];
  if (s.outputClosed) {
    lines.push('', 'stopped early: the reader closed the output (counts are what was generated until then)');
  }
  if (s.malformedLines || s.duplicates || s.jitterMs) {
    lines.push(
      '',
      `bad input: ${n(s.malformedLines)} malformed lines, ${n(s.duplicates)} duplicated records, jitter up to ${s.jitterMs / 1000} s`,
    );
  }
  lines.push('', s.truth ? `ground truth: ${s.truth}` : 'ground truth: not written (no --truth)');
  return lines.join('\n');
}

function defaultTruthPath(out: string): string | undefined {
  if (out === '-') return undefined;
  return `${out.replace(/\.jsonl?$/i, '')}.truth.json`;
}

export function registerSimulateCommand(program: Command): void {
  program
    .command('simulate')
    .description(
      'write a synthetic exchange transfer stream (JSON Lines) with planted laundering and fraud incidents, and their ground truth',
    )
    .option('--accounts <n>', 'customer accounts', '10000')
    .option('--days <n>', 'length of the simulated period in days', '30')
    .option('--start <date>', 'start of the period: ISO date or epoch ms', '2024-01-01T00:00:00Z')
    .option('--seed <n>', 'random seed: the same seed gives the same stream, byte for byte', '1')
    .option(
      '--out <file>',
      'where to write the stream, one TransferEvent per line ("-" for stdout)',
      'stream.jsonl',
    )
    .option('--truth <file>', 'where to write the ground truth (default: next to --out as <name>.truth.json)')
    .option(
      '--typologies <spec>',
      `incidents per typology, e.g. dormant=5,coordinated=3 ("all=N", "none"); typologies: ${TYPOLOGY_NAMES.join(', ')}`,
    )
    .option(
      '--rates <spec>',
      `population behaviour, e.g. activeShare=0.1,sweepShare=0; keys: ${Object.keys(RatesSchema.shape).join(', ')}`,
    )
    .option('--threshold <usd>', 'reporting threshold the structuring incidents stay under', '10000')
    .option('--malformed <share>', 'share of records preceded by a broken line (robustness tests)')
    .option('--duplicates <share>', 'share of records written twice with the same key')
    .option(
      '--jitter <duration>',
      'lines arrive up to this late (60s, 5m), so the file is slightly out of order',
    )
    .option('--json', 'print the summary as JSON (no progress line)')
    .option('--no-progress', 'no progress line on a terminal')
    .addHelpText(
      'after',
      `
Typologies planted (each instance listed in the ground truth with its accounts, event keys, start, end):
${TYPOLOGY_NAMES.map((t) => `  ${t.padEnd(24)}${TYPOLOGIES[t].summary}`).join('\n')}

Events are sorted by time (unless --jitter). Dormant accounts' last activity before the period is
included, so a stream starts up to a few months before --start.

Examples:
  $ argus simulate --accounts 10000 --days 30 --seed 7 --out stream.jsonl --truth truth.json
  $ argus simulate --accounts 50000 --days 60 --typologies dormant=10,coordinated=5,peel=0
  $ argus simulate --malformed 0.001 --duplicates 0.001 --jitter 60s --out noisy.jsonl
  $ argus simulate --days 7 --out - --json | head`,
    )
    .action(async (opts: SimulateOptions) => {
      const toStdout = opts.out === '-';
      const output = consoleOutput(Boolean(opts.json));
      try {
        const progress = progressLine(opts.progress && !opts.json);
        const truth = opts.truth ?? defaultTruthPath(opts.out);
        const started = Date.now();
        const summary = await writeSimulation({
          accounts: number('--accounts', opts.accounts) as number,
          days: number('--days', opts.days) as number,
          start: startTime(opts.start),
          seed: number('--seed', opts.seed) as number,
          structuringThresholdUsd: number('--threshold', opts.threshold),
          ...(opts.typologies ? { typologies: parseTypologyCounts(opts.typologies) } : {}),
          ...(opts.rates ? { rates: rates(opts.rates) } : {}),
          out: opts.out,
          ...(truth ? { truth } : {}),
          malformed: number('--malformed', opts.malformed),
          duplicates: number('--duplicates', opts.duplicates),
          jitterMs: jitter(opts.jitter),
          onProgress: progress.update,
        });
        progress.end();
        const seconds = (Date.now() - started) / 1000;
        // With the stream on stdout, the summary goes to stderr so a pipe only sees transfers.
        if (opts.json) {
          const text = JSON.stringify({ ...summary, seconds }, null, 2);
          if (toStdout) process.stderr.write(`${text}\n`);
          else printJson(output, { ...summary, seconds });
        } else if (toStdout) {
          process.stderr.write(`${describeSummary(summary, seconds)}\n`);
        } else {
          output.out(describeSummary(summary, seconds));
        }
      } catch (error) {
        process.exitCode = reportError(output, error);
      }
    });
}
