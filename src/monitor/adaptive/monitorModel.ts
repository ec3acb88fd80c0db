import { z } from 'zod';
import { ArgusError } from '../../core/errors.js';
import { DETECTOR_NAMES, loadDetector } from '../../ml/detectorFactory.js';
import { explainRow } from '../../ml/explain.js';
import type { Matrix } from '../../ml/matrix.js';
import {
  type AnomalyDetector,
  checkSaved,
  parseParams,
  type SavedModel,
  savedNumbers,
} from '../../ml/model.js';
import { FEATURE_LAYOUT_VERSION, FEATURE_NAMES } from '../features/featureNames.js';
import { type FeatureBaseline, featureBaselines, loadFeatureBaselines } from './featureBaselines.js';
import { createMonitorDetector } from './monitorDetector.js';
import { RobustRowScaler, type RobustRowScalerState } from './robustRowScaler.js';
import { ScoreCalibration, type ScoreCalibrationState } from './scoreCalibration.js';
import { type DriftBaseline, decileBaseline, SCORE_HISTOGRAM_BINS } from './scoreDriftDetector.js';

const KIND = 'monitor-model';
const VERSION = 1;
/** Fewer rows than this cannot say what "normal" is, let alone calibrate a percentile. */
export const MIN_TRAINING_ROWS = 16;

export const MonitorModelOptionsSchema = z
  .object({
    /** Which unsupervised detector. */
    detector: z.enum(DETECTOR_NAMES).default('iforest'),
    /**
     * Isolation-forest size (also the ensemble's forest). 50 by default: measured here a 100-tree
     * forest alone costs 7-9 µs of CPU per event, which leaves nothing of a 100k events/s budget,
     * while 50 trees cost ~4 µs and detected as well within seed noise on synthetic traffic.
     */
    trees: z.number().int().min(1).max(10_000).default(50),
    sampleSize: z.number().int().min(2).max(1_000_000).default(256),
    seed: z.number().int().default(1),
    /** The feature vector's names and layout version; the monitor's contract unless testing. */
    featureNames: z.array(z.string().min(1)).min(1).optional(),
    layoutVersion: z.number().int().min(0).optional(),
  })
  .strict();
export type MonitorModelOptions = z.input<typeof MonitorModelOptionsSchema>;

export interface FeatureLayout {
  featureNames: readonly string[];
  layoutVersion: number;
}

const MONITOR_LAYOUT: FeatureLayout = { featureNames: FEATURE_NAMES, layoutVersion: FEATURE_LAYOUT_VERSION };

/** One feature that pushed a row's score up, in the shape alert evidence wants. */
export interface FeatureContribution {
  /** Index into the feature vector. */
  feature: number;
  name: string;
  /** The row's value, unscaled. */
  value: number;
  /** The training median of the feature: what "usual" meant to the model. */
  baseline: number;
  /** How much of the score this feature accounts for, in the detector's raw score units. */
  contribution: number;
}

export interface MonitorModelState {
  featureNames: string[];
  layoutVersion: number;
  scaler: RobustRowScalerState;
  detector: SavedModel;
  calibration: ScoreCalibrationState;
  driftBaseline: { edges: number[]; proportions: number[]; histogram?: number[] };
  /** Absent from models saved before per-feature drift was measured. */
  featureBaselines?: { edges: number[]; proportions: number[] }[];
  trainingRows: number;
}

interface Parts {
  layout: FeatureLayout;
  params: z.output<typeof MonitorModelOptionsSchema>;
  scaler: RobustRowScaler;
  detector: AnomalyDetector;
  calibration: ScoreCalibration;
  driftBaseline: DriftBaseline;
  featureBaselines: readonly FeatureBaseline[] | undefined;
  trainingRows: number;
}

/**
 * The monitor's learned model: robust scaling, an unsupervised detector, and a calibration that
 * turns the raw score into "share of training traffic scored lower" in [0, 1]. Immutable once built,
 * so a retrainer can swap a whole new one in between two events.
 *
 * scoreRow is the per-event hot path: it scales into one internal scratch buffer and calls the
 * detector's allocation-free scoreRow, so it allocates nothing. The scratch buffer makes a model
 * single-threaded, which is what the monitor is.
 */
