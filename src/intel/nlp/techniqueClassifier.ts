import { checkSaved, type SavedModel } from '../../ml/model.js';
import { charNgrams } from './charNgrams.js';
import { argmaxRows, type SavedSoftmaxRegression, SoftmaxRegression } from './softmaxRegression.js';
import { hstackSparse, type SparseMatrix } from './sparseMatrix.js';
import { indexLabels, type LabelPrediction, type TextClassifier } from './textClassifier.js';
import { type SavedTextVectorizer, TextVectorizer, type TextVectorizerOptions } from './textVectorizer.js';
import { type TokenizeOptions, tokenize } from './tokenize.js';

export interface TechniqueClassifierOptions {
  tokenizer?: TokenizeOptions;
  vectorizer?: TextVectorizerOptions;
  /**
   * Also use TF-IDF character n-grams of the words, this range of lengths (default [2, 5]); null for
   * words only. They carry the misspellings and run-together words of hand-written root causes.
   */
  charNgrams?: readonly [number, number] | null;
  /** Inverse L2 strength of the logistic regression (scikit-learn's C). */
  c?: number;
  classWeight?: 'none' | 'balanced';
}

const KIND = 'intel-technique-classifier';
// Character n-grams come from the plain words: unstemmed and unsplit, so "FlashLoan" and "flashloan" agree.
const CHAR_WORDS = { stem: false, identifierParts: false } as const;
const CHAR_VECTORIZER: TextVectorizerOptions = { ngrams: [1, 1], minDf: 2, sublinearTf: true };
const VERSION = 1;

interface State {
  classes: string[];
  vectorizer: SavedTextVectorizer;
  charVectorizer: SavedTextVectorizer | null;
  regression: SavedSoftmaxRegression;
}

/**
 * Argus's attack-technique classifier: texts tokenised for security writing (ids kept whole, code
 * identifiers split into words, stop words dropped, Porter stems), TF-IDF over unigrams and bigrams
 * (sublinear tf, l2 rows), and an L2-regularised multinomial logistic regression with balanced class
 * weights, so that rare techniques are not drowned by the common ones (macro-F1 weighs every class
 * equally). Labels are whatever strings it is trained on.
 */
export class TechniqueClassifier implements TextClassifier {
  readonly name = 'Argus TF-IDF LR';
  readonly options: {
    tokenizer: TokenizeOptions;
    vectorizer: TextVectorizerOptions;
    charNgrams: readonly [number, number] | null;
    c: number;
    classWeight: 'none' | 'balanced';
  };
  private vectorizer: TextVectorizer;
  private charVectorizer: TextVectorizer | undefined;
  private regression: SoftmaxRegression;
  private classList: string[] = [];

  constructor(options: TechniqueClassifierOptions = {}) {
    this.options = {
      tokenizer: options.tokenizer ?? { identifierParts: true },
      vectorizer: options.vectorizer ?? { ngrams: [1, 2], minDf: 1, sublinearTf: true },
      charNgrams: options.charNgrams === undefined ? [2, 5] : options.charNgrams,
      c: options.c ?? 10,
      classWeight: options.classWeight ?? 'balanced',
    };
    this.vectorizer = new TextVectorizer(this.options.vectorizer);
    this.charVectorizer = this.options.charNgrams ? new TextVectorizer(CHAR_VECTORIZER) : undefined;
    this.regression = new SoftmaxRegression({ c: this.options.c, classWeight: this.options.classWeight });
  }

  get classes(): readonly string[] {
    return this.classList;
  }

  private charTokens(text: string): string[] {
    return charNgrams(tokenize(text, CHAR_WORDS), this.options.charNgrams ?? [2, 5]);
  }

  private features(texts: readonly string[], fit = false): SparseMatrix {
    const words = texts.map((t) => tokenize(t, this.options.tokenizer));
    if (fit) this.vectorizer.fit(words);
    const blocks = [this.vectorizer.transform(words)];
    if (this.charVectorizer) {
      const chars = texts.map((t) => this.charTokens(t));
      if (fit) this.charVectorizer.fit(chars);
      blocks.push(this.charVectorizer.transform(chars));
    }
    return blocks.length === 1 ? (blocks[0] as SparseMatrix) : hstackSparse(blocks);
  }

  fit(texts: readonly string[], labels: readonly string[]): this {
    if (texts.length !== labels.length)
      throw new RangeError(`${texts.length} texts but ${labels.length} labels`);
    const { classes, y } = indexLabels(labels);
    this.classList = classes;
    this.regression.fit(this.features(texts, true), y, classes.length);
    return this;
  }

  /** rows x classes, in the order of `classes`. */
  predictProba(texts: readonly string[]): Float64Array {
    if (this.classList.length === 0) throw new Error('TechniqueClassifier used before fit or load');
    return this.regression.predictProba(this.features(texts));
  }

  predict(texts: readonly string[]): string[] {
    const k = this.classList.length;
    return Array.from(argmaxRows(this.predictProba(texts), k), (i) => this.classList[i] as string);
  }

  predictWithProbabilities(texts: readonly string[]): LabelPrediction[] {
    const k = this.classList.length;
    const p = this.predictProba(texts);
    const best = argmaxRows(p, k);
    return texts.map((_, i) => ({
      label: this.classList[best[i] as number] as string,
      probabilities: Object.fromEntries(this.classList.map((c, m) => [c, p[i * k + m] as number])),
    }));
  }

  save(): SavedModel<State> {
    return {
      format: 'argus-model',
      kind: KIND,
      version: VERSION,
      params: { ...this.options },
      state: {
        classes: [...this.classList],
        vectorizer: this.vectorizer.save(),
        charVectorizer: this.charVectorizer?.save() ?? null,
        regression: this.regression.save(),
      },
    };
  }

  static load(saved: unknown): TechniqueClassifier {
    const s = checkSaved(saved, KIND, VERSION) as SavedModel<State>;
    const params = s.params as unknown as TechniqueClassifierOptions;
    const model = new TechniqueClassifier(params);
    const state = s.state;
    if (!Array.isArray(state?.classes) || !state.classes.every((c) => typeof c === 'string')) {
      throw new Error('saved technique classifier has no class list');
    }
    model.classList = [...state.classes];
    model.vectorizer = TextVectorizer.load(state.vectorizer);
    model.charVectorizer = state.charVectorizer ? TextVectorizer.load(state.charVectorizer) : undefined;
    model.regression = SoftmaxRegression.load(state.regression, {
      c: model.options.c,
      classWeight: model.options.classWeight,
    });
    if (model.regression.classes !== model.classList.length) {
      throw new Error('saved technique classifier: class list and weights disagree');
    }
    return model;
  }
}
