import type { ActionSpec } from '../../core/action.js';
import type { RespondConfig } from '../types.js';

export interface RetryPolicy {
  maxAttempts: number;
  baseMs: number;
  maxMs: number;
}

/** Local actions (hold, step-up, notify) only fail on a store hiccup: a few quick retries suffice. */
export const LOCAL_ACTION_RETRY: RetryPolicy = { maxAttempts: 3, baseMs: 1_000, maxMs: 30_000 };

/** Actions that go through a webhook endpoint retry as that endpoint is configured. */
export function retryPolicyFor(spec: ActionSpec, respond: RespondConfig): RetryPolicy {
  if (spec.type === 'webhook' || spec.type === 'cold-storage') {
    const endpoint = Object.hasOwn(respond.webhooks, spec.endpoint)
      ? respond.webhooks[spec.endpoint]
      : undefined;
    if (endpoint !== undefined) return { maxAttempts: endpoint.maxAttempts, ...endpoint.backoff };
  }
  return LOCAL_ACTION_RETRY;
}

/**
 * "Full jitter" exponential backoff: a delay drawn uniformly from [0, min(maxMs, baseMs * 2^(attempt-1))),
 * which spreads retries of many failed deliveries instead of sending them back in waves.
 */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
  return Math.floor(random() * Math.min(policy.maxMs, policy.baseMs * 2 ** (attempt - 1)));
}
