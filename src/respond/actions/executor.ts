import type { ActionRecord, ActionSpec, ActionType } from '../../core/action.js';
import type { Alert } from '../../core/alert.js';
import type { Clock } from '../../core/clock.js';
import { ArgusError } from '../../core/errors.js';
import type { Store } from '../../store/types.js';
import type { LineWriter, Logger } from '../logger.js';
import type { RespondConfig } from '../types.js';

/** What an executor may use; everything is injected so that executors can be tested in isolation. */
export interface ActionContext {
  store: Store;
  respond: RespondConfig;
  clock: Clock;
  logger: Logger;
  stdout: LineWriter;
  fetch: typeof fetch;
}

/** Stored with the action and shown in the audit trail. */
export type ActionResult = Record<string, unknown>;

/**
 * Carries out one action type. Resolves with a result on success; throws on failure. A thrown
 * PermanentActionError ends the action as 'failed' at once; anything else is retried with backoff.
 */
export interface ActionExecutor {
  execute(action: ActionRecord, alert: Alert, ctx: ActionContext): Promise<ActionResult>;
}

/** A failure that retrying cannot fix (no transfer to hold, a 4xx answer): the action fails without retries. */
export class PermanentActionError extends ArgusError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('ACTION_FAILED', message, options);
    this.name = 'PermanentActionError';
  }
}

/** The action's spec narrowed to the executor's type; a mismatch is a wiring bug, so it is permanent. */
export function specOf<T extends ActionType>(
  action: ActionRecord,
  type: T,
): Extract<ActionSpec, { type: T }> {
  if (action.spec.type !== type) {
    throw new PermanentActionError(`action ${action.id} is a ${action.spec.type} action, not ${type}`);
  }
  return action.spec as Extract<ActionSpec, { type: T }>;
}

/** An id for a record an action creates, derived from the action's id so a retried attempt finds it again. */
export function idFromAction(prefix: string, action: ActionRecord): string {
  return `${prefix}_${action.id.slice(action.id.indexOf('_') + 1)}`;
}
