import type { AlertInput } from '../core/alert.js';
import type { DriftReport } from './adaptive/scoreDriftDetector.js';

/** Words a score-distribution shift as an alert: the model's view of "normal" no longer fits the traffic. */
export function driftAlert(report: DriftReport, occurredAt: number, generation: number): AlertInput {
  const shares = (bins: Float64Array) => Array.from(bins, (v) => `${(v * 100).toFixed(0)}%`).join(' ');
  const topBin = report.currentBins.length - 1;
  return {
    area: 'monitor',
    detector: 'monitor.drift',
    subject: { kind: 'other', id: 'monitor-model-scores' },
    severity: report.level === 'significant' ? 'medium' : 'low',
    score: Math.min(1, report.psi),
    title: `Model score distribution shifted (PSI ${report.psi.toFixed(2)})`,
    explanation:
      `The last ${report.window.toLocaleString('en-US')} scores no longer look like the scores the current ` +
      `model (generation ${generation}) was trained on: population stability index ${report.psi.toFixed(3)} ` +
      `(${report.level}; 0.2 and above is a significant shift). Share per training decile now: ` +
      `${shares(report.currentBins)}; at training: ${shares(report.baselineBins)}. ` +
      'Either the traffic changed (a new product, a market event, an attack in progress) or the model is stale; ' +
      'a retrain on the recent window follows on schedule.',
    evidence: [
      { kind: 'fact', name: 'psi', value: Number(report.psi.toFixed(4)) },
      { kind: 'fact', name: 'top_decile_share', value: Number((report.currentBins[topBin] ?? 0).toFixed(4)) },
      { kind: 'fact', name: 'window', value: report.window },
      { kind: 'fact', name: 'model_generation', value: generation },
    ],
    occurredAt,
  };
}
