import type { TransferEvent } from '../core/transferEvent.js';
import { averagePrecision, rocAuc } from '../ml/metrics/index.js';
import type { GroundTruth } from './simulate/groundTruth.js';

export interface ModelRanking {
  /** Transfers the model scored (all after the first model was fitted). */
  scored: number;
  malicious: number;
  /** How well the model's score alone ranks the incidents' transfers above normal ones. */
  rocAuc: number | null;
  averagePrecision: number | null;
  byTypology: { typology: string; transfers: number; rocAuc: number | null }[];
}

/**
 * Collects the model's score of every transfer and, at the end, says how well that score alone
 * separates the incidents' transfers from normal traffic, whatever the alert threshold. This is what
 * tells whether a threshold could ever work, and for which typologies the model helps at all.
 */
export class ModelRankingCollector {
  private readonly typologyOfKey = new Map<string, string>();
  private readonly scores: number[] = [];
  /** The incident's typology per scored transfer, '' for normal traffic. */
  private readonly typologies: string[] = [];

  constructor(truth: GroundTruth) {
    for (const incident of truth.incidents) {
      for (const key of incident.eventKeys) this.typologyOfKey.set(key, incident.typology);
    }
  }

  readonly observe = (event: TransferEvent, score: number): void => {
    this.scores.push(score);
    this.typologies.push(this.typologyOfKey.get(event.key) ?? '');
  };

  result(): ModelRanking {
    const n = this.scores.length;
    const scores = Float64Array.from(this.scores);
    const labels = Float64Array.from(this.typologies, (t) => (t === '' ? 0 : 1));
    const malicious = labels.reduce((a, b) => a + b, 0);
    const names = [...new Set(this.typologies.filter((t) => t !== ''))].sort();
    const byTypology = names.map((typology) => {
      // This typology's transfers against normal traffic; other incidents are left out.
      const keep: number[] = [];
      for (let i = 0; i < n; i++)
        if (this.typologies[i] === '' || this.typologies[i] === typology) keep.push(i);
      const y = Float64Array.from(keep, (i) => (this.typologies[i] === typology ? 1 : 0));
      const s = Float64Array.from(keep, (i) => scores[i] as number);
      const transfers = y.reduce((a, b) => a + b, 0);
      return { typology, transfers, rocAuc: separable(y, transfers) ? rocAuc(y, s) : null };
    });
    const ok = separable(labels, malicious);
    return {
      scored: n,
      malicious,
      rocAuc: ok ? rocAuc(labels, scores) : null,
      averagePrecision: ok ? averagePrecision(labels, scores) : null,
      byTypology,
    };
  }
}

function separable(labels: Float64Array, positives: number): boolean {
  return positives > 0 && positives < labels.length;
}
