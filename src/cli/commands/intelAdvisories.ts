import { resolve } from 'node:path';
import type { Command } from 'commander';
import { ArgusError } from '../../core/errors.js';
import { type AdvisoryWatchResult, watchStoredAdvisories } from '../../intel/inventory/advisoryWatch.js';
import type { InventoryFinding } from '../../intel/inventory/checkProject.js';
import { startCliResponder } from '../cliResponder.js';
import { type CliContext, withStore } from '../context.js';
import { consoleOutput, formatTable, type Output, printJson, reportError } from '../output.js';

interface WatchOptions {
  project?: string[];
  dryRun?: boolean;
  json?: boolean;
}

interface Sent {
  created: string[];
  deduplicated: string[];
  actions: number;
  rejected: { title: string; errors: string[] }[];
}

async function send(ctx: CliContext, result: AdvisoryWatchResult, output: Output): Promise<Sent> {
  const sent: Sent = { created: [], deduplicated: [], actions: 0, rejected: [] };
  if (result.alerts.length === 0) return sent;
  const { store, loaded } = ctx;
  const responder = startCliResponder(store, loaded.config, loaded.baseDir, output);
  try {
    const batch = await responder.pipeline.ingestBatch(result.alerts);
    for (const a of batch.accepted) {
      (a.outcome === 'created' ? sent.created : sent.deduplicated).push(a.alert.id);
      sent.actions += a.actions.length;
    }
    for (const r of batch.rejected) {
      sent.rejected.push({
        title: result.alerts[r.index]?.title ?? `#${r.index}`,
        errors: r.errors.map((e) => `${e.path} ${e.message}`),
      });
    }
  } finally {
    await responder.stop();
  }
  return sent;
}

function fixedText(f: InventoryFinding): string {
  if (f.fixed) return f.fixed;
  return f.lastAffected ? `no fix (last affected ${f.lastAffected})` : 'no fix';
}

function formatWatch(result: AdvisoryWatchResult, from: string, sent: Sent | undefined): string {
  const lines = [`${result.projects.length} projects (${from})`];
  for (const p of result.projects) {
    if (p.error) {
      lines.push(`  ${p.dir}: unreadable: ${p.error}`);
      continue;
    }
    const unevaluated =
      p.unevaluated.length > 0
        ? `, ${p.unevaluated.length} not evaluated (version unknown or unreadable range)`
        : '';
    lines.push(
      `  ${p.dir}: ${p.dependencies} dependencies, ${p.findings.length} affected, ${p.newFindings.length} new${unevaluated}`,
    );
    for (const problem of p.problems) lines.push(`    unreadable ${problem.path}: ${problem.reason}`);
  }
  const a = result.advisories;
  lines.push(
    `${a.read} OSV advisories in the store` +
      `${a.withdrawn ? `, ${a.withdrawn} withdrawn (ignored)` : ''}${a.rejected.length ? `, ${a.rejected.length} rejected` : ''}`,
  );
  lines.push('');
  const rows = result.projects.flatMap((p) =>
    p.newFindings.map((f) => [
      f.advisory,
      f.severity,
      f.package,
      f.installed,
      fixedText(f),
      f.direct ? 'direct' : f.via ? `via ${f.via.join(' > ')}` : 'transitive',
      p.dir,
    ]),
  );
  if (rows.length === 0) lines.push('no new findings');
  else {
    lines.push(
      formatTable(['advisory', 'severity', 'package', 'installed', 'fixed in', 'how', 'project'], rows, 60),
    );
  }
  if (result.alreadyAlerted > 0)
    lines.push(`${result.alreadyAlerted} findings alerted before (not raised again)`);
  if (sent) {
    lines.push(
      `alerts: ${sent.created.length} raised${sent.deduplicated.length ? `, ${sent.deduplicated.length} folded into open ones` : ''}; ${sent.actions} actions ordered by the policy`,
    );
    for (const r of sent.rejected) lines.push(`  rejected "${r.title}": ${r.errors.join('; ')}`);
  } else if (result.alerts.length > 0) {
    lines.push(`dry run: ${result.alerts.length} alerts not raised`);
  }
  return lines.join('\n');
}

async function runWatch(opts: WatchOptions, cmd: Command): Promise<void> {
  const output = consoleOutput(Boolean(opts.json));
  try {
    await withStore(cmd, async (ctx) => {
      const { loaded, store } = ctx;
      const fromOption = (opts.project ?? []).length > 0;
      const projects = fromOption
        ? (opts.project ?? []).map((p) => resolve(p))
        : loaded.config.intel.projects.map((p) => resolve(loaded.baseDir, p));
      const from = fromOption ? '--project' : `intel.projects in ${loaded.file ?? 'the configuration'}`;
      if (projects.length === 0) {
        throw new ArgusError('INPUT_INVALID', 'no projects to watch', {
          hint: 'list your project folders under intel.projects in the config file, or pass --project <dir>',
        });
      }
      if ((await store.intelDocuments.count({ source: ['osv'] })) === 0) {
        throw new ArgusError('INPUT_INVALID', 'no OSV advisories in the store to check against', {
          hint: 'ingest OSV advisories into the store first (argus intel ingest --help)',
        });
      }
      const result = await watchStoredAdvisories(store, projects);
      const sent = opts.dryRun ? undefined : await send(ctx, result, output);
      if (output.json) {
        printJson(output, {
          projects: result.projects,
          advisories: result.advisories,
          alreadyAlerted: result.alreadyAlerted,
          alerts: result.alerts,
          ...(sent ? { sent } : { dryRun: true }),
        });
      } else {
        output.out(formatWatch(result, from, sent));
      }
      const failed = result.projects.some((p) => p.error) || (sent?.rejected.length ?? 0) > 0;
      if (failed) process.exitCode = 2;
    });
  } catch (error) {
    process.exitCode = reportError(output, error);
  }
}

export function registerIntelAdvisoriesCommand(intel: Command): void {
  intel
    .command('watch-advisories')
    .description('check the OSV advisories in the store against your projects and alert on the new findings')
    .option(
      '--project <dir>',
      'a project folder to check instead of intel.projects (repeatable)',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option('--dry-run', 'list what would be alerted without raising anything')
    .option('--json', 'print projects, findings and the alerts as JSON')
    .addHelpText(
      'after',
      `
Reads each project's inventory (npm, yarn and pnpm lockfiles, package.json, Foundry libraries; see
argus intel check --help) and matches every OSV advisory in the store against it. Each affected package
version raises one intel.advisory alert per advisory and project, once: a finding already alerted,
whatever became of the alert, is not raised again, so the command can run after every ingest.

Exit codes: 0 ok (with or without findings), 2 no projects, no advisories, or a project unreadable
(the other projects are still checked).

Examples:
  $ argus intel watch-advisories                  (projects from intel.projects in the config)
  $ argus intel watch-advisories --project ./app --project ./contracts --dry-run
  $ argus intel watch-advisories --json > watch.json`,
    )
    .action((opts: WatchOptions, cmd: Command) => runWatch(opts, cmd));
}
