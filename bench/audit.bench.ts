/**
 * Audit accuracy and speed on the public benchmarks in ../shared/data (skipped when it is absent):
 *
 *  1. SmartBugs-curated (143 files, 207 annotated vulnerabilities): recall per DASP category and
 *     overall, findings per file, the share of high and medium findings on an annotated line, and
 *     the wall-clock time of one runAudit over the whole set in this one process (cold, as the CLI
 *     runs it; then once more warm, for comparison).
 *  2. SWC registry test cases: recall on the 78 vulnerable versions, and how many of the 43 fixed
 *     versions are flagged with the weakness they fix.
 *
 * The counting rules are in src/audit/benchmark/. Targets are reported, never tuned for.
 *
 *   npm run bench -- audit
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { loadSmartbugsAnnotations, scoreSmartbugs } from '../src/audit/benchmark/smartbugs.js';
import { loadSwcCases, scoreSwc } from '../src/audit/benchmark/swc.js';
import { checkTargets } from '../src/audit/benchmark/targets.js';
import { runAudit } from '../src/audit/runAudit.js';

const benchDir = dirname(fileURLToPath(import.meta.url));
const data = join(benchDir, '..', '..', 'shared', 'data');
const curatedDir = join(data, 'smartbugs-curated');
const swcDir = join(data, 'swc-registry', 'test_cases');

const pct = (share: number | null) => (share === null ? '-' : `${(share * 100).toFixed(1)}%`);

/** One runAudit call, timed by the wall clock and by this process's CPU time. */
async function timedAudit(paths: string[]) {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await runAudit(paths);
  const seconds = (performance.now() - started) / 1000;
  const { user, system } = process.cpuUsage(cpu);
  return { result, seconds, cpuSeconds: (user + system) / 1e6 };
}

if (!existsSync(join(curatedDir, 'vulnerabilities.json'))) {
  console.log(`skipped: the benchmark data is not at ${data} (see shared/data/README.md)`);
  process.exit(0);
}

const annotations = loadSmartbugsAnnotations(curatedDir);
const paths = annotations.files.map((file) => join(curatedDir, file.path));
const cold = await timedAudit(paths);
const warm = await timedAudit(paths);
const curated = scoreSmartbugs(annotations, cold.result.findings);

console.table(
  curated.byCategory.map((row) => ({
    category: row.category,
    annotated: row.annotated,
    found: row.found,
    recall: pct(row.recall),
  })),
);
console.table([
  { measure: 'files (parse/read errors)', value: `${cold.result.files} (${cold.result.errors.length})` },
  { measure: 'overall recall', value: `${pct(curated.recall)} (${curated.found}/${curated.annotated})` },
  { measure: 'findings per file', value: curated.findingsPerFile.toFixed(2) },
  {
    measure: 'high+medium findings on an annotated line',
    value: `${pct(curated.onAnnotatedLineShare)} (${curated.highOrMediumOnAnnotatedLine}/${curated.highOrMedium})`,
  },
  { measure: 'whole set, cold (s)', value: cold.seconds.toFixed(2) },
  { measure: 'whole set, warm (s)', value: warm.seconds.toFixed(2) },
  { measure: 'CPU / wall clock, cold', value: (cold.cpuSeconds / cold.seconds).toFixed(2) },
]);

let swc: ReturnType<typeof scoreSwc> | undefined;
if (existsSync(swcDir)) {
  const swcCases = loadSwcCases(swcDir);
  const { result } = await timedAudit(swcCases.cases.map((c) => join(swcCases.root, c.dir)));
  swc = scoreSwc(swcCases, result.findings);
  console.table([
    {
      measure: 'vulnerable versions detected (SWC id)',
      value: `${pct(swc.recall)} (${swc.detected}/${swc.vulnerable})`,
    },
    {
      measure: 'labelled lines located (SWC id and line)',
      value: `${pct(swc.locationRecall)} (${swc.located}/${swc.locations})`,
    },
    { measure: 'fixed versions flagged', value: `${pct(swc.falseAlarmRate)} (${swc.flagged}/${swc.fixed})` },
  ]);
  if (swc.flaggedCases.length > 0) console.log(`fixed versions flagged:\n  ${swc.flaggedCases.join('\n  ')}`);
} else {
  console.log(`SWC registry test cases skipped: not at ${swcDir}`);
}

const targets = checkTargets(curated, swc, cold.seconds);
console.table(
  targets.map(({ target, actual, pass }) => ({ target, actual, result: pass ? 'pass' : 'FAIL' })),
);

const result = {
  name: 'audit',
  smartbugs: { ...curated, seconds: cold.seconds, warmSeconds: warm.seconds, cpuSeconds: cold.cpuSeconds },
  swc: swc ?? null,
  targets,
  node: process.version,
  date: new Date().toISOString(),
};
const out = join(benchDir, 'results', 'audit.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
console.log(`wrote ${out}`);
