import type { ActionSpec } from '../../core/action.js';
import type { RuleEvaluation } from '../types.js';
import type { PolicyTarget } from './conditions.js';
import type { CompiledRule, Policy } from './policy.js';

/** An action a policy orders, with the rule that ordered it. */
export interface OrderedAction {
  rule: string;
  spec: ActionSpec;
}

const matches = (rule: CompiledRule, alert: PolicyTarget): boolean =>
  rule.conditions.every((c) => c.test(alert));

/** The rules that match, in order, honouring `stop`. The ingest path uses this: no strings are built. */
export function matchingRules(policy: Policy, alert: PolicyTarget): CompiledRule[] {
  const matched: CompiledRule[] = [];
  for (const rule of policy.rules) {
    if (!matches(rule, alert)) continue;
    matched.push(rule);
    if (rule.stop) break;
  }
  return matched;
}

export function actionsOf(rules: readonly CompiledRule[]): OrderedAction[] {
  return rules.flatMap((rule) => rule.actions.map((spec) => ({ rule: rule.name, spec })));
}

/**
 * Why each rule did or did not match: one line per condition. Rules after a matching `stop: true`
 * rule are listed as not evaluated, so a dry run shows the whole policy. `actions` holds what a rule
 * ordered, and is empty when it did not match.
 */
export function evaluatePolicy(policy: Policy, alert: PolicyTarget): RuleEvaluation[] {
  const evaluations: RuleEvaluation[] = [];
  let stoppedBy: string | undefined;
  for (const rule of policy.rules) {
    if (stoppedBy !== undefined) {
      const reason = `not evaluated: rule "${stoppedBy}" matched first and has stop: true`;
      evaluations.push({ rule: rule.name, matched: false, reasons: [reason], actions: [] });
      continue;
    }
    const reasons = rule.conditions.length === 0 ? ['no conditions: matches every alert'] : [];
    for (const condition of rule.conditions) reasons.push(condition.explain(alert));
    const matched = matches(rule, alert);
    evaluations.push({ rule: rule.name, matched, reasons, actions: matched ? [...rule.actions] : [] });
    if (matched && rule.stop) stoppedBy = rule.name;
  }
  return evaluations;
}

/**
 * The rules that match `after` but did not match `before`: when a repeat escalates an alert's
 * severity, only these order actions, so responses already ordered are not ordered twice.
 */
export function rulesNewlyMatching(
  policy: Policy,
  before: PolicyTarget,
  after: PolicyTarget,
): CompiledRule[] {
  const already = new Set(matchingRules(policy, before));
  return matchingRules(policy, after).filter((rule) => !already.has(rule));
}
