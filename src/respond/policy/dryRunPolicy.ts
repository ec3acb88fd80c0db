import { parseAlertInput } from '../alertInput.js';
import type { PolicyDryRun } from '../types.js';
import { actionsOf, evaluatePolicy, matchingRules } from './evaluatePolicy.js';
import type { Policy } from './policy.js';

/** What the policy would do with an alert, with a reason per condition; stores and does nothing. */
export function dryRunPolicy(policy: Policy, input: unknown): PolicyDryRun {
  const alert = parseAlertInput(input);
  return {
    alert,
    rules: evaluatePolicy(policy, alert),
    actions: actionsOf(matchingRules(policy, alert)),
  };
}
