import type { z } from 'zod';
import { ValidationError } from '../core/errors.js';
import type { Matrix } from './matrix.js';

/** The versioned envelope every saved model uses, so a loader can refuse what it does not understand. */
export interface SavedModel<State = unknown> {
  format: 'argus-model';
  /** Model family, e.g. 'isolation-forest'. */
  kind: string;
  /** Version of this kind's state layout; bump it when the layout changes. */
  version: number;
  /** Hyper-parameters it was built with. */
  params: Record<string, unknown>;
  state: State;
}

/** An unsupervised anomaly detector: higher scores are more anomalous. */
export interface AnomalyDetector {
  readonly kind: string;
  fit(x: Matrix): void;
  /** One score per row of x. */
  score(x: Matrix): Float64Array;
  /**
   * The score of one feature vector, equal to what score() gives the same row. It allocates nothing,
   * because the streaming monitor calls it for every event; the row is only read.
   */
  scoreRow(row: Float64Array): number;
  save(): SavedModel;
}

export function checkSaved(saved: unknown, kind: string, version: number): SavedModel {
  const s = saved as Partial<SavedModel>;
  if (s?.format !== 'argus-model' || s.kind !== kind) {
    throw new Error(`not a saved ${kind} model (format ${String(s?.format)}, kind ${String(s?.kind)})`);
  }
  if (s.version !== version) {
    throw new Error(
      `saved ${kind} model has layout version ${s.version}; this build reads version ${version}`,
    );
  }
  return s as SavedModel;
}

/** Reads a saved number[] back into a Float64Array, refusing anything else (a corrupt or foreign file). */
export function savedNumbers(value: unknown, what: string, length?: number): Float64Array {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'number')) {
    throw new Error(`saved model field ${what} is not a number array`);
  }
  if (length !== undefined && value.length !== length) {
    throw new Error(`saved model field ${what} has ${value.length} values, expected ${length}`);
  }
  return Float64Array.from(value as number[]);
}

/**
 * Parses a detector's hyper-parameters with its zod schema, defaults filled in. A bad value is the
 * caller's input error, so it raises a ValidationError naming each offending field.
 */
export function parseParams<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  what: string,
): z.output<Schema> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  throw new ValidationError(
    'INPUT_INVALID',
    what,
    result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
  );
}
