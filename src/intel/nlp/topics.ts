import { seededRandom } from '../../ml/random.js';
import type { SparseMatrix } from './sparseMatrix.js';
import { TextVectorizer, type TextVectorizerOptions } from './textVectorizer.js';
import { type TokenizeOptions, tokenize } from './tokenize.js';

export interface NmfOptions {
  /** Number of topics k. */
  topics: number;
  maxIterations?: number;
  /** Stop when the relative fall of the squared reconstruction error over 10 iterations is below this (default 1e-4). */
  tolerance?: number;
  seed?: number;
}

export interface NmfResult {
  /** documents x k, row-major: how much of each topic each document holds. */
  w: Float64Array;
  /** k x terms, row-major: each topic's term weights. */
  h: Float64Array;
  iterations: number;
  /** Squared Frobenius norm of X - WH at the end. */
  error: number;
}

const EPS = 1e-10;

/**
 * Non-negative matrix factorisation X ~ WH under the Frobenius norm, by Lee & Seung's multiplicative
 * updates ("Algorithms for non-negative matrix factorization", NIPS 2000). X stays sparse: each
 * iteration costs O(nnz(X) k + (docs + terms) k^2). The start is random, from the seed, scaled as
 * scikit-learn's init='random' (entries of order sqrt(mean(X) / k)).
 */
export function nmf(x: SparseMatrix, options: NmfOptions): NmfResult {
  const k = options.topics;
  if (!(Number.isInteger(k) && k >= 1)) throw new RangeError(`topics must be a positive integer, got ${k}`);
  const maxIterations = options.maxIterations ?? 300;
  const tolerance = options.tolerance ?? 1e-4;
  const n = x.rows;
  const m = x.cols;
  const random = seededRandom(options.seed ?? 1);
  let total = 0;
  for (const v of x.values) {
    if (v < 0) throw new RangeError('NMF needs a non-negative matrix');
    total += v;
  }
  const scale = Math.sqrt(total / Math.max(1, n * m) / k);
  const w = Float64Array.from({ length: n * k }, () => scale * (0.5 + random.next()));
  const h = Float64Array.from({ length: k * m }, () => scale * (0.5 + random.next()));
  const numerator = new Float64Array(Math.max(n, m) * k);
  const gram = new Float64Array(k * k);

  const squaredError = (): number => {
    // ||X||^2 - 2 <X, WH> + <W'W, HH'>, touching only X's non-zeros.
    let xx = 0;
    let cross = 0;
    for (let i = 0; i < n; i++) {
      for (let e = x.indptr[i] as number; e < (x.indptr[i + 1] as number); e++) {
        const j = x.indices[e] as number;
        const v = x.values[e] as number;
        let wh = 0;
        for (let t = 0; t < k; t++) wh += (w[i * k + t] as number) * (h[t * m + j] as number);
        xx += v * v;
        cross += v * wh;
      }
    }
    const wtw = new Float64Array(k * k);
    const hht = new Float64Array(k * k);
    for (let i = 0; i < n; i++) {
      for (let a = 0; a < k; a++) {
        for (let b = 0; b < k; b++)
          wtw[a * k + b] = (wtw[a * k + b] as number) + (w[i * k + a] as number) * (w[i * k + b] as number);
      }
    }
    for (let a = 0; a < k; a++) {
      for (let b = 0; b < k; b++) {
        let s = 0;
        for (let j = 0; j < m; j++) s += (h[a * m + j] as number) * (h[b * m + j] as number);
        hht[a * k + b] = s;
      }
    }
    let model = 0;
    for (let a = 0; a < k * k; a++) model += (wtw[a] as number) * (hht[a] as number);
    return Math.max(0, xx - 2 * cross + model);
  };

  let previous = squaredError();
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    // H <- H * (W'X) / (W'W H)
    numerator.fill(0, 0, k * m);
    for (let i = 0; i < n; i++) {
      for (let e = x.indptr[i] as number; e < (x.indptr[i + 1] as number); e++) {
        const j = x.indices[e] as number;
        const v = x.values[e] as number;
        for (let t = 0; t < k; t++)
          numerator[t * m + j] = (numerator[t * m + j] as number) + (w[i * k + t] as number) * v;
      }
    }
    gram.fill(0);
    for (let i = 0; i < n; i++) {
      for (let a = 0; a < k; a++) {
        const wa = w[i * k + a] as number;
        for (let b = 0; b < k; b++)
          gram[a * k + b] = (gram[a * k + b] as number) + wa * (w[i * k + b] as number);
      }
    }
    for (let j = 0; j < m; j++) {
      for (let a = 0; a < k; a++) {
        let denominator = 0;
        for (let b = 0; b < k; b++) denominator += (gram[a * k + b] as number) * (h[b * m + j] as number);
        h[a * m + j] = ((h[a * m + j] as number) * (numerator[a * m + j] as number)) / (denominator + EPS);
      }
    }
    // W <- W * (X H') / (W H H')
    numerator.fill(0, 0, n * k);
    for (let i = 0; i < n; i++) {
      for (let e = x.indptr[i] as number; e < (x.indptr[i + 1] as number); e++) {
        const j = x.indices[e] as number;
        const v = x.values[e] as number;
        for (let t = 0; t < k; t++)
          numerator[i * k + t] = (numerator[i * k + t] as number) + v * (h[t * m + j] as number);
      }
    }
    for (let a = 0; a < k; a++) {
      for (let b = 0; b < k; b++) {
        let s = 0;
        for (let j = 0; j < m; j++) s += (h[a * m + j] as number) * (h[b * m + j] as number);
        gram[a * k + b] = s;
      }
    }
    for (let i = 0; i < n; i++) {
      for (let a = 0; a < k; a++) {
        let denominator = 0;
        for (let b = 0; b < k; b++) denominator += (w[i * k + b] as number) * (gram[b * k + a] as number);
        w[i * k + a] = ((w[i * k + a] as number) * (numerator[i * k + a] as number)) / (denominator + EPS);
      }
    }
    if ((iterations + 1) % 10 === 0) {
      const error = squaredError();
      if (previous - error < tolerance * Math.max(previous, EPS)) {
        previous = error;
        iterations++;
        break;
      }
      previous = error;
    }
  }
  return { w, h, iterations, error: squaredError() };
}

