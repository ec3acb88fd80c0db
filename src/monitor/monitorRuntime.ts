import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ArgusConfig } from '../core/config/schema.js';
import { type CounterpartyRisk, NO_COUNTERPARTY_RISK } from '../core/counterpartyRisk.js';
import { ArgusError } from '../core/errors.js';
import type { TransferEvent } from '../core/transferEvent.js';
import type { TransferObserver } from '../core/transferObserver.js';
import { DETECTOR_NAMES, type DetectorName } from '../ml/detectorFactory.js';
import { FeatureDriftWindow } from './adaptive/featureDriftWindow.js';
import { ModelHolder } from './adaptive/modelHolder.js';
import { ModelRetrainer } from './adaptive/modelRetrainer.js';
import { MonitorModel } from './adaptive/monitorModel.js';
import { ScoreDriftDetector } from './adaptive/scoreDriftDetector.js';
import { TrainingWindow } from './adaptive/trainingWindow.js';
import { driftAlert } from './driftAlert.js';
import { AccountFeatureStore } from './features/accountFeatureStore.js';
import { FEATURE_NAMES } from './features/featureNames.js';
import { loadFeedbackModel } from './feedback/feedbackModel.js';
import { ModelHealthRecorder, type RetrainReason } from './health/modelHealthRecorder.js';
import { type ModelHealthSink, ModelHealthWriter } from './health/modelHealthWriter.js';
import { RecentKeys } from './recentKeys.js';
import { DEFAULT_MONITOR_RULES } from './rules/defaultRules.js';
import { loadRules } from './rules/loadRules.js';
import { TransactionMonitor } from './transactionMonitor.js';

export type MonitorConfig = ArgusConfig['monitor'];

export interface MonitorRuntimeOptions {
  config: MonitorConfig;
  /** Relative paths in the config are resolved against this. */
  baseDir: string;
  counterpartyRisk?: CounterpartyRisk;
  /** Other areas that see every accepted transfer (the graph); their alerts join the monitor's. */
  observers?: readonly TransferObserver[];
  /**
   * 'worker' retrains in a worker thread and swaps the model in when it is ready (production).
   * 'inline' fits on the spot at the same points of the stream, so an evaluation or benchmark gives
   * the same result on every run and machine.
   */
  retraining?: 'worker' | 'inline';
  /** Load and save per-account history and the model under config.stateDir. */
  persistState?: boolean;
  /** Every model score with its transfer, for evaluation; not called before the first model. */
  onScore?: (event: TransferEvent, score: number) => void;
  /** Reports retrains and their failures. */
  log?: (message: string) => void;
  /**
   * Records every drift check and every new model generation (the store's model health, for the
   * dashboard). Rows are buffered and written off the hot path; settle() and close() flush them.
   */
  modelHealth?: {
    sink: ModelHealthSink;
    /** The model's name in the store; default 'monitor'. */
    model?: string;
  };
}

export interface MonitorRuntime {
  monitor: TransactionMonitor;
  features: AccountFeatureStore;
  model: ModelHolder<MonitorModel>;
  /** Waits for a retrain in flight, so what is saved next includes its model, and writes model-health rows. */
  settle(): Promise<void>;
  /** Writes history and model to the state directory (when persisting). */
  saveState(): void;
  close(): Promise<void>;
}

const FEATURES_FILE = 'features.bin';
const KEYS_FILE = 'recent-keys.bin';
const MODEL_FILE = 'model.json';

