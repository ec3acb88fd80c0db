/**
 * Fraud detection on real data: Argus's learning core against scikit-learn, on the Kaggle "Ethereum
 * Fraud Detection" accounts in ../shared/data/eth-fraud-kaggle (skipped when absent).
 *
 *  - Features: every numeric column except id, Index and FLAG (non-numeric columns, the address among
 *    them, are dropped; empty cells are missing, NaN, as readFeatureTable reads them), preprocessed
 *    once here as scoreTable does (signed log1p, then median/IQR). The very same matrix goes to
 *    scikit-learn through a temp CSV. FLAG is the label and is used only to score.
 *  - Unsupervised: every detector in DETECTOR_NAMES (read at run time) and scikit-learn's
 *    IsolationForest (defaults, and with 200 trees like ours), LocalOutlierFactor and OneClassSVM
 *    (defaults on all rows, and fitted on as many rows as Argus's ocsvm subsamples), each fitted on
 *    all rows and scoring all rows: ROC AUC, average precision, fit+score seconds. Target (a) counts
 *    every scikit-learn row, the like-for-like variants too; the best at defaults is printed beside.
 *  - Supervised: one seeded stratified 5-fold split, computed here and written for Python to use:
 *    Argus's GradientBoostedTrees against HistGradientBoostingClassifier, defaults on both sides,
 *    unweighted (headline) and class-weight 'balanced': mean F1 at p >= 0.5 and mean AP over folds.
 *
 * Both libraries' scores go through the same metric code (src/ml/metrics). Times are measured around
 * fit + score (or fit, and predict) only, in-process on each side: performance.now() and
 * process.cpuUsage() here, time.perf_counter() and time.process_time() in Python, which runs with
 * OMP/BLAS threads at 1 because Node runs one thread. Target (c) is on the wall clock.
 * Isolation forests are timed --repeat times (median); everything else once. Targets are reported,
 * never tuned for.
 *
 *   npm run bench -- monitor-detection [--seed 1] [--folds 5] [--repeat 3] [--ocsvm-max-rows 0]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import {
  type ClassifierScore,
  checkDetectionTargets,
  type NamedValue,
} from '../src/ml/benchmark/detectionTargets.js';
import { matrixCsv } from '../src/ml/benchmark/matrixCsv.js';
import { nonNumericColumns } from '../src/ml/benchmark/nonNumericColumns.js';
import {
  complementOf,
  f1AtThreshold,
  stratifiedKFold,
  takeRows,
  takeValues,
} from '../src/ml/crossValidation.js';
import { createDetector, DETECTOR_NAMES } from '../src/ml/detectorFactory.js';
import { readFeatureTable } from '../src/ml/featureTable.js';
import { GradientBoostedTrees } from '../src/ml/gbdt/index.js';
import { matrix } from '../src/ml/matrix.js';
import { averagePrecision, rocAuc } from '../src/ml/metrics/index.js';
import { LogScaler, RobustScaler } from '../src/ml/scalers.js';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    folds: { type: 'string', default: '5' },
    /** Timed runs of each isolation forest (median reported). */
    repeat: { type: 'string', default: '3' },
    /** Fit scikit-learn's OneClassSVM on a random subset of this many rows (0 = all rows). */
    'ocsvm-max-rows': { type: 'string', default: '0' },
    python: { type: 'string', default: '/usr/bin/python3' },
    'keep-temp': { type: 'boolean', default: false },
  },
});
const SEED = Number(values.seed);
const FOLDS = Number(values.folds);
const REPEAT = Math.max(1, Number(values.repeat));
const PYTHON = values.python;

const benchDir = dirname(fileURLToPath(import.meta.url));
const dataDir = join(benchDir, '..', '..', 'shared', 'data', 'eth-fraud-kaggle');
const csvPath = join(dataDir, 'transaction_dataset.csv');
const LABEL = 'FLAG';
/** Row numbers, not features: a model must not learn the file's order. */
const INDEX_COLUMNS = ['id', 'Index'];

