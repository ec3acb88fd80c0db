import { argmaxRows, SoftmaxRegression } from './softmaxRegression.js';
import { indexLabels, type TextClassifier } from './textClassifier.js';
import { TextVectorizer } from './textVectorizer.js';

/** scikit-learn CountVectorizer's default analyser: lower-case, tokens of two or more word characters. */
export function defaultWordTokens(text: string): string[] {
  return text.toLowerCase().match(/\b\w\w+\b/gu) ?? [];
}

/**
 * The baseline, as a data scientist would first write it in scikit-learn:
 * make_pipeline(CountVectorizer(), LogisticRegression()) - raw unigram counts, no stop words, no
 * stemming, and logistic regression with its default L2 penalty (C = 1), multinomial, no class
 * weights. It is solved to convergence (scikit-learn stops at 100 iterations by default and warns).
 */
export class BagOfWordsBaseline implements TextClassifier {
  readonly name = 'bag-of-words LR';
  private vectorizer = new TextVectorizer({ ngrams: [1, 1], idf: false, norm: 'none' });
  private model = new SoftmaxRegression({ c: 1 });
  private classes: string[] = [];

  fit(texts: readonly string[], labels: readonly string[]): this {
    const { classes, y } = indexLabels(labels);
    this.classes = classes;
    const x = this.vectorizer.fitTransform(texts.map(defaultWordTokens));
    this.model.fit(x, y, classes.length);
    return this;
  }

  predict(texts: readonly string[]): string[] {
    const p = this.model.predictProba(this.vectorizer.transform(texts.map(defaultWordTokens)));
    return Array.from(argmaxRows(p, this.classes.length), (i) => this.classes[i] as string);
  }
}
