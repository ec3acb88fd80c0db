import { ValidationError } from '../../core/errors.js';
import type { RespondConfig } from '../types.js';
import { crossCheckPolicy } from './crossCheck.js';
import { compilePolicy, type Policy } from './policy.js';
import { describePolicyIssues } from './policyIssues.js';
import { PolicyDocumentSchema } from './policySchema.js';

const HINT = 'fix the keys listed above; each path starts at the top of the policy document';

/**
 * Validates a policy document (already parsed from YAML/JSON) against the schema and the respond
 * config, and compiles it. Throws ValidationError('POLICY_INVALID') listing every issue by key path.
 */
export function parsePolicy(document: unknown, source: string, respond: RespondConfig): Policy {
  const parsed = PolicyDocumentSchema.safeParse(document ?? {});
  if (!parsed.success) {
    throw new ValidationError(
      'POLICY_INVALID',
      `policy ${source}`,
      describePolicyIssues(parsed.error, document),
      HINT,
    );
  }
  const issues = crossCheckPolicy(parsed.data, respond);
  if (issues.length > 0) throw new ValidationError('POLICY_INVALID', `policy ${source}`, issues, HINT);
  return compilePolicy(parsed.data, source);
}