const f3 = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? '-' : v.toFixed(3));
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};
const f4 = (v: number) => v.toFixed(4);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
/** Sample standard deviation: how much a mean over folds could move with another split. */
const sd = (xs: number[]) => Math.sqrt(xs.reduce((a, v) => a + (v - mean(xs)) ** 2, 0) / (xs.length - 1));
/**
 * Starts a clock; calling the result gives the wall-clock seconds and this process's CPU seconds
 * since. On a shared machine the wall clock includes waiting for a core; CPU time does not.
 */
function stopwatch(): () => { seconds: number; cpuSeconds: number } {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  return () => {
    const used = process.cpuUsage(cpu);
    return { seconds: (performance.now() - wall) / 1000, cpuSeconds: (used.user + used.system) / 1e6 };
  };
}

/** The machine is shared: the load says how much the times can be trusted. */
const loadAtStart = loadavg();

if (!existsSync(csvPath)) {
  console.log(`skipped: the Ethereum fraud dataset is not at ${csvPath} (see shared/data/README.md)`);
  process.exit(0);
}

// ---- Features, label, folds --------------------------------------------------------------------

const text = readFileSync(csvPath, 'utf8');
const dropped = nonNumericColumns(text).filter((name) => name !== LABEL);
const table = readFeatureTable(text, { ignore: [...INDEX_COLUMNS, ...dropped] });
const labelIndex = table.columns.indexOf(LABEL);
if (labelIndex < 0) throw new Error(`no numeric ${LABEL} column in ${csvPath}`);
const columns = table.columns.filter((_, j) => j !== labelIndex);
const raw = matrix(table.x.rows, columns.length);
const y = new Uint8Array(table.x.rows);
for (let i = 0; i < table.x.rows; i++) {
  const label = table.x.data[i * table.x.cols + labelIndex];
  if (label !== 0 && label !== 1) throw new Error(`row ${i + 1}: ${LABEL} is ${label}, expected 0 or 1`);
  y[i] = label;
  for (let j = 0, k = 0; j < table.x.cols; j++) {
    if (j !== labelIndex) raw.data[i * columns.length + k++] = table.x.data[i * table.x.cols + j] as number;
  }
}
let missing = 0;
for (const v of raw.data) if (Number.isNaN(v)) missing++;
const positives = y.reduce((a, b) => a + b, 0);

// Exactly scoreTable's preprocessing, kept as one matrix so both libraries see the same numbers.
const log = new LogScaler();
log.fit(raw);
const logged = log.transform(raw);
const robust = new RobustScaler();
robust.fit(logged);
const x = robust.transform(logged);

const folds = stratifiedKFold(y, FOLDS, SEED);
const foldOf = new Uint8Array(x.rows);
folds.forEach((rows, k) => {
  for (const i of rows) foldOf[i] = k;
});

const tempDir = mkdtempSync(join(tmpdir(), 'argus-detection-'));
process.on('exit', () => {
  if (values['keep-temp']) console.log(`kept ${tempDir}`);
  else rmSync(tempDir, { recursive: true, force: true });
});
writeFileSync(join(tempDir, 'features.csv'), matrixCsv(x, columns, y));
writeFileSync(join(tempDir, 'folds.csv'), `${Array.from(foldOf).join('\n')}\n`);

console.log(
  `data: ${x.rows} accounts (${positives} fraud, ${x.rows - positives} not; ${table.rejectedRows} ragged rows skipped), ` +
    `${columns.length} numeric features, ${missing} missing cells (${((missing / raw.data.length) * 100).toFixed(1)}%)`,
);
console.log(`dropped as non-numeric: ${dropped.join(', ') || 'none'}; ignored: ${INDEX_COLUMNS.join(', ')}`);
console.log(
  `preprocessing: signed log1p then median/IQR (scoreTable's), fitted on all rows; temp dir ${tempDir}`,
);

// ---- scikit-learn availability -------------------------------------------------------------------

const sklearnScripts = join(benchDir, 'sklearn');
const canImportSklearn = () => spawnSync(PYTHON, ['-c', 'import sklearn'], { stdio: 'ignore' }).status === 0;

