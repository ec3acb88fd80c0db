import { type SparseMatrix, sparseFromRows } from './sparseMatrix.js';

export interface TextVectorizerOptions {
  /** Smallest and largest n-gram length, in tokens (default [1, 1]). */
  ngrams?: readonly [number, number];
  /** Keep terms found in at least this many training documents (default 1). */
  minDf?: number;
  /** Drop terms found in more than this fraction of training documents (default 1: keep all). */
  maxDfFraction?: number;
  /** Weight terms by smoothed inverse document frequency, ln((1 + n) / (1 + df)) + 1 (default true). */
  idf?: boolean;
  /** Use 1 + ln(tf) instead of the raw count (default false). */
  sublinearTf?: boolean;
  /** Scale each document to unit Euclidean length (default 'l2'). */
  norm?: 'l2' | 'none';
}

export interface SavedTextVectorizer {
  options: Required<TextVectorizerOptions>;
  vocabulary: string[];
  idf: number[] | null;
}

/** The n-grams of a token list, joined by a space, shortest first. */
export function ngrams(tokens: readonly string[], [low, high]: readonly [number, number]): string[] {
  const out: string[] = [];
  for (let n = low; n <= high; n++) {
    for (let i = 0; i + n <= tokens.length; i++) out.push(tokens.slice(i, i + n).join(' '));
  }
  return out;
}

/**
 * Turns token lists into a sparse document-term matrix: raw counts, or TF-IDF with the same
 * conventions as scikit-learn's TfidfVectorizer (smoothed idf, optional sublinear tf, l2 rows), so that
 * numbers can be checked against it. The vocabulary is sorted, so the same documents always give the
 * same columns.
 */
export class TextVectorizer {
  readonly options: Required<TextVectorizerOptions>;
  private vocabulary: string[] = [];
  private index = new Map<string, number>();
  private idfWeights: Float64Array | null = null;

  constructor(options: TextVectorizerOptions = {}) {
    this.options = {
      ngrams: options.ngrams ?? [1, 1],
      minDf: options.minDf ?? 1,
      maxDfFraction: options.maxDfFraction ?? 1,
      idf: options.idf ?? true,
      sublinearTf: options.sublinearTf ?? false,
      norm: options.norm ?? 'l2',
    };
    const [low, high] = this.options.ngrams;
    if (!(Number.isInteger(low) && Number.isInteger(high) && low >= 1 && high >= low)) {
      throw new RangeError(`ngrams must be integers 1 <= low <= high, got [${low}, ${high}]`);
    }
  }

  get terms(): readonly string[] {
    return this.vocabulary;
  }

  fit(documents: readonly (readonly string[])[]): this {
    const df = new Map<string, number>();
    for (const tokens of documents) {
      for (const term of new Set(ngrams(tokens, this.options.ngrams))) df.set(term, (df.get(term) ?? 0) + 1);
    }
    const maxDf = this.options.maxDfFraction * documents.length;
    this.vocabulary = [...df]
      .filter(([, count]) => count >= this.options.minDf && count <= maxDf)
      .map(([term]) => term)
      .sort();
    this.index = new Map(this.vocabulary.map((term, j) => [term, j]));
    if (this.options.idf) {
      const n = documents.length;
      this.idfWeights = Float64Array.from(
        this.vocabulary,
        (term) => Math.log((1 + n) / (1 + (df.get(term) as number))) + 1,
      );
    } else {
      this.idfWeights = null;
    }
    return this;
  }

  transform(documents: readonly (readonly string[])[]): SparseMatrix {
    const rows = documents.map((tokens) => {
      const counts = new Map<number, number>();
      for (const term of ngrams(tokens, this.options.ngrams)) {
        const j = this.index.get(term);
        if (j !== undefined) counts.set(j, (counts.get(j) ?? 0) + 1);
      }
      let squares = 0;
      for (const [j, count] of counts) {
        let v = this.options.sublinearTf ? 1 + Math.log(count) : count;
        if (this.idfWeights) v *= this.idfWeights[j] as number;
        counts.set(j, v);
        squares += v * v;
      }
      if (this.options.norm === 'l2' && squares > 0) {
        const scale = 1 / Math.sqrt(squares);
        for (const [j, v] of counts) counts.set(j, v * scale);
      }
      return counts;
    });
    return sparseFromRows(rows, this.vocabulary.length);
  }

  fitTransform(documents: readonly (readonly string[])[]): SparseMatrix {
    return this.fit(documents).transform(documents);
  }

  save(): SavedTextVectorizer {
    return {
      options: { ...this.options, ngrams: [...this.options.ngrams] as [number, number] },
      vocabulary: [...this.vocabulary],
      idf: this.idfWeights ? [...this.idfWeights] : null,
    };
  }

  static load(saved: SavedTextVectorizer): TextVectorizer {
    const v = new TextVectorizer(saved.options);
    if (!Array.isArray(saved.vocabulary) || !saved.vocabulary.every((t) => typeof t === 'string')) {
      throw new Error('saved vectorizer vocabulary is not a string array');
    }
    v.vocabulary = [...saved.vocabulary];
    v.index = new Map(v.vocabulary.map((term, j) => [term, j]));
    if (saved.idf !== null) {
      if (!Array.isArray(saved.idf) || saved.idf.length !== v.vocabulary.length) {
        throw new Error('saved vectorizer idf does not match its vocabulary');
      }
      v.idfWeights = Float64Array.from(saved.idf);
    }
    return v;
  }
}
