import { complementOf } from '../../../ml/crossValidation.js';
import type { TextClassifier } from '../textClassifier.js';
import { classificationScores } from './classificationScores.js';

export interface ModelCvResult {
  name: string;
  /** Per fold, scored on that fold's test rows. */
  folds: { macroF1: number; accuracy: number }[];
  /** Mean and sample standard deviation over folds (scikit-learn's cross_val_score convention). */
  macroF1: { mean: number; sd: number };
  accuracy: { mean: number; sd: number };
  /** Macro-F1 and accuracy of all out-of-fold predictions pooled. */
  pooled: { macroF1: number; accuracy: number };
  /** Out-of-fold prediction for every row. */
  predictions: string[];
  seconds: number;
}

const meanSd = (values: readonly number[]) => {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const variance =
    values.length > 1 ? values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1) : 0;
  return { mean, sd: Math.sqrt(variance) };
};

/**
 * Cross-validates several classifiers on the same folds: for each fold every model is trained on the
 * other folds' texts and predicts this fold's, so their scores differ only by the model.
 */
export function crossValidateTexts(
  texts: readonly string[],
  labels: readonly string[],
  folds: readonly Uint32Array[],
  models: readonly (() => TextClassifier)[],
): ModelCvResult[] {
  if (texts.length !== labels.length)
    throw new RangeError(`${texts.length} texts but ${labels.length} labels`);
  // Labels are scored as indices into one list shared by all models and folds.
  const classes = [...new Set(labels)].sort();
  const index = new Map(classes.map((c, i) => [c, i]));
  const indexOf = (label: string) => {
    let i = index.get(label);
    if (i === undefined) {
      i = classes.length;
      classes.push(label);
      index.set(label, i);
    }
    return i;
  };
  return models.map((make) => {
    const started = performance.now();
    const predictions = new Array<string>(texts.length);
    const foldScores: { macroF1: number; accuracy: number }[] = [];
    let name = '';
    for (const test of folds) {
      const train = complementOf(texts.length, test);
      const model = make();
      name = model.name;
      model.fit(
        Array.from(train, (i) => texts[i] as string),
        Array.from(train, (i) => labels[i] as string),
      );
      const predicted = model.predict(Array.from(test, (i) => texts[i] as string));
      test.forEach((row, k) => {
        predictions[row] = predicted[k] as string;
      });
      const scores = classificationScores(
        Array.from(test, (i) => indexOf(labels[i] as string)),
        predicted.map(indexOf),
      );
      foldScores.push({ macroF1: scores.macroF1, accuracy: scores.accuracy });
    }
    const pooled = classificationScores(labels.map(indexOf), predictions.map(indexOf));
    return {
      name,
      folds: foldScores,
      macroF1: meanSd(foldScores.map((f) => f.macroF1)),
      accuracy: meanSd(foldScores.map((f) => f.accuracy)),
      pooled: { macroF1: pooled.macroF1, accuracy: pooled.accuracy },
      predictions,
      seconds: (performance.now() - started) / 1000,
    };
  });
}
