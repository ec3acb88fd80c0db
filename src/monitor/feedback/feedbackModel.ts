import { ArgusError } from '../../core/errors.js';
import { GradientBoostedTrees } from '../../ml/gbdt/index.js';
import type { SavedModel } from '../../ml/model.js';
import { FEATURE_COUNT, FEATURE_LAYOUT_VERSION, FEATURE_NAMES } from '../features/featureNames.js';

/** A saved feedback model: the trees plus the feature layout its rows were built with. */
export type SavedFeedbackModel = SavedModel & {
  features: { layoutVersion: number; names: readonly string[] };
};

export function saveFeedbackModel(model: GradientBoostedTrees): SavedFeedbackModel {
  return { ...model.save(), features: { layoutVersion: FEATURE_LAYOUT_VERSION, names: FEATURE_NAMES } };
}

/**
 * Loads a feedback model, refusing one trained on another feature layout: its trees would read the
 * wrong columns and score nonsense without any error.
 */
export function loadFeedbackModel(saved: unknown): GradientBoostedTrees {
  const layout = (saved as Partial<SavedFeedbackModel> | undefined)?.features?.layoutVersion;
  if (layout !== FEATURE_LAYOUT_VERSION) {
    throw new ArgusError(
      'INPUT_INVALID',
      `the feedback model was trained on feature layout ${String(layout)}; this build uses layout ${FEATURE_LAYOUT_VERSION}`,
      { hint: 'retrain it: argus ml train-feedback --out <model.json>' },
    );
  }
  const model = GradientBoostedTrees.load(saved);
  if (model.featureCount !== FEATURE_COUNT) {
    throw new ArgusError(
      'INPUT_INVALID',
      `the feedback model reads ${model.featureCount} features; the monitor computes ${FEATURE_COUNT}`,
      { hint: 'retrain it: argus ml train-feedback --out <model.json>' },
    );
  }
  return model;
}
