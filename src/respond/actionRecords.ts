import type { ActionRecord } from '../core/action.js';
import { newId } from '../core/ids.js';
import { retryPolicyFor } from './actions/retryPolicy.js';
import type { OrderedAction } from './policy/evaluatePolicy.js';
import type { RespondConfig } from './types.js';

/**
 * The outbox rows for the actions a policy ordered, due at once. The action id doubles as the
 * idempotency key: it is fixed when the action is ordered and sent unchanged with every retry,
 * while two different orders (say, the same rule on a later escalation) get different keys.
 */
export function actionRecordsFor(
  alertId: string,
  ordered: readonly OrderedAction[],
  respond: RespondConfig,
  now: number,
): ActionRecord[] {
  return ordered.map(({ rule, spec }) => {
    const id = newId('act', now);
    return {
      id,
      alertId,
      rule,
      type: spec.type,
      spec,
      status: 'pending',
      attempts: 0,
      maxAttempts: retryPolicyFor(spec, respond).maxAttempts,
      idempotencyKey: id,
      nextAttemptAt: now,
      createdAt: now,
      updatedAt: now,
    };
  });
}
