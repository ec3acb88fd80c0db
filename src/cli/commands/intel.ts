import { resolve } from 'node:path';
import type { Command } from 'commander';
import { ArgusError } from '../../core/errors.js';
import { SEVERITIES, type Severity, severityRank } from '../../core/severity.js';
import type { AdvisorySeverity } from '../../intel/inventory/advisorySeverity.js';
import { type CheckResult, checkProject } from '../../intel/inventory/checkProject.js';
import { formatCheck } from '../../intel/inventory/formatCheck.js';
import { readInventory } from '../../intel/inventory/inventory.js';
import { osvFileAdvisories } from '../../intel/inventory/osvFileAdvisories.js';
import { withStore } from '../context.js';
import { consoleOutput, EXIT_FINDINGS, formatTable, printJson, reportError } from '../output.js';
import { registerIntelAdvisoriesCommand } from './intelAdvisories.js';
import { registerIntelForecastCommand } from './intelForecast.js';
import { registerIntelIngestCommand } from './intelIngest.js';
import { registerIntelSearchCommand } from './intelSearch.js';
import { registerIntelShowCommand } from './intelShow.js';
import { registerIntelTrendsCommand } from './intelTrends.js';

const FAIL_ON = ['none', ...SEVERITIES] as const;
type FailOn = (typeof FAIL_ON)[number];

interface IntelCheckOptions {
  advisories?: string;
  json?: boolean;
  failOn: string;
}

/** An unknown severity fails any gate: a rating nobody published is no evidence the issue is minor. */
function meetsGate(severity: AdvisorySeverity, failOn: FailOn): boolean {
  if (failOn === 'none') return false;
  return severity === 'unknown' || severityRank(severity) >= severityRank(failOn as Severity);
}

async function runCheck(projectDir: string, opts: IntelCheckOptions, cmd: Command): Promise<void> {
  const output = consoleOutput(Boolean(opts.json));
  try {
    if (!(FAIL_ON as readonly string[]).includes(opts.failOn)) {
      throw new ArgusError(
        'INPUT_INVALID',
        `--fail-on: expected one of ${FAIL_ON.join(', ')}, got "${opts.failOn}"`,
      );
    }
    const failOn = opts.failOn as FailOn;
    const inventory = readInventory(projectDir);
    let result: CheckResult;
    let advisorySource: string;
    const rejectedFiles: { position: string; reason: string }[] = [];
    if (opts.advisories) {
      advisorySource = resolve(opts.advisories);
      const files = osvFileAdvisories(opts.advisories);
      result = await checkProject(inventory, files.documents);
      rejectedFiles.push(...files.rejected);
    } else {
      advisorySource = 'the store';
      result = await withStore(cmd, async ({ store }) => {
        // Guards a store built before intel documents existed rather than crashing on undefined.
        if (!store.intelDocuments) {
          throw new ArgusError('STORE_FAILED', 'this store has no intel documents', {
            hint: 'pass --advisories <osv file or dir>, or upgrade the store',
          });
        }
        return checkProject(inventory, store.intelDocuments.all(['osv']));
      });
    }
    for (const r of rejectedFiles) result.advisories.rejected.push({ id: r.position, reason: r.reason });
    if (result.advisories.read === 0) {
      throw new ArgusError('INPUT_INVALID', `no OSV advisories in ${advisorySource} to check against`, {
        hint: opts.advisories
          ? 'point --advisories at OSV JSON files (one record, an array, or a query API response)'
          : 'ingest OSV advisories into the store first, or pass --advisories <osv file or dir>',
      });
    }
    if (output.json) {
      printJson(output, {
        project: inventory.dir,
        advisorySource,
        manifests: inventory.manifests,
        problems: inventory.problems,
        warnings: inventory.warnings,
        advisories: result.advisories,
        findings: result.findings,
        unevaluated: result.unevaluated,
        dependencies: inventory.dependencies,
      });
    } else {
      output.out(formatCheck(inventory, result, advisorySource, formatTable));
    }
    if (result.findings.some((f) => meetsGate(f.severity, failOn))) process.exitCode = EXIT_FINDINGS;
  } catch (error) {
    process.exitCode = reportError(output, error);
  }
}

function registerIntelCheckCommand(intel: Command): void {
  intel
    .command('check')
    .description(
      'match advisories against a project: npm, yarn and pnpm lockfiles, package.json and Foundry libraries',
    )
    .argument(
      '<project-dir>',
      'the project folder (searched below for manifests; node_modules is not entered)',
    )
    .option(
      '--advisories <path>',
      'OSV JSON file or directory (one record, an array, or an OSV API response); default: OSV advisories in the store',
    )
    .option('--json', 'print manifests, findings, what was not evaluated and the inventory as JSON')
    .option('--fail-on <severity>', `exit 1 when a finding is at or above: ${FAIL_ON.join(', ')}`, 'none')
    .addHelpText(
      'after',
      `
Reads package-lock.json / npm-shrinkwrap.json (v1-v3), yarn.lock (classic and berry), pnpm-lock.yaml
(v5, v6, v9), package.json files no lockfile covers, and Solidity libraries (foundry.toml libs and
remappings, remappings.txt, .gitmodules; a library's package.json gives its npm name and version, else
its git commit is recorded and its version stays unknown). Versions are compared by SemVer precedence,
so a prerelease of a fixed version is still affected. Findings whose advisory gives no severity fail
any --fail-on level other than none.

Exit codes: 0 ok, 1 a finding at or above --fail-on, 2 unreadable project, advisories or options.

Examples:
  $ argus intel check . --advisories ./osv/npm --fail-on high
  $ argus intel check ./contracts --json > findings.json
  $ argus intel check .                 (advisories ingested into the store)`,
    )
    .action((projectDir: string, opts: IntelCheckOptions, cmd: Command) => runCheck(projectDir, opts, cmd));
}

export function registerIntelCommands(program: Command): void {
  const intel = program
    .command('intel')
    .description('threat intelligence: advisories and texts, trends, and which advisories touch a project');
  registerIntelCheckCommand(intel);
  registerIntelIngestCommand(intel);
  registerIntelSearchCommand(intel);
  registerIntelShowCommand(intel);
  registerIntelTrendsCommand(intel);
  registerIntelForecastCommand(intel);
  registerIntelAdvisoriesCommand(intel);
}
