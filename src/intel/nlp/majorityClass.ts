import type { TextClassifier } from './textClassifier.js';

/**
 * Predicts the most frequent training label for every text (ties to the label that sorts first): the
 * floor any classifier must clear, as scikit-learn's DummyClassifier(strategy='most_frequent').
 */
export class MajorityClass implements TextClassifier {
  readonly name = 'majority class';
  private label: string | undefined;

  fit(_texts: readonly string[], labels: readonly string[]): this {
    if (labels.length === 0) throw new RangeError('no training labels');
    const counts = new Map<string, number>();
    for (const l of labels) counts.set(l, (counts.get(l) ?? 0) + 1);
    this.label = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))[0]?.[0];
    return this;
  }

  predict(texts: readonly string[]): string[] {
    if (this.label === undefined) throw new Error('MajorityClass.predict before fit');
    return texts.map(() => this.label as string);
  }
}
