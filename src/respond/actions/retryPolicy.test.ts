import { describe, expect, it } from 'vitest';
import { respondConfig, webhookEndpoint } from '../respond.fixture.js';
import { backoffDelay, LOCAL_ACTION_RETRY, retryPolicyFor } from './retryPolicy.js';

const retry = { maxAttempts: 4, baseMs: 100, maxMs: 300 };

describe('backoff', () => {
  it('draws from [0, min(maxMs, baseMs * 2^(attempt-1))): full jitter', () => {
    expect([1, 2, 3, 4].map((attempt) => backoffDelay(attempt, retry, () => 0.999999))).toEqual([
      99, 199, 299, 299,
    ]);
    expect(backoffDelay(3, retry, () => 0.5)).toBe(150);
    expect(backoffDelay(3, retry, () => 0)).toBe(0);
  });

  it('webhook actions follow their endpoint, local actions a small default', () => {
    const respond = respondConfig({
      webhooks: { ops: webhookEndpoint('https://x.example', { maxAttempts: 9 }) },
    });
    expect(retryPolicyFor({ type: 'webhook', endpoint: 'ops' }, respond)).toEqual({
      maxAttempts: 9,
      baseMs: 5,
      maxMs: 20,
    });
    expect(retryPolicyFor({ type: 'hold-transfer' }, respond)).toBe(LOCAL_ACTION_RETRY);
  });
});
