import { z } from 'zod';
import { ValidationError } from '../../core/errors.js';
import { describeZodIssues } from '../../core/zodIssues.js';

/** Per-class weights: one weight for label 0 and one for label 1. */
export type ClassWeights = { 0: number; 1: number };

const positive = z.number().positive().finite();
const nonNegative = z.number().nonnegative().finite();
const count = z.number().int().positive();

/**
 * Hyper-parameters; the defaults follow scikit-learn's HistGradientBoostingClassifier so results can be
 * compared one to one.
 */
export const GradientBoostedTreesOptionsSchema = z
  .object({
    /** Shrinkage applied to every tree's output. */
    learningRate: positive.default(0.1),
    /** Boosting rounds (trees), before early stopping. */
    iterations: count.default(100),
    /** Leaves per tree. */
    maxLeaves: z.number().int().min(2).default(31),
    /** Depth limit (root = depth 0); null means no limit beyond maxLeaves. */
    maxDepth: z.number().int().positive().nullable().default(null),
    /** Which leaf to split next: the one with the largest gain (LightGBM), or the shallowest (XGBoost). */
    growth: z.enum(['leaf-wise', 'depth-wise']).default('leaf-wise'),
    /** Fewest training rows (unweighted) in a leaf. */
    minSamplesLeaf: count.default(20),
    /** Smallest sum of hessians in a leaf: keeps leaves that are nearly certain from fitting noise. */
    minHessianLeaf: nonNegative.default(1e-3),
    /** L2 penalty on leaf values (lambda). */
    l2: nonNegative.default(0),
    /** Bins for a feature's non-missing values, at most 255; missing values get a bin of their own. */
    maxBins: z.number().int().min(2).max(255).default(255),
    /** 'balanced' weighs each class by rows / (2 * its rows); or explicit weights per class. */
    classWeight: z
      .union([z.literal('balanced'), z.object({ 0: positive, 1: positive }).strict()])
      .nullable()
      .default(null),
    /** Hold out a validation split and stop when its loss stops improving; 'auto' = on above 10,000 rows. */
    earlyStopping: z.union([z.boolean(), z.literal('auto')]).default('auto'),
    /** Share of rows held out (stratified) for early stopping. */
    validationFraction: z.number().gt(0).lt(1).default(0.1),
    /** Stop after this many rounds without the validation loss improving by more than `tolerance`. */
    patience: count.default(10),
    tolerance: nonNegative.default(1e-7),
    /** Seeds the early-stopping split and the row sample used for binning large inputs. */
    seed: z.number().int().default(1),
  })
  .strict();

export type GradientBoostedTreesOptions = z.input<typeof GradientBoostedTreesOptionsSchema>;
export type ResolvedOptions = z.output<typeof GradientBoostedTreesOptionsSchema>;

export function resolveOptions(options: unknown): ResolvedOptions {
  const parsed = GradientBoostedTreesOptionsSchema.safeParse(options ?? {});
  if (!parsed.success) {
    throw new ValidationError(
      'INPUT_INVALID',
      'gradient-boosted trees options',
      describeZodIssues(parsed.error, options),
    );
  }
  return parsed.data;
}
