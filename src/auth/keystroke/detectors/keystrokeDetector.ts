import type { Matrix } from '../../../ml/matrix.js';

/** Scores one feature vector against a fitted user: higher = more anomalous (less like the user). */
export type SampleScorer = (sample: Float64Array) => number;

/**
 * A one-class keystroke detector as data plus one function: `fit` sees only the genuine user's
 * training samples (one per row) and returns the scorer for that user. Nothing about other users ever
 * reaches it, so it cannot learn from impostors.
 */
export interface KeystrokeDetector {
  /** Stable id, used in CLI output and JSON. */
  readonly name: string;
  /** One line for people: what it computes. */
  readonly description: string;
  fit(train: Matrix): SampleScorer;
}

/** Rejects training data no detector can fit: too few samples, no features, or non-finite values. */
export function checkTraining(detector: string, train: Matrix, minRows = 2): void {
  if (train.cols === 0) throw new RangeError(`${detector}: training samples have no features`);
  if (train.rows < minRows) {
    throw new RangeError(`${detector}: needs at least ${minRows} training samples, got ${train.rows}`);
  }
  for (let i = 0; i < train.data.length; i++) {
    if (!Number.isFinite(train.data[i])) {
      throw new RangeError(
        `${detector}: training sample ${Math.floor(i / train.cols)} feature ${i % train.cols} is not finite`,
      );
    }
  }
}

/** Rejects a sample whose length does not match the training features. */
export function checkSample(detector: string, cols: number, sample: Float64Array): void {
  if (sample.length !== cols) {
    throw new RangeError(`${detector}: sample has ${sample.length} features, the user was fitted on ${cols}`);
  }
}