/** Builds the whole monitor from config: features, rules, the adaptive model and drift alerts. */
export function createMonitorRuntime(options: MonitorRuntimeOptions): MonitorRuntime {
  const { config, baseDir } = options;
  const log = options.log ?? (() => {});
  const { onScore } = options;
  const detector = detectorName(config.detector);
  const stateDir = join(baseDir, config.stateDir);
  const persist = options.persistState ?? false;
  const counterpartyRisk = options.counterpartyRisk ?? NO_COUNTERPARTY_RISK;

  const rulesText = config.rulesFile
    ? readFileSync(join(baseDir, config.rulesFile), 'utf8')
    : DEFAULT_MONITOR_RULES;
  const rules = loadRules(rulesText, config.rulesFile ?? 'built-in monitor rules');
  const featuresPath = join(stateDir, FEATURES_FILE);
  const features =
    persist && existsSync(featuresPath)
      ? AccountFeatureStore.load(readFileSync(featuresPath), { counterpartyRisk })
      : new AccountFeatureStore({ counterpartyRisk, maxAccounts: config.maxAccounts });

  const holder = new ModelHolder<MonitorModel>();
  const window = new TrainingWindow({ capacity: config.retrain.windowSize });
  const minRows = Math.min(config.warmupEvents, config.retrain.windowSize);
  const modelOptions = { detector };
  let monitor: TransactionMonitor | undefined;
  const health = options.modelHealth;
  const healthWriter = health
    ? new ModelHealthWriter(health.sink, {
        onError: (error, rows) => log(`monitor: ${rows} model-health row(s) not stored: ${error.message}`),
      })
    : undefined;
  const recorder = healthWriter
    ? new ModelHealthRecorder({
        model: health?.model ?? 'monitor',
        featureNames: FEATURE_NAMES,
        counters: () => monitor?.stats ?? { scored: 0, modelAlerts: 0, ruleAlerts: 0 },
        write: (check) => healthWriter.add(check),
      })
    : undefined;
  const featureDrift = recorder ? new FeatureDriftWindow({ window: config.drift.window }) : undefined;
  /** Event time of the last transfer seen, for swaps that land between events (the worker's). */
  let lastEventTime = Number.NaN;
  const healthTime = (): number => {
    const t = monitor?.currentEvent?.time ?? lastEventTime;
    return Number.isFinite(t) ? t : Date.now();
  };
  let swapReason: RetrainReason | undefined;
  const drift = new ScoreDriftDetector({
    window: config.drift.window,
    threshold: config.drift.psiThreshold,
    checkEvery: Math.max(100, Math.floor(config.drift.window / 10)),
    onDrift: (report) => {
      const event = monitor?.currentEvent;
      if (event) monitor?.raise(driftAlert(report, event.time, holder.generation));
      // The model's idea of normal is stale: refit on the recent window rather than wait for the schedule.
      swapReason = 'drift';
      retrainOnDrift();
    },
    ...(recorder
      ? {
          onCheck: (report, drifted) =>
            recorder.check(report, drifted, healthTime(), holder.generation, featureDrift?.psi()),
        }
      : {}),
  });
  holder.onSwap((model, previous) => {
    const previousPsi = drift.lastPsi;
    drift.setBaseline(model.driftBaseline);
    featureDrift?.setBaseline(model.featureBaselines);
    const reason = swapReason ?? (previous ? 'schedule' : 'first');
    swapReason = undefined;
    recorder?.retrain(healthTime(), holder.generation, model.trainingRows, reason, previousPsi);
  });

  const modelPath = join(stateDir, MODEL_FILE);
  if (persist && existsSync(modelPath)) {
    swapReason = 'loaded';
    holder.swap(MonitorModel.load(JSON.parse(readFileSync(modelPath, 'utf8'))));
    log(`monitor: loaded model from ${modelPath}`);
  }

  let observe: (row: Float64Array) => void;
  let retrainOnDrift: () => void;
  let retrainer: ModelRetrainer | undefined;
  if ((options.retraining ?? 'worker') === 'worker') {
    retrainer = new ModelRetrainer({
      window,
      holder,
      model: modelOptions,
      everyEvents: config.retrain.everyEvents,
      everyMs: config.retrain.everyMs,
      minRows,
      onSwap: (o) =>
        log(`monitor: model generation ${o.generation} fitted on ${o.rows} rows in ${o.fitMs.toFixed(0)} ms`),
      onError: (error) => log(`monitor: ${error.message}; the previous model stays in use`),
    });
    const r = retrainer;
    observe = (row) => r.observe(row);
    retrainOnDrift = () => r.requestRetrain();
  } else {
    let since = 0;
    let drifted = false;
    retrainOnDrift = () => {
      drifted = true;
    };
    observe = (row) => {
      window.push(row);
      since++;
      const first = holder.current === undefined && window.size >= minRows;
      if (first || drifted || since >= config.retrain.everyEvents) {
        since = 0;
        drifted = false;
        holder.swap(MonitorModel.fit(window.snapshot(), modelOptions));
      }
    };
  }

  const supervised = config.feedbackModelFile
    ? loadFeedbackModel(JSON.parse(readFileSync(join(baseDir, config.feedbackModelFile), 'utf8')))
    : undefined;
  const keysPath = join(stateDir, KEYS_FILE);
  const recentKeys = persist && existsSync(keysPath) ? RecentKeys.load(readFileSync(keysPath)) : undefined;
  // Only with model health: the event time for swaps between events, and rows for per-feature drift.
  const onFeatures = recorder
    ? (row: Float64Array) => {
        lastEventTime = monitor?.currentEvent?.time ?? lastEventTime;
        observe(row);
      }
    : observe;
  const scored = featureDrift
    ? (row: Float64Array, score: number) => {
        featureDrift.observe(row);
        drift.observe(score);
      }
    : (_row: Float64Array, score: number) => drift.observe(score);
  monitor = new TransactionMonitor({
    ...(recentKeys ? { recentKeys } : {}),
    ...(options.observers ? { observers: options.observers } : {}),
    supervised: { current: supervised },
    supervisedAlertThreshold: config.feedbackThreshold,
    features,
    rules,
    model: holder,
    modelAlertThreshold: config.alertThreshold,
    modelAlertMinValue: config.modelAlertMinValue,
    modelAlertCooldownMs: config.modelAlertCooldownMs,
    onFeatures,
    onScored: onScore
      ? (row, score) => {
          scored(row, score);
          const event = monitor?.currentEvent;
          if (event) onScore(event, score);
        }
      : scored,
  });
  const m = monitor;

  return {
    monitor: m,
    features,
    model: holder,
    async settle() {
      await retrainer?.idle();
      await healthWriter?.flush();
    },
    saveState() {
      if (!persist) return;
      mkdirSync(stateDir, { recursive: true });
      writeAtomically(featuresPath, features.save());
      writeAtomically(keysPath, m.recentKeys.save());
      const model = holder.current;
      if (model) writeAtomically(modelPath, JSON.stringify(model.save()));
    },
    async close() {
      await retrainer?.close();
      await healthWriter?.flush();
    },
  };
}

function detectorName(name: string): DetectorName {
  if ((DETECTOR_NAMES as readonly string[]).includes(name)) return name as DetectorName;
  throw new ArgusError('CONFIG_INVALID', `monitor.detector: unknown detector "${name}"`, {
    hint: `use one of ${DETECTOR_NAMES.join(', ')}`,
  });
}

/** Write then rename, so a crash mid-save leaves the previous state, never half a file. */
function writeAtomically(path: string, data: string | Uint8Array): void {
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}
