import { stratifiedFolds } from '../../../ml/stratifiedFolds.js';
import { BagOfWordsBaseline } from '../bagOfWordsBaseline.js';
import { crossValidateTexts, type ModelCvResult } from '../evaluation/crossValidateTexts.js';
import { MajorityClass } from '../majorityClass.js';
import { TechniqueClassifier } from '../techniqueClassifier.js';
import type { TextClassifier } from '../textClassifier.js';

export interface LabelledTexts {
  texts: readonly string[];
  labels: readonly string[];
}

export interface ClassifierComparison {
  rows: number;
  classCounts: Record<string, number>;
  folds: number;
  seed: number;
  /** Majority class, the bag-of-words LR baseline, then Argus, all on the same folds. */
  models: Omit<ModelCvResult, 'predictions'>[];
  /** Argus minus baseline macro-F1, fold by fold (the folds are shared, so the difference is paired). */
  argusMinusBaseline: { perFold: number[]; mean: number; foldsWon: number };
}

export const BASELINE_NAME = new BagOfWordsBaseline().name;
export const ARGUS_NAME = new TechniqueClassifier().name;

/**
 * The classifier benchmark on one labelled set: stratified k-fold (default 5) macro-F1 and
 * accuracy of the majority class, the bag-of-words logistic-regression baseline and Argus's technique
 * classifier, trained and tested on identical folds in the same run.
 */
export function compareClassifiers(
  data: LabelledTexts,
  options: { folds?: number; seed?: number; extraModels?: (() => TextClassifier)[] } = {},
): ClassifierComparison {
  const k = options.folds ?? 5;
  const seed = options.seed ?? 42;
  const classes = [...new Set(data.labels)].sort();
  const index = new Map(classes.map((c, i) => [c, i]));
  const folds = stratifiedFolds(
    data.labels.map((l) => index.get(l) as number),
    k,
    seed,
  );
  const results = crossValidateTexts(data.texts, data.labels, folds, [
    () => new MajorityClass(),
    () => new BagOfWordsBaseline(),
    () => new TechniqueClassifier(),
    ...(options.extraModels ?? []),
  ]);
  const baseline = results[1] as ModelCvResult;
  const argus = results[2] as ModelCvResult;
  const perFold = argus.folds.map((f, i) => f.macroF1 - (baseline.folds[i]?.macroF1 ?? 0));
  const classCounts: Record<string, number> = {};
  for (const l of data.labels) classCounts[l] = (classCounts[l] ?? 0) + 1;
  return {
    rows: data.texts.length,
    classCounts,
    folds: k,
    seed,
    models: results.map(({ predictions: _p, ...rest }) => rest),
    argusMinusBaseline: {
      perFold,
      mean: perFold.reduce((s, v) => s + v, 0) / perFold.length,
      foldsWon: perFold.filter((d) => d > 0).length,
    },
  };
}
