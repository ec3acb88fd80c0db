import type { ModelHealthCheck, ModelHealthDetails } from '../../store/types.js';
import { psiLevel } from '../adaptive/populationStabilityIndex.js';
import type { DriftReport } from '../adaptive/scoreDriftDetector.js';

/** The monitor's running counters (TransactionMonitor.stats); alert rates are their growth between checks. */
export interface AlertCounters {
  readonly scored: number;
  readonly modelAlerts: number;
  readonly ruleAlerts: number;
}

/** Why a new generation was installed: the first fit, a drift report since the last swap, the schedule, or a saved model. */
export type RetrainReason = NonNullable<ModelHealthDetails['retrain']>['reason'];

export interface ModelHealthRecorderOptions {
  /** The model's name in the store, e.g. 'monitor'. */
  model: string;
  featureNames: readonly string[];
  counters: () => AlertCounters;
  /** Takes each row (a ModelHealthWriter's add: it must not wait). */
  write: (check: ModelHealthCheck) => void;
}

/** Shares and PSIs rounded to 6 decimals: a chart needs no more, and a row stays a few hundred bytes. */
const round = (v: number): number => Math.round(v * 1e6) / 1e6;
const rounded = (values: ArrayLike<number>): number[] => Array.from(values, round);

/**
 * Turns what the monitor already measures into model-health rows: every drift check (PSI over the
 * training deciles, the score histogram, the alert rate since the previous check, per-feature PSI)
 * and every new generation. The live monitor and the demo seeder both record through this.
 */
export class ModelHealthRecorder {
  private previous: AlertCounters;

  constructor(private readonly options: ModelHealthRecorderOptions) {
    this.previous = { ...options.counters() };
  }

  /** One drift check; featurePsi is in featureNames order, when the model kept feature baselines. */
  check(
    report: DriftReport,
    drifted: boolean,
    at: number,
    generation: number,
    featurePsi: Float64Array | undefined,
  ): void {
    const now = { ...this.options.counters() };
    const scored = now.scored - this.previous.scored;
    const model = now.modelAlerts - this.previous.modelAlerts;
    const rules = now.ruleAlerts - this.previous.ruleAlerts;
    this.previous = now;
    const histogramEdges = Array.from({ length: report.histogram.length - 1 }, (_, i) =>
      round((i + 1) / report.histogram.length),
    );
    const details: ModelHealthDetails = {
      kind: 'check',
      drifted,
      deciles: {
        edges: rounded(report.edges),
        current: rounded(report.currentBins),
        baseline: rounded(report.baselineBins),
      },
      histogram: {
        edges: histogramEdges,
        current: rounded(report.histogram),
        ...(report.baselineHistogram ? { baseline: rounded(report.baselineHistogram) } : {}),
      },
      alerts: {
        scored,
        model,
        rules,
        modelRate: scored > 0 ? round(model / scored) : 0,
        ruleRate: scored > 0 ? round(rules / scored) : 0,
      },
      ...(featurePsi
        ? {
            features: Array.from(featurePsi, (psi, i) => ({
              name: this.options.featureNames[i] ?? `feature_${i}`,
              psi: round(psi),
            })),
          }
        : {}),
    };
    this.options.write({
      model: this.options.model,
      at,
      generation,
      sampleSize: report.window,
      psi: report.psi,
      level: report.level,
      details,
    });
  }

  /** A new generation went in; previousPsi is the last PSI of the one it replaced (NaN when never checked). */
  retrain(at: number, generation: number, rows: number, reason: RetrainReason, previousPsi: number): void {
    this.options.write({
      model: this.options.model,
      at,
      generation,
      sampleSize: rows,
      psi: 0,
      level: psiLevel(0),
      details: {
        kind: 'retrain',
        retrain: {
          reason,
          rows,
          ...(Number.isFinite(previousPsi) ? { previousPsi: round(previousPsi) } : {}),
        },
      },
    });
  }
}
