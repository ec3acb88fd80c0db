import type { TransferEvent } from '../core/transferEvent.js';
import type { RuleHit } from './rules/ruleHit.js';

/**
 * What the engine needs from each part, as structural interfaces: the engine can be tested with
 * small fakes, and each part stays free to grow its own API.
 */

export interface FeatureComputer {
  /**
   * Writes the sender's feature vector for this transfer into out and the sender's usual value of
   * each feature before it into baseline (NaN where there is none), then folds the transfer in.
   */
  observe(event: TransferEvent, out: Float64Array, baseline: Float64Array): void;
}

/** A rule hit as the engine words it; any rule type name will do, so tests can bring their own. */
export type RuleHitLike = Omit<RuleHit, 'type'> & { type: string };

export interface RuleEvaluator {
  evaluate(event: TransferEvent, features: Float64Array, emit: (hit: RuleHitLike) => void): void;
}

export interface FeatureContribution {
  /** Index into FEATURE_NAMES. */
  feature: number;
  contribution: number;
}

/** A fitted model that scores one feature vector, calibrated to [0, 1] (0.99: above 99% of training). */
export interface RowScorer {
  scoreRow(row: Float64Array): number;
  /** The features that pushed this row's score up, largest first. */
  explainRow(row: Float64Array, topK: number): FeatureContribution[];
}

/** A model trained on analysts' verdicts: the probability that a transfer is one they would confirm. */
export interface SupervisedScorer {
  predictRow(row: Float64Array): number;
  /** Per-feature contributions to the margin (log-odds), in feature order. */
  explainRow(row: Float64Array): Float64Array;
}