export class MonitorModel {
  readonly kind = KIND;
  readonly featureNames: readonly string[];
  readonly layoutVersion: number;
  /** Training scores' deciles on the calibrated scale: the drift detector's baseline. */
  readonly driftBaseline: DriftBaseline;
  /** Each feature's training deciles (unscaled), for per-feature drift; absent on models saved before them. */
  readonly featureBaselines: readonly FeatureBaseline[] | undefined;
  readonly trainingRows: number;
  readonly detector: AnomalyDetector;
  private readonly params: Parts['params'];
  private readonly scaler: RobustRowScaler;
  private readonly calibration: ScoreCalibration;
  private readonly scratch: Float64Array;
  /** The training medians after scaling (all 0): the reference occlusion explanations substitute. */
  private readonly reference: Float64Array;

  private constructor(parts: Parts) {
    this.featureNames = parts.layout.featureNames;
    this.layoutVersion = parts.layout.layoutVersion;
    this.params = parts.params;
    this.scaler = parts.scaler;
    this.detector = parts.detector;
    this.calibration = parts.calibration;
    this.driftBaseline = parts.driftBaseline;
    this.featureBaselines = parts.featureBaselines;
    this.trainingRows = parts.trainingRows;
    this.scratch = new Float64Array(this.featureNames.length);
    this.reference = new Float64Array(this.featureNames.length);
  }

  /** Fits on the rows of x (one feature vector per row, in the layout's order). */
  static fit(x: Matrix, options: MonitorModelOptions = {}): MonitorModel {
    const params = parseParams(MonitorModelOptionsSchema, options, 'monitor model options');
    const layout: FeatureLayout = {
      featureNames: params.featureNames ?? MONITOR_LAYOUT.featureNames,
      layoutVersion: params.layoutVersion ?? MONITOR_LAYOUT.layoutVersion,
    };
    if (x.cols !== layout.featureNames.length) {
      throw new RangeError(
        `monitor model expects ${layout.featureNames.length} features per row, got ${x.cols}`,
      );
    }
    if (x.rows < MIN_TRAINING_ROWS) {
      throw new RangeError(`monitor model needs at least ${MIN_TRAINING_ROWS} training rows, got ${x.rows}`);
    }
    const scaler = RobustRowScaler.fit(x);
    const scaled = scaler.transform(x);
    const detector = createMonitorDetector(params);
    detector.fit(scaled);
    // Calibrated in-sample: with the default forest each row is in ~psi/rows of the subsamples, so
    // the optimism of scoring training rows is negligible next to the window's own sampling noise.
    const raw = detector.score(scaled);
    const calibration = ScoreCalibration.fit(raw);
    const driftBaseline = decileBaseline(raw.map((s) => calibration.calibrate(s)));
    return new MonitorModel({
      layout,
      params,
      scaler,
      detector,
      calibration,
      driftBaseline,
      featureBaselines: featureBaselines(x),
      trainingRows: x.rows,
    });
  }

  /** The calibrated score of one feature vector, in [0, 1]; allocation-free. */
  scoreRow(row: Float64Array): number {
    if (row.length !== this.scratch.length) {
      throw new RangeError(`monitor model expects ${this.scratch.length} features, got ${row.length}`);
    }
    this.scaler.transformRow(row, this.scratch);
    return this.calibration.calibrate(this.detector.scoreRow(this.scratch));
  }

  /** The detector's raw score of one feature vector (for diagnostics; alerts use scoreRow). */
  rawScoreRow(row: Float64Array): number {
    if (row.length !== this.scratch.length) {
      throw new RangeError(`monitor model expects ${this.scratch.length} features, got ${row.length}`);
    }
    this.scaler.transformRow(row, this.scratch);
    return this.detector.scoreRow(this.scratch);
  }

