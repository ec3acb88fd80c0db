import type { AlertInput } from '../core/alert.js';
import { type ModelRanking, ModelRankingCollector } from './modelRanking.js';
import type { MonitorConfig } from './monitorRuntime.js';
import { createMonitorRuntime } from './monitorRuntime.js';
import { type RunProgress, runMonitor } from './runMonitor.js';
import { evaluateDetections } from './simulate/evaluate.js';
import type { GroundTruth } from './simulate/groundTruth.js';
import type { RejectedRecord, TransferSource } from './sources/source.js';
import type { MonitorStats } from './transactionMonitor.js';

export interface MonitorEvaluation {
  report: ReturnType<typeof evaluateDetections>;
  stats: MonitorStats;
  progress: RunProgress;
  /** The first malformed records, with why (all are counted in progress.rejected). */
  rejectedSamples: RejectedRecord[];
  alerts: AlertInput[];
  /** How well the model's score alone ranks the incidents' transfers, whatever the threshold. */
  modelRanking: ModelRanking;
}

export interface EvaluateMonitorOptions {
  source: TransferSource;
  truth: GroundTruth;
  config: MonitorConfig;
  baseDir: string;
  onProgress?: (progress: RunProgress) => void;
  signal?: AbortSignal;
}

/**
 * Runs the whole monitor (features, model retrained inline at fixed points, rules) over a simulated
 * stream and scores its alerts against the stream's ground truth, per typology. Inline retraining
 * makes the result the same on every run and machine.
 */
export async function evaluateMonitor(options: EvaluateMonitorOptions): Promise<MonitorEvaluation> {
  const ranking = new ModelRankingCollector(options.truth);
  const runtime = createMonitorRuntime({
    onScore: ranking.observe,
    config: options.config,
    baseDir: options.baseDir,
    retraining: 'inline',
    persistState: false,
  });
  const alerts: AlertInput[] = [];
  const rejectedSamples: RejectedRecord[] = [];
  try {
    const progress = await runMonitor({
      source: options.source,
      monitor: runtime.monitor,
      sink: async (batch) => {
        alerts.push(...batch);
      },
      signal: options.signal ?? new AbortController().signal,
      onReject: (r) => {
        if (rejectedSamples.length < 20) rejectedSamples.push(r);
      },
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    // Drift alerts are about the model, not an account, so they cannot match an incident.
    const detections = alerts
      .filter((a) => a.subject.kind === 'account')
      .map((a) => ({ detector: a.detector, subjectId: a.subject.id, occurredAt: a.occurredAt ?? 0 }));
    const report = evaluateDetections(options.truth, detections);
    return {
      report,
      stats: { ...runtime.monitor.stats },
      progress,
      rejectedSamples,
      alerts,
      modelRanking: ranking.result(),
    };
  } finally {
    await runtime.close();
  }
}
