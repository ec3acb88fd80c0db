import type { ActionSpec } from '../../core/action.js';
import { type Condition, compileMatch } from './conditions.js';
import type { PolicyDocument } from './policySchema.js';

export interface CompiledRule {
  name: string;
  conditions: readonly Condition[];
  actions: readonly ActionSpec[];
  stop: boolean;
}

/** A validated policy with its globs and conditions compiled once, ready for the ingest path. */
export interface Policy {
  /** Where it came from (a file path, or a name given by the caller), for messages. */
  source: string;
  rules: readonly CompiledRule[];
}

/** A policy without rules: every alert is stored, and nothing is done about it. */
export const EMPTY_POLICY: Policy = { source: '(no policy)', rules: [] };

export function compilePolicy(document: PolicyDocument, source: string): Policy {
  return {
    source,
    rules: document.rules.map((rule) => ({
      name: rule.name,
      conditions: compileMatch(rule.match),
      actions: rule.actions,
      stop: rule.stop,
    })),
  };
}