  /**
   * The features that pushed this row's score up, largest first, at most topK, only positive ones.
   *
   * Detectors with their own attribution (isolation forest, autoencoder) explain themselves; any
   * other is explained by occlusion: each feature in turn is set to its training median and the
   * drop in raw score is its contribution (src/ml/explain.ts). Occlusion does not split
   * interactions (two features only odd together each get little credit), but it needs nothing from
   * the detector beyond scoring. Only called for alerts, so it may allocate.
   */
  explainRow(row: Float64Array, topK: number): FeatureContribution[] {
    const scaled = new Float64Array(this.scratch.length);
    if (row.length !== scaled.length) {
      throw new RangeError(`monitor model expects ${scaled.length} features, got ${row.length}`);
    }
    this.scaler.transformRow(row, scaled);
    const credit = explainRow(this.detector, scaled, this.reference);
    const out: FeatureContribution[] = [];
    credit.forEach((contribution, feature) => {
      if (!(contribution > 0)) return;
      out.push({
        feature,
        name: this.featureNames[feature] as string,
        value: row[feature] as number,
        baseline: this.scaler.center[feature] as number,
        contribution,
      });
    });
    out.sort((a, b) => b.contribution - a.contribution);
    return out.slice(0, Math.max(0, Math.floor(topK)));
  }

  save(): SavedModel<MonitorModelState> {
    const { featureNames: _names, layoutVersion: _version, ...params } = this.params;
    return {
      format: 'argus-model',
      kind: KIND,
      version: VERSION,
      params,
      state: {
        featureNames: [...this.featureNames],
        layoutVersion: this.layoutVersion,
        scaler: this.scaler.save(),
        detector: this.detector.save(),
        calibration: this.calibration.save(),
        driftBaseline: {
          edges: Array.from(this.driftBaseline.edges),
          proportions: Array.from(this.driftBaseline.proportions),
          ...(this.driftBaseline.histogram ? { histogram: Array.from(this.driftBaseline.histogram) } : {}),
        },
        ...(this.featureBaselines
          ? {
              featureBaselines: this.featureBaselines.map((b) => ({
                edges: Array.from(b.edges),
                proportions: Array.from(b.proportions),
              })),
            }
          : {}),
        trainingRows: this.trainingRows,
      },
    };
  }

  /**
   * Restores a saved model, refusing one trained on a different feature layout: its columns would
   * mean other things, and its scores would be silently wrong.
   */
  static load(saved: unknown, expected: FeatureLayout = MONITOR_LAYOUT): MonitorModel {
    const s = checkSaved(saved, KIND, VERSION) as SavedModel<Partial<MonitorModelState>>;
    const state = s.state ?? {};
    const names = state.featureNames;
    const sameNames =
      Array.isArray(names) &&
      names.length === expected.featureNames.length &&
      names.every((name, i) => name === expected.featureNames[i]);
    if (!sameNames || state.layoutVersion !== expected.layoutVersion) {
      throw new ArgusError(
        'INPUT_INVALID',
        `saved monitor model was trained on feature layout ${String(state.layoutVersion)} ` +
          `(${Array.isArray(names) ? names.length : '?'} features); this build computes layout ` +
          `${expected.layoutVersion} (${expected.featureNames.length} features)`,
        { hint: 'retrain the monitor model on features from this build' },
      );
    }
    const params = parseParams(MonitorModelOptionsSchema, s.params, 'saved monitor model params');
    const cols = expected.featureNames.length;
    const rows = state.trainingRows;
    if (typeof rows !== 'number' || !Number.isInteger(rows) || rows < 1) {
      throw new Error('saved monitor model has no valid training row count');
    }
    const edges = savedNumbers(state.driftBaseline?.edges, 'driftBaseline.edges');
    const histogram = state.driftBaseline?.histogram;
    return new MonitorModel({
      layout: { featureNames: [...expected.featureNames], layoutVersion: expected.layoutVersion },
      params,
      scaler: RobustRowScaler.load(state.scaler, cols),
      detector: loadDetector(state.detector),
      calibration: ScoreCalibration.load(state.calibration),
      driftBaseline: {
        edges,
        proportions: savedNumbers(
          state.driftBaseline?.proportions,
          'driftBaseline.proportions',
          edges.length + 1,
        ),
        ...(histogram === undefined
          ? {}
          : { histogram: savedNumbers(histogram, 'driftBaseline.histogram', SCORE_HISTOGRAM_BINS) }),
      },
      featureBaselines: loadFeatureBaselines(state.featureBaselines, cols),
      trainingRows: rows,
    });
  }
}
