import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { DETECTORS, detectorMeta } from '../../audit/detectors/registry.js';
import { auditReportRecord } from '../../audit/report/auditReportRecord.js';
import { exitCodeFor } from '../../audit/report/exitCode.js';
import { formatHtml } from '../../audit/report/formatHtml.js';
import { formatJson } from '../../audit/report/formatJson.js';
import { formatMarkdown } from '../../audit/report/formatMarkdown.js';
import { formatSarif } from '../../audit/report/formatSarif.js';
import { colorEnabled, formatText } from '../../audit/report/formatText.js';
import { runAudit } from '../../audit/runAudit.js';
import type { FindingSeverity } from '../../audit/types.js';
import { ArgusError } from '../../core/errors.js';
import { VERSION } from '../../version.js';
import { withStore } from '../context.js';
import { consoleOutput, EXIT_USAGE, formatTable, printJson, reportError } from '../output.js';

const FORMATS = ['text', 'json', 'sarif', 'markdown', 'html'] as const;
type Format = (typeof FORMATS)[number];
const FAIL_ON = ['none', 'info', 'low', 'medium', 'high'] as const;

interface AuditCliOptions {
  format: string;
  output?: string;
  failOn: string;
  detectors?: string;
  exclude?: string;
  listDetectors?: boolean;
  progress: boolean;
  store?: boolean;
}

function ids(value: string | undefined, option: string): string[] | undefined {
  if (!value) return undefined;
  const list = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = list.filter((id) => !detectorMeta(id));
  if (unknown.length) {
    throw new ArgusError('INPUT_INVALID', `${option}: unknown detector ${unknown.join(', ')}`, {
      hint: 'see `argus audit --list-detectors` for the ids',
    });
  }
  return list;
}

function oneOf<T extends string>(value: string, allowed: readonly T[], option: string): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ArgusError('INPUT_INVALID', `${option}: expected one of ${allowed.join(', ')}, got "${value}"`);
  }
  return value as T;
}

/** A progress line on a terminal: counts and rate, redrawn in place; nothing in CI or pipes. */
function progressReporter(enabled: boolean): { update(done: number, total: number): void; end(): void } {
  if (!enabled || !process.stderr.isTTY || process.env.CI) return { update() {}, end() {} };
  const started = Date.now();
  let last = 0;
  return {
    update(done, total) {
      const now = Date.now();
      if (now - last < 100 || total < 20) return;
      last = now;
      const rate = done / Math.max(0.001, (now - started) / 1000);
      process.stderr.write(`\r  parsing ${done}/${total} files (${rate.toFixed(0)}/s)   `);
    },
    end() {
      if (last) process.stderr.write('\r\x1b[K');
    },
  };
}

export function registerAuditCommand(program: Command): void {
  program
    .command('audit [paths...]')
    .description('static analysis of Solidity 0.4-0.8 sources (files or folders), no compiler needed')
    .option('-f, --format <format>', `output: ${FORMATS.join(', ')}`, 'text')
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('--fail-on <severity>', `exit 1 when a finding is at or above: ${FAIL_ON.join(', ')}`, 'none')
    .option('--detectors <ids>', 'run only these detectors (comma-separated)')
    .option('--exclude <ids>', 'skip these detectors (comma-separated)')
    .option('--list-detectors', 'list the detectors with severity, category and SWC id, then exit')
    .option('--no-progress', 'no progress line on a terminal')
    .option('--store', "also save the report in the configured store, for the dashboard's Audit page")
    .addHelpText(
      'after',
      `
Silence one finding with a comment on the line before it:
  // argus-disable-next-line reentrancy-eth

Exit codes: 0 ok, 1 a finding at or above --fail-on, 2 usage or input error.

Examples:
  $ argus audit contracts/
  $ argus audit contracts/ --format sarif --output argus.sarif --fail-on high
  $ argus audit Token.sol --format html --output audit.html
  $ argus audit src --detectors reentrancy-eth,tx-origin --format json
  $ argus audit contracts/ --store --fail-on high   # CI: the run shows in the dashboard`,
    )
    .action(async (paths: string[], opts: AuditCliOptions, cmd: Command) => {
      const format = FORMATS.includes(opts.format as Format) ? (opts.format as Format) : undefined;
      const output = consoleOutput(format === 'json' || format === 'sarif');
      try {
        if (opts.listDetectors) {
          const rows = DETECTORS.map((d) => [
            d.meta.id,
            d.meta.severity,
            d.meta.confidence,
            d.meta.category,
            d.meta.swc ?? '',
            d.meta.title,
          ]);
          if (format === 'json')
            printJson(
              output,
              DETECTORS.map((d) => d.meta),
            );
          else
            output.out(formatTable(['id', 'severity', 'confidence', 'category', 'swc', 'title'], rows, 70));
          return;
        }
        const chosen = oneOf(opts.format, FORMATS, '--format');
        const failOn = oneOf(opts.failOn, FAIL_ON, '--fail-on') as FindingSeverity | 'none';
        if (paths.length === 0) {
          throw new ArgusError('INPUT_INVALID', 'no files or folders to audit', {
            hint: 'name Solidity files or folders, e.g. `argus audit contracts/`',
          });
        }
        const detectors = ids(opts.detectors, '--detectors');
        const exclude = ids(opts.exclude, '--exclude');
        const progress = progressReporter(opts.progress && chosen === 'text' && !opts.output);
        const report = await runAudit(paths, {
          ...(detectors ? { detectors } : {}),
          ...(exclude ? { exclude } : {}),
          onProgress: progress.update,
        });
        progress.end();
        if (report.files === 0) {
          throw new ArgusError('INPUT_INVALID', `no .sol files found in ${paths.join(', ')}`, {
            hint: 'check the paths; node_modules, lib caches and hidden folders are skipped',
          });
        }
        const sources = (file: string) => report.sources.get(file);
        const title = `Argus audit of ${paths.join(', ')}`;
        const rendered =
          chosen === 'json'
            ? formatJson(report)
            : chosen === 'sarif'
              ? formatSarif(report, {
                  metaOf: detectorMeta,
                  toolVersion: VERSION,
                  baseDir: process.cwd(),
                  sources,
                })
              : chosen === 'markdown'
                ? formatMarkdown(report, { sources, metaOf: detectorMeta, title })
                : chosen === 'html'
                  ? formatHtml(report, { sources, metaOf: detectorMeta, title })
                  : formatText(report, {
                      color: !opts.output && colorEnabled(process.stdout, process.env),
                      sources,
                    });
        if (opts.output) {
          writeFileSync(opts.output, `${rendered}\n`);
          process.stderr.write(
            `wrote ${opts.output}: ${report.findings.length} findings in ${report.files} files\n`,
          );
        } else {
          output.out(rendered);
        }
        if (opts.store) {
          const record = auditReportRecord(report, {
            origin: 'cli',
            target: paths.join(', '),
            at: Date.now(),
          });
          await withStore(cmd, ({ store }) => store.auditReports.save(record));
          process.stderr.write(`stored audit report ${record.id} (dashboard: /audit/${record.id})\n`);
        }
        process.exitCode = exitCodeFor(report, failOn);
      } catch (error) {
        process.exitCode = error instanceof ArgusError ? reportError(output, error) : EXIT_USAGE;
        if (!(error instanceof ArgusError)) reportError(output, error);
      }
    });
}
