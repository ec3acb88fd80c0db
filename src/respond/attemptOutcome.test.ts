import { describe, expect, it } from 'vitest';
import { PermanentActionError } from './actions/executor.js';
import { failedAttempt, succeededAttempt } from './attemptOutcome.js';
import { actionFor, storedAlert, T0 } from './respond.fixture.js';

const retry = { maxAttempts: 4, baseMs: 100, maxMs: 300 };
const action = { ...actionFor(storedAlert(), { type: 'notify', channel: 'log' }), maxAttempts: 4 };

describe('attempt outcomes', () => {
  it('success completes the action with its result', () => {
    expect(succeededAttempt(action, { status: 200 }, T0 + 1)).toEqual({
      status: 'succeeded',
      attempts: 1,
      nextAttemptAt: T0,
      result: { status: 200 },
      completedAt: T0 + 1,
      event: { actionId: action.id, at: T0 + 1, kind: 'succeeded', attempt: 1, detail: '{"status":200}' },
    });
  });

  it('a retryable failure goes back to pending after the backoff', () => {
    const outcome = failedAttempt({ ...action, attempts: 1 }, new Error('HTTP 503'), T0, retry, () => 0.5);
    expect(outcome).toMatchObject({
      status: 'pending',
      attempts: 2,
      nextAttemptAt: T0 + 100,
      lastError: 'HTTP 503',
    });
    expect(outcome.event).toMatchObject({
      kind: 'attempt-failed',
      attempt: 2,
      detail: 'attempt 2/4 failed: HTTP 503; next attempt in 100 ms',
    });
  });

  it('the last attempt dead-letters; a permanent error fails at once', () => {
    expect(
      failedAttempt({ ...action, attempts: 3 }, new Error('HTTP 503'), T0, retry, () => 0.5),
    ).toMatchObject({
      status: 'dead-letter',
      attempts: 4,
      completedAt: T0,
      event: { kind: 'dead-lettered', detail: 'attempt 4/4 failed: HTTP 503; no attempts left' },
    });
    expect(
      failedAttempt(action, new PermanentActionError('no transfer'), T0, retry, () => 0.5),
    ).toMatchObject({
      status: 'failed',
      attempts: 1,
      lastError: 'no transfer',
      event: { kind: 'attempt-failed', detail: 'attempt 1/4 failed: no transfer; not retried (permanent)' },
    });
  });
});
