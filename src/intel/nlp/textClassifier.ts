/** What every text classifier in the benchmark offers: train on labelled texts, then label new ones. */
export interface TextClassifier {
  readonly name: string;
  fit(texts: readonly string[], labels: readonly string[]): this;
  predict(texts: readonly string[]): string[];
}

/** A prediction with the probability the model gives each class it knows. */
export interface LabelPrediction {
  label: string;
  probabilities: Record<string, number>;
}

/** The distinct labels in sorted order and each row's index into them. */
export function indexLabels(labels: readonly string[]): { classes: string[]; y: Int32Array } {
  if (labels.length === 0) throw new RangeError('no training labels');
  const classes = [...new Set(labels)].sort();
  const index = new Map(classes.map((c, i) => [c, i]));
  return { classes, y: Int32Array.from(labels, (l) => index.get(l) as number) };
}