export interface Topic {
  /** The highest-weighted terms of the topic, best first. */
  terms: { term: string; weight: number }[];
  /** Share of the corpus' topic mass held by this topic; topics are listed largest first. */
  share: number;
}

export interface TopicModel {
  topics: Topic[];
  /** documents x topics, row-major; each row sums to 1 (0 for a document with no known terms). */
  documentTopics: Float64Array;
  iterations: number;
}

export interface TopicModelOptions extends NmfOptions {
  topTerms?: number;
  tokenizer?: TokenizeOptions;
  vectorizer?: TextVectorizerOptions;
}

/**
 * Topics of a corpus: TF-IDF (unigrams and bigrams seen in at least two documents and at most 95% of
 * them, unless told otherwise) factorised by NMF. Returns each topic's top terms and each document's
 * mix of topics.
 */
export function topicModel(texts: readonly string[], options: TopicModelOptions): TopicModel {
  const tokens = texts.map((t) => tokenize(t, options.tokenizer));
  const vectorizer = new TextVectorizer(
    options.vectorizer ?? {
      ngrams: [1, 2],
      minDf: texts.length >= 20 ? 2 : 1,
      maxDfFraction: 0.95,
      sublinearTf: true,
    },
  );
  const x = vectorizer.fitTransform(tokens);
  const result = nmf(x, options);
  const k = options.topics;
  const m = x.cols;
  const n = x.rows;
  const mass = new Float64Array(k);
  for (let i = 0; i < n; i++)
    for (let t = 0; t < k; t++) mass[t] = (mass[t] as number) + (result.w[i * k + t] as number);
  const totalMass = mass.reduce((s, v) => s + v, 0) || 1;
  const order = Array.from({ length: k }, (_, t) => t).sort(
    (a, b) => (mass[b] as number) - (mass[a] as number) || a - b,
  );
  const topTerms = options.topTerms ?? 10;
  const topics = order.map((t) => {
    const terms = Array.from({ length: m }, (_, j) => ({
      term: vectorizer.terms[j] as string,
      weight: result.h[t * m + j] as number,
    }))
      .filter((e) => e.weight > 0)
      .sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : 1))
      .slice(0, topTerms);
    return { terms, share: (mass[t] as number) / totalMass };
  });
  const documentTopics = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let t = 0; t < k; t++) sum += result.w[i * k + t] as number;
    order.forEach((t, position) => {
      documentTopics[i * k + position] = sum > 0 ? (result.w[i * k + t] as number) / sum : 0;
    });
  }
  return { topics, documentTopics, iterations: result.iterations };
}
