import { outOfFoldScores, stratifiedKFold } from '../../ml/crossValidation.js';
import { GradientBoostedTrees, type GradientBoostedTreesOptions } from '../../ml/gbdt/index.js';
import { averagePrecision } from '../../ml/metrics/index.js';
import type { LabelledRows } from './labelledRows.js';

export interface TrainFromFeedbackOptions {
  /** Fewest labels of either class to train at all (default 20). */
  minLabels?: number;
  /** Folds for the cross-validated estimate (default 5); 0 skips it. */
  folds?: number;
  seed?: number;
  /** Overrides for the model; class weights default to 'balanced'. */
  model?: GradientBoostedTreesOptions;
}

interface LabelCounts {
  /** Confirmed alerts (label 1). */
  positives: number;
  /** False positives (label 0). */
  negatives: number;
}

export type FeedbackTraining =
  | (LabelCounts & {
      model: GradientBoostedTrees;
      /**
       * Mean over folds of the average precision of out-of-fold scores: how well the model would have
       * ranked confirmed alerts above false positives it had not seen. Absent when folds = 0.
       */
      cvAveragePrecision?: number;
    })
  | (LabelCounts & { reason: string });

/**
 * Trains a classifier that tells confirmed alerts from false positives, from analysts' verdicts.
 *
 * Refuses (with a reason) when either class has fewer than `minLabels` labels: a model fitted on a
 * handful of verdicts would mostly learn who triaged that week. False positives usually outnumber
 * confirmations, so both classes are weighted to count equally ('balanced'). Feedback sets are small,
 * so the leaf size shrinks with them (a twentieth of the rows, between 5 and 20) instead of leaving a
 * 40-label set with a single split.
 */
export function trainFromFeedback(
  rows: LabelledRows,
  options: TrainFromFeedbackOptions = {},
): FeedbackTraining {
  const minLabels = options.minLabels ?? 20;
  if (!Number.isInteger(minLabels) || minLabels < 1) {
    throw new RangeError(`minLabels must be a positive integer, got ${minLabels}`);
  }
  const folds = options.folds ?? 5;
  let positives = 0;
  for (let i = 0; i < rows.y.length; i++) positives += rows.y[i] as number;
  const counts = { positives, negatives: rows.y.length - positives };
  if (counts.positives < minLabels || counts.negatives < minLabels) {
    return {
      ...counts,
      reason:
        `need at least ${minLabels} confirmed alerts and ${minLabels} false positives, ` +
        `have ${counts.positives} and ${counts.negatives}`,
    };
  }
  const seed = options.seed ?? 1;
  const modelOptions: GradientBoostedTreesOptions = {
    classWeight: 'balanced',
    minSamplesLeaf: Math.min(20, Math.max(5, Math.floor(rows.y.length / 20))),
    seed,
    ...options.model,
  };
  let cvAveragePrecision: number | undefined;
  if (folds >= 2 && Math.min(counts.positives, counts.negatives) >= folds) {
    const split = stratifiedKFold(rows.y, folds, seed);
    const scores = outOfFoldScores(rows.x, rows.y, split, (train, test) => {
      const model = new GradientBoostedTrees(modelOptions);
      model.fit(train.x, train.y);
      return model.predictProba(test);
    });
    let sum = 0;
    for (const test of split) {
      sum += averagePrecision(
        Array.from(test, (i) => rows.y[i] as number),
        Array.from(test, (i) => scores[i] as number),
      );
    }
    cvAveragePrecision = sum / split.length;
  }
  const model = new GradientBoostedTrees(modelOptions);
  model.fit(rows.x, rows.y);
  return { ...counts, model, ...(cvAveragePrecision === undefined ? {} : { cvAveragePrecision }) };
}
