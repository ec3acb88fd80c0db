import { ConflictError } from '../core/errors.js';

/** A repeat was committed against an alert that has since been resolved or marked false-positive. */
export class AlertClosedError extends ConflictError {
  constructor(
    readonly alertId: string,
    readonly status: string,
  ) {
    super(`alert ${alertId} is ${status}; a repeat no longer folds into it`, 'ingest it as a new alert');
    this.name = 'AlertClosedError';
  }
}