/** Installs python3-sklearn from Debian when it is missing (sudo -n only when not root). */
function ensureSklearn(): string | undefined {
  if (canImportSklearn()) return undefined;
  const asRoot = process.getuid?.() === 0;
  const [command, args] = asRoot
    ? ['apt-get', ['install', '-y', 'python3-sklearn']]
    : ['sudo', ['-n', 'apt-get', 'install', '-y', 'python3-sklearn']];
  console.log(`scikit-learn is not importable by ${PYTHON}: running ${command} ${args.join(' ')}`);
  const installed = spawnSync(command, args, { stdio: 'inherit' });
  if (installed.status === 0 && canImportSklearn()) {
    console.log('python3-sklearn installed');
    return undefined;
  }
  return `scikit-learn unavailable: ${PYTHON} cannot import sklearn and installing python3-sklearn failed`;
}

/** Runs one of bench/sklearn/*.py single-threaded and validates the JSON object it prints. */
function runPython<T>(script: string, args: string[], schema: z.ZodType<T>): T | string {
  const env = {
    ...process.env,
    OMP_NUM_THREADS: '1',
    OPENBLAS_NUM_THREADS: '1',
    MKL_NUM_THREADS: '1',
    // No __pycache__ left in the repository.
    PYTHONDONTWRITEBYTECODE: '1',
  };
  const run = spawnSync(PYTHON, [join(sklearnScripts, script), tempDir, ...args], {
    env,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (run.status !== 0) return `${script} failed (exit ${run.status ?? run.signal})`;
  try {
    return schema.parse(JSON.parse(run.stdout));
  } catch (error) {
    return `${script} printed unexpected output: ${(error as Error).message.slice(0, 300)}`;
  }
}

const EnvironmentSchema = z.object({ python: z.string(), sklearn: z.string(), numpy: z.string() });
const UnsupervisedSchema = z.object({
  environment: EnvironmentSchema,
  missingValues: z.string(),
  detectors: z.array(
    z.object({
      name: z.string(),
      settings: z.string(),
      defaults: z.boolean(),
      seconds: z.number(),
      cpuSeconds: z.number(),
      runs: z.number().int(),
      scores: z.array(z.number()).length(x.rows),
      sklearnRocAuc: z.number(),
      sklearnAveragePrecision: z.number(),
    }),
  ),
});
const SupervisedSchema = z.object({
  environment: EnvironmentSchema,
  runs: z.array(
    z.object({
      classWeight: z.string().nullable(),
      params: z.record(z.string(), z.unknown()),
      probabilities: z.array(z.number()).length(x.rows),
      fitSeconds: z.array(z.number()),
      fitCpuSeconds: z.array(z.number()),
      predictSeconds: z.array(z.number()),
      iterations: z.array(z.number()),
    }),
  ),
});

// ---- Unsupervised --------------------------------------------------------------------------------

interface DetectorRow {
  side: 'Argus' | 'scikit-learn';
  detector: string;
  rocAuc: number;
  averagePrecision: number;
  seconds: number;
  cpuSeconds: number;
  runs: number;
  settings: string;
  /** scikit-learn only: run at the library's default settings on all rows. */
  defaults?: boolean;
  error?: string;
}

const argusDetectors: DetectorRow[] = [];
for (const name of DETECTOR_NAMES) {
  const runs = name === 'iforest' ? REPEAT : 1;
  try {
    const times: number[] = [];
    const cpuTimes: number[] = [];
    let scores: Float64Array = new Float64Array(0);
    let settings = '';
    for (let r = 0; r < runs; r++) {
      const elapsed = stopwatch();
      const model = createDetector(name, SEED);
      model.fit(x);
      scores = model.score(x);
      const { seconds, cpuSeconds } = elapsed();
      times.push(seconds);
      cpuTimes.push(cpuSeconds);
      settings = JSON.stringify(model.save().params);
    }
    argusDetectors.push({
      side: 'Argus',
      detector: name,
      rocAuc: rocAuc(y, scores),
      averagePrecision: averagePrecision(y, scores),
      seconds: median(times),
      cpuSeconds: median(cpuTimes),
      runs,
      settings,
    });
  } catch (error) {
    const message = (error as Error).message;
    console.log(`Argus ${name} failed: ${message}`);
    argusDetectors.push({
      side: 'Argus',
      detector: name,
      rocAuc: Number.NaN,
      averagePrecision: Number.NaN,
      seconds: Number.NaN,
      cpuSeconds: Number.NaN,
      runs,
      settings: '',
      error: message,
    });
  }
}

/** Argus's ocsvm fits on a subsample; scikit-learn then also fits one on that many rows, like for like. */
const argusOcsvm = argusDetectors.find((r) => r.detector === 'ocsvm' && !r.error);
const ocsvmMatchedRows = argusOcsvm ? Number(JSON.parse(argusOcsvm.settings).maxSamples ?? 0) : 0;

const sklearnProblem = ensureSklearn();
if (sklearnProblem) console.log(sklearnProblem);
const unsupervised = sklearnProblem
  ? sklearnProblem
  : runPython(
      'unsupervised.py',
      [
        ...['--seed', String(SEED), '--repeat', String(REPEAT)],
        ...['--ocsvm-max-rows', values['ocsvm-max-rows'], '--ocsvm-matched-rows', String(ocsvmMatchedRows)],
      ],
      UnsupervisedSchema,
    );
if (typeof unsupervised === 'string') console.log(unsupervised);
let largestMetricGap = 0;
const sklearnDetectors: DetectorRow[] =
  typeof unsupervised === 'string'
    ? []
    : unsupervised.detectors.map((d) => {
        const row: DetectorRow = {
          side: 'scikit-learn',
          detector: d.name,
          rocAuc: rocAuc(y, d.scores),
          averagePrecision: averagePrecision(y, d.scores),
          seconds: d.seconds,
          cpuSeconds: d.cpuSeconds,
          runs: d.runs,
          settings: d.settings,
          defaults: d.defaults,
        };
        // Our metrics and scikit-learn's must agree on the same scores, or the comparison means nothing.
        largestMetricGap = Math.max(
          largestMetricGap,
          Math.abs(row.rocAuc - d.sklearnRocAuc),
          Math.abs(row.averagePrecision - d.sklearnAveragePrecision),
        );
        return row;
      });
if (largestMetricGap > 1e-9) {
  console.log(
    `WARNING: Argus and scikit-learn metrics differ by up to ${largestMetricGap} on the same scores`,
  );
}

// ---- Supervised ----------------------------------------------------------------------------------

interface ClassifierRow extends ClassifierScore {
  side: 'Argus' | 'scikit-learn';
  model: string;
  classWeight: string;
  f1PerFold: number[];
  averagePrecisionPerFold: number[];
  fitSecondsPerFold: number[];
  fitCpuSecondsPerFold: number[];
  predictSecondsPerFold: number[];
  settings: string;
}

/** Mean F1 (p >= 0.5) and AP over the folds, from out-of-fold probabilities in row order. */
function scoreFolds(probabilities: ArrayLike<number>) {
  const p = Float64Array.from(probabilities);
  const f1PerFold = folds.map((rows) => f1AtThreshold(takeValues(y, rows), takeValues(p, rows), 0.5));
  const apPerFold = folds.map((rows) => averagePrecision(takeValues(y, rows), takeValues(p, rows)));
  return {
    f1: mean(f1PerFold),
    averagePrecision: mean(apPerFold),
    f1PerFold,
    averagePrecisionPerFold: apPerFold,
  };
}

/** Argus's GBDT under the shared folds: fit on the other folds, predict each fold's rows. */
function crossValidateGbdt(classWeight: 'balanced' | null): ClassifierRow {
  const out = new Float64Array(x.rows);
  const fitSecondsPerFold: number[] = [];
  const fitCpuSecondsPerFold: number[] = [];
  const predictSecondsPerFold: number[] = [];
  let settings = '';
  for (const test of folds) {
    const train = complementOf(x.rows, test);
    const model = new GradientBoostedTrees({ classWeight, seed: SEED });
    const xTrain = takeRows(x, train);
    const yTrain = takeValues(y, train);
    const xTest = takeRows(x, test);
    const fitting = stopwatch();
    model.fit(xTrain, yTrain);
    const fitted = fitting();
    fitSecondsPerFold.push(fitted.seconds);
    fitCpuSecondsPerFold.push(fitted.cpuSeconds);
    const predicting = stopwatch();
    const p = model.predictProba(xTest);
    predictSecondsPerFold.push(predicting().seconds);
    test.forEach((row, k) => {
      out[row] = p[k] as number;
    });
    settings = JSON.stringify(model.save().params);
  }
  return {
    side: 'Argus',
    model: 'GradientBoostedTrees',
    classWeight: classWeight ?? 'none',
    ...scoreFolds(out),
    fitSecondsPerFold,
    fitCpuSecondsPerFold,
    predictSecondsPerFold,
    settings,
  };
}

const argusClassifiers = [crossValidateGbdt(null), crossValidateGbdt('balanced')];

const supervised = sklearnProblem
  ? sklearnProblem
  : runPython('supervised.py', ['--seed', String(SEED)], SupervisedSchema);
if (typeof supervised === 'string') console.log(supervised);
const sklearnClassifiers: ClassifierRow[] =
  typeof supervised === 'string'
    ? []
    : supervised.runs.map((run) => ({
        side: 'scikit-learn',
        model: 'HistGradientBoostingClassifier',
        classWeight: run.classWeight ?? 'none',
        ...scoreFolds(run.probabilities),
        fitSecondsPerFold: run.fitSeconds,
        fitCpuSecondsPerFold: run.fitCpuSeconds,
        predictSecondsPerFold: run.predictSeconds,
        settings: `${JSON.stringify(run.params)}; iterations per fold ${run.iterations.join(', ')}`,
      }));

// ---- Report --------------------------------------------------------------------------------------

const detectorRows = [...argusDetectors, ...sklearnDetectors];
console.table(
  detectorRows.map((r) => ({
    side: r.side,
    detector: r.detector,
    'ROC AUC': f3(r.rocAuc),
    AP: f3(r.averagePrecision),
    'fit+score s': r.error ? `failed: ${r.error.slice(0, 40)}` : f3(r.seconds),
    'cpu s': f3(r.cpuSeconds),
    timed: r.runs > 1 ? `median of ${r.runs}` : 'once',
  })),
);
console.log('settings:');
for (const r of detectorRows) console.log(`  ${r.side} ${r.detector}: ${r.settings || '-'}`);
if (typeof unsupervised !== 'string')
  console.log(`  scikit-learn missing values: ${unsupervised.missingValues}`);

const classifierRows = [...argusClassifiers, ...sklearnClassifiers];
if (classifierRows.length > 0) {
  console.table(
    classifierRows.map((r) => ({
      side: r.side,
      model: r.model,
      'class weight': r.classWeight,
      'mean F1 @0.5': f4(r.f1),
      'F1 sd': f4(sd(r.f1PerFold)),
      'mean AP': f4(r.averagePrecision),
      'AP sd': f4(sd(r.averagePrecisionPerFold)),
      'fit s / fold': f3(mean(r.fitSecondsPerFold)),
      'fit cpu s / fold': f3(mean(r.fitCpuSecondsPerFold)),
      'predict s / fold': f3(mean(r.predictSecondsPerFold)),
    })),
  );
  console.log(
    `folds: stratified ${FOLDS}-fold, seed ${SEED}, sizes ${folds.map((f) => f.length).join(', ')}`,
  );
  for (const r of classifierRows) console.log(`  ${r.side} ${r.model} (${r.classWeight}): ${r.settings}`);
}

const best = (rows: DetectorRow[]): NamedValue | undefined =>
  rows
    .filter((r) => !Number.isNaN(r.rocAuc))
    .reduce<NamedValue | undefined>(
      (top, r) => (top && top.value >= r.rocAuc ? top : { name: r.detector, value: r.rocAuc }),
      undefined,
    );
const headline = (rows: ClassifierRow[]) => rows.find((r) => r.classWeight === 'none');
const argusIforest = argusDetectors.find((r) => r.detector === 'iforest' && !r.error);
/** Same trees as ours (200) is the like-for-like time; the default (100 trees) is shown beside it. */
const sklearnIforest = sklearnDetectors.find((r) => r.detector === 'IsolationForest (200 trees)');
const sklearnIforestDefault = sklearnDetectors.find((r) => r.detector === 'IsolationForest');
const targets = checkDetectionTargets({
  argusEnsembleAuc: best(argusDetectors.filter((r) => r.detector.includes('ensemble'))),
  sklearnBestAuc: best(sklearnDetectors),
  argusGbdt: headline(argusClassifiers),
  sklearnHgb: headline(sklearnClassifiers),
  argusIforestSeconds: argusIforest?.seconds,
  sklearnIforestSeconds: sklearnIforest?.seconds,
});
console.table(targets);
if (argusIforest && sklearnIforest) {
  console.log(
    `iforest CPU time vs IsolationForest (200 trees): ${f3(argusIforest.cpuSeconds)} s vs ${f3(sklearnIforest.cpuSeconds)} s`,
  );
}
if (argusIforest && sklearnIforestDefault) {
  console.log(
    `iforest time vs scikit-learn's default IsolationForest (100 trees): ${f3(argusIforest.seconds)} s vs ${f3(sklearnIforestDefault.seconds)} s wall, ${f3(argusIforest.cpuSeconds)} s vs ${f3(sklearnIforestDefault.cpuSeconds)} s CPU`,
  );
}
// The target counts every scikit-learn row, the like-for-like variants too; this is the bar at defaults.
const defaultsOnly = best(sklearnDetectors.filter((r) => r.defaults));
if (defaultsOnly) {
  console.log(
    `best scikit-learn detector at its defaults (all rows): ${defaultsOnly.name} ${f3(defaultsOnly.value)}`,
  );
}

const result = {
  name: 'monitor-detection',
  data: {
    path: 'shared/data/eth-fraud-kaggle/transaction_dataset.csv',
    rows: x.rows,
    positives,
    features: columns,
    dropped,
    ignored: INDEX_COLUMNS,
    missingCells: missing,
    rejectedRows: table.rejectedRows,
  },
  preprocessing: 'LogScaler (signed log1p) then RobustScaler (median/IQR), fitted on all rows, as scoreTable',
  timing:
    'fit+score (unsupervised) and fit, predict (supervised) only, in-process on each side; Python with OMP/OPENBLAS/MKL threads = 1',
  seed: SEED,
  folds: { k: FOLDS, sizes: folds.map((f) => f.length) },
  unsupervised: {
    detectors: detectorRows,
    sklearn: typeof unsupervised === 'string' ? { unavailable: unsupervised } : unsupervised.environment,
    sklearnMissingValues: typeof unsupervised === 'string' ? null : unsupervised.missingValues,
    largestMetricGapVsSklearn: largestMetricGap,
  },
  supervised: {
    sklearn: typeof supervised === 'string' ? { unavailable: supervised } : supervised.environment,
    threshold: 0.5,
    classifiers: classifierRows,
  },
  targets,
  node: process.version,
  cpus: cpus().length,
  loadAverage: { start: loadAtStart, end: loadavg() },
  date: new Date().toISOString(),
};
const outPath = join(benchDir, 'results', 'monitor-detection.json');
mkdirSync(dirname(outPath), { recursive: true });
writeFileSync(outPath, `${JSON.stringify(result, null, 2)}\n`);
console.log(
  `load average (1, 5, 15 min) at start ${loadAtStart.map((l) => l.toFixed(1)).join(', ')}, at end ${loadavg()
    .map((l) => l.toFixed(1))
    .join(', ')} on ${cpus().length} cores`,
);
console.log(`wrote ${outPath}`);
