import type { IssueAtPath } from '../../core/errors.js';
import type { RespondConfig } from '../types.js';
import type { PolicyDocument } from './policySchema.js';

const known = (names: string[]): string =>
  names.length === 0 ? 'none are configured' : `configured: ${names.join(', ')}`;

/**
 * What the schema alone cannot see: rule names must be unique (actions and the audit trail name
 * their rule), and every endpoint and fixed asset a rule names must exist in the respond config.
 */
export function crossCheckPolicy(document: PolicyDocument, respond: RespondConfig): IssueAtPath[] {
  const issues: IssueAtPath[] = [];
  const endpoints = Object.keys(respond.webhooks);
  const vaults = respond.coldStorage.vaults;
  const firstIndexByName = new Map<string, number>();
  document.rules.forEach((rule, r) => {
    const first = firstIndexByName.get(rule.name);
    if (first === undefined) firstIndexByName.set(rule.name, r);
    else
      issues.push({
        path: `rules[${r}].name`,
        message: `duplicate rule name "${rule.name}" (also rules[${first}])`,
      });
    rule.actions.forEach((action, a) => {
      const at = `rules[${r}].actions[${a}]`;
      if (
        (action.type === 'webhook' || action.type === 'cold-storage') &&
        !Object.hasOwn(respond.webhooks, action.endpoint)
      ) {
        issues.push({
          path: `${at}.endpoint`,
          message: `no webhook endpoint "${action.endpoint}" in respond.webhooks (${known(endpoints)})`,
        });
      }
      if (
        action.type === 'cold-storage' &&
        action.asset !== undefined &&
        !Object.hasOwn(vaults, action.asset)
      ) {
        issues.push({
          path: `${at}.asset`,
          message: `no vault for asset "${action.asset}" in respond.coldStorage.vaults (${known(Object.keys(vaults))})`,
        });
      }
    });
  });
  return issues;
}
