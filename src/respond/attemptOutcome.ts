import type { ActionRecord } from '../core/action.js';
import type { ActionAttempt } from '../store/types.js';
import { type ActionResult, PermanentActionError } from './actions/executor.js';
import { backoffDelay, type RetryPolicy } from './actions/retryPolicy.js';

const MAX_DETAIL = 500;

const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The attempt a successful execution records. */
export function succeededAttempt(action: ActionRecord, result: ActionResult, now: number): ActionAttempt {
  const attempt = action.attempts + 1;
  return {
    status: 'succeeded',
    attempts: attempt,
    nextAttemptAt: action.nextAttemptAt,
    result,
    completedAt: now,
    event: {
      actionId: action.id,
      at: now,
      kind: 'succeeded',
      attempt,
      detail: JSON.stringify(result).slice(0, MAX_DETAIL),
    },
  };
}

/**
 * The attempt a failed execution records: 'failed' at once for a permanent error, 'dead-letter'
 * once maxAttempts are spent, otherwise 'pending' again after a full-jitter backoff.
 */
export function failedAttempt(
  action: ActionRecord,
  error: unknown,
  now: number,
  retry: RetryPolicy,
  random: () => number,
): ActionAttempt {
  const attempt = action.attempts + 1;
  const lastError = errorMessage(error).slice(0, MAX_DETAIL);
  const tried = `attempt ${attempt}/${action.maxAttempts} failed: ${lastError}`;
  const event = { actionId: action.id, at: now, attempt };
  if (error instanceof PermanentActionError) {
    return {
      status: 'failed',
      attempts: attempt,
      nextAttemptAt: action.nextAttemptAt,
      lastError,
      completedAt: now,
      event: { ...event, kind: 'attempt-failed', detail: `${tried}; not retried (permanent)` },
    };
  }
  if (attempt >= action.maxAttempts) {
    return {
      status: 'dead-letter',
      attempts: attempt,
      nextAttemptAt: action.nextAttemptAt,
      lastError,
      completedAt: now,
      event: { ...event, kind: 'dead-lettered', detail: `${tried}; no attempts left` },
    };
  }
  const delay = backoffDelay(attempt, retry, random);
  return {
    status: 'pending',
    attempts: attempt,
    nextAttemptAt: now + delay,
    lastError,
    event: { ...event, kind: 'attempt-failed', detail: `${tried}; next attempt in ${delay} ms` },
  };
}

/** The action as the store holds it after recording `attempt`, without reading it back. */
export function applyAttempt(action: ActionRecord, attempt: ActionAttempt): ActionRecord {
  const { lastError: _e, result: _r, completedAt: _c, ...rest } = action;
  return {
    ...rest,
    status: attempt.status,
    attempts: attempt.attempts,
    nextAttemptAt: attempt.nextAttemptAt,
    updatedAt: attempt.event.at,
    ...(attempt.lastError === undefined ? {} : { lastError: attempt.lastError }),
    ...(attempt.result === undefined ? {} : { result: attempt.result }),
    ...(attempt.completedAt === undefined ? {} : { completedAt: attempt.completedAt }),
  };
}
