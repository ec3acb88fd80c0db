export interface ClassScore {
  label: number;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface ClassificationScores {
  accuracy: number;
  /** Unweighted mean of per-class F1 over the classes that occur in the truth or the predictions. */
  macroF1: number;
  perClass: ClassScore[];
}

/**
 * Accuracy and macro-F1 of predicted against true class indices, with scikit-learn's conventions
 * (f1_score(average='macro'), zero_division=0): the classes averaged are those in either array, and a
 * class never predicted, or never present, scores F1 = 0 rather than being skipped.
 */
export function classificationScores(
  truth: ArrayLike<number>,
  predicted: ArrayLike<number>,
): ClassificationScores {
  if (truth.length !== predicted.length) {
    throw new RangeError(`${truth.length} true labels but ${predicted.length} predictions`);
  }
  if (truth.length === 0) throw new RangeError('no labels to score');
  const tp = new Map<number, number>();
  const fp = new Map<number, number>();
  const fn = new Map<number, number>();
  const bump = (m: Map<number, number>, key: number) => m.set(key, (m.get(key) ?? 0) + 1);
  let correct = 0;
  for (let i = 0; i < truth.length; i++) {
    const t = truth[i] as number;
    const p = predicted[i] as number;
    if (t === p) {
      correct++;
      bump(tp, t);
    } else {
      bump(fp, p);
      bump(fn, t);
    }
  }
  const labels = [...new Set([...Array.from(truth), ...Array.from(predicted)])].sort((a, b) => a - b);
  const perClass = labels.map((label) => {
    const t = tp.get(label) ?? 0;
    const f = fp.get(label) ?? 0;
    const n = fn.get(label) ?? 0;
    return {
      label,
      precision: t + f === 0 ? 0 : t / (t + f),
      recall: t + n === 0 ? 0 : t / (t + n),
      f1: t === 0 ? 0 : (2 * t) / (2 * t + f + n),
      support: t + n,
    };
  });
  return {
    accuracy: correct / truth.length,
    macroF1: perClass.reduce((s, c) => s + c.f1, 0) / perClass.length,
    perClass,
  };
}
