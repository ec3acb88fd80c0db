import { z } from 'zod';
import type { IssueAtPath } from '../../core/errors.js';
import { describeZodIssues } from '../../core/zodIssues.js';

type Issue = z.core.$ZodIssue;

const isTypeMismatchAtRoot = (issues: Issue[]): boolean =>
  issues.length === 1 && issues[0]?.code === 'invalid_type' && issues[0].path.length === 0;

const depth = (issues: Issue[]): number => Math.max(...issues.map((i) => i.path.length));

/**
 * A union such as "severity or list of severities or range" fails with one issue per option, which
 * zod reports as a bare "Invalid input". Options of another type than the value are not what the
 * author meant; of the rest, the one that got furthest into the value (a list whose second item is
 * wrong, a range whose `gte` is wrong) is. Its issues are reported at their full path. When that is
 * still ambiguous, or no option had the value's type, the union's own message says what is allowed.
 */
function pickUnionOption(issue: Extract<Issue, { code: 'invalid_union' }>): Issue[] {
  const candidates = issue.errors.filter((option) => option.length > 0 && !isTypeMismatchAtRoot(option));
  const best = candidates.reduce<Issue[] | undefined>(
    (chosen, option) => (chosen === undefined || depth(option) > depth(chosen) ? option : chosen),
    undefined,
  );
  if (best === undefined || (depth(best) === 0 && candidates.length > 1)) return [issue];
  return best.flatMap((inner) => flatten({ ...inner, path: [...issue.path, ...inner.path] } as Issue));
}

function flatten(issue: Issue): Issue[] {
  return issue.code === 'invalid_union' ? pickUnionOption(issue) : [issue];
}

/** describeZodIssues, with unions resolved to the option the policy author most likely meant. */
export function describePolicyIssues(error: z.ZodError, input: unknown): IssueAtPath[] {
  return describeZodIssues(new z.ZodError(error.issues.flatMap(flatten)), input);
}
