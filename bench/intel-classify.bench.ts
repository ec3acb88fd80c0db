/**
 * Attack-technique classifier (issue 7, "Classifier"): 5-fold stratified cross-validated macro-F1 and
 * accuracy of a majority-class predictor, a bag-of-words logistic-regression baseline and Argus's
 * technique classifier, on the same folds in the same run, for
 *
 *  - Web3Bugs results/bugs.csv: 492 Code4rena finding titles with the dataset's own label (38 classes);
 *  - DeFiHackLabs incidents.csv: root-cause text with a technique derived by the documented rules in
 *    src/intel/nlp/benchmark/defiHackLabsTechnique.ts (10 classes). The classifier partly re-learns
 *    those rules from the same text, so this score is an upper bound on fresh prose.
 *
 * Each dataset is skipped, saying so, when ../shared/data does not hold it.
 *
 *   npm run bench -- intel-classify [--folds 5] [--seed 42] [--reports]
 *
 * --reports adds Web3Bugs with each finding's write-up from the contest report (title + body); it is
 * several minutes slower, mostly in the baseline, whose raw counts make its optimisation slow.
 */
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { classificationDatasets } from '../src/intel/nlp/benchmark/classificationDatasets.js';
import {
  ARGUS_NAME,
  BASELINE_NAME,
  type ClassifierComparison,
  compareClassifiers,
} from '../src/intel/nlp/benchmark/classifierComparison.js';
import { DEFIHACKLABS_RULES } from '../src/intel/nlp/benchmark/defiHackLabsTechnique.js';

const benchDir = dirname(fileURLToPath(import.meta.url));
const dataDir = join(benchDir, '..', '..', 'shared', 'data');
const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(`--${name}`);
  const value = at >= 0 ? Number(args[at + 1]) : fallback;
  if (!Number.isInteger(value) || value < 0)
    throw new Error(`--${name} needs a whole number, got ${args[at + 1]}`);
  return value;
};
const folds = option('folds', 5);
const seed = option('seed', 42);
const withReports = args.includes('--reports');
const loadAtStart = loadavg();

const f3 = (v: number) => v.toFixed(3);
const pad = (s: string, n: number) => s.padEnd(n);

interface DatasetReport {
  dataset: string;
  description: string;
  path: string;
  skipped?: string;
  result?: ClassifierComparison;
  argusBeatsBaseline?: boolean;
}

function printTable(result: ClassifierComparison): void {
  console.log(
    `${pad('model', 20)}${pad('macro-F1 (mean ± sd)', 22)}${pad('accuracy (mean ± sd)', 22)}${pad('pooled F1', 11)}seconds`,
  );
  for (const m of result.models) {
    const name = m.name === ARGUS_NAME ? `${m.name} *` : m.name;
    console.log(
      `${pad(name, 20)}${pad(`${f3(m.macroF1.mean)} ± ${f3(m.macroF1.sd)}`, 22)}${pad(
        `${f3(m.accuracy.mean)} ± ${f3(m.accuracy.sd)}`,
        22,
      )}${pad(f3(m.pooled.macroF1), 11)}${m.seconds.toFixed(1)}`,
    );
  }
  const d = result.argusMinusBaseline;
  console.log(
    `Argus - baseline macro-F1 per fold: ${d.perFold.map((v) => (v >= 0 ? '+' : '') + f3(v)).join(' ')}` +
      `  (mean ${d.mean >= 0 ? '+' : ''}${f3(d.mean)}, Argus ahead in ${d.foldsWon}/${d.perFold.length} folds)`,
  );
}

const reports: DatasetReport[] = [];
for (const dataset of classificationDatasets(dataDir, withReports)) {
  console.log(`\n-- ${dataset.name}: ${dataset.description}`);
  const data = dataset.load();
  if (data === undefined) {
    const skipped = `skipped: ${dataset.path} is not present (see shared/data/README.md)`;
    console.log(skipped);
    reports.push({ dataset: dataset.name, description: dataset.description, path: dataset.path, skipped });
    continue;
  }
  const result = compareClassifiers(data, { folds, seed });
  const counts = Object.entries(result.classCounts).sort((a, b) => b[1] - a[1]);
  console.log(
    `${result.rows} texts, ${counts.length} classes: ${counts.map(([label, n]) => `${label} ${n}`).join(', ')}`,
  );
  printTable(result);
  const argus = result.models.find((m) => m.name === ARGUS_NAME);
  const baseline = result.models.find((m) => m.name === BASELINE_NAME);
  const beats = argus !== undefined && baseline !== undefined && argus.macroF1.mean >= baseline.macroF1.mean;
  console.log(
    beats ? 'Argus >= baseline on mean macro-F1' : 'Argus does NOT reach the baseline on mean macro-F1',
  );
  reports.push({
    dataset: dataset.name,
    description: dataset.description,
    path: dataset.path,
    result,
    argusBeatsBaseline: beats,
  });
}

const out = join(benchDir, 'results', 'intel-classify.json');
writeFileSync(
  out,
  `${JSON.stringify(
    {
      benchmark: 'intel-classify',
      command: `npm run bench -- intel-classify${args.length ? ` ${args.join(' ')}` : ''}`,
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, loadAverageAtStart: loadAtStart },
      folds,
      seed,
      defiHackLabsRules: DEFIHACKLABS_RULES.map((r) => ({
        technique: r.technique,
        pattern: String(r.pattern),
      })),
      datasets: reports,
    },
    null,
    2,
  )}\n`,
);
console.log(`\nwrote ${out}`);
