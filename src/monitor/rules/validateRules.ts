import { z } from 'zod';
import { type IssueAtPath, ValidationError } from '../../core/errors.js';
import { describeZodIssues, formatPath } from '../../core/zodIssues.js';
import { type MonitorRulesConfig, MonitorRulesDocumentSchema } from './rulesSchema.js';

/** Line of the YAML node at a key path, when the rules came from YAML text. */
export type LineOf = (path: readonly PropertyKey[]) => number | undefined;

const HINT = 'fix the keys listed above; each path starts at the top of the rules document';

function got(value: unknown): string {
  return value === undefined ? 'nothing (the key is missing)' : JSON.stringify(value);
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current = root;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** describeZodIssues, with an unknown rule type said plainly and YAML line numbers added. */
function describe(error: z.ZodError, document: unknown, lineOf: LineOf | undefined): IssueAtPath[] {
  const out: IssueAtPath[] = [];
  for (const issue of error.issues) {
    let described: IssueAtPath[];
    let keyPaths: PropertyKey[][];
    if (issue.code === 'invalid_union' && 'discriminator' in issue && 'options' in issue) {
      const options = (issue.options as unknown[]).map((o) => JSON.stringify(o)).join(', ');
      described = [
        {
          path: formatPath(issue.path),
          message: `expected one of ${options}, got ${got(valueAt(document, issue.path))}`,
        },
      ];
      keyPaths = [issue.path];
    } else {
      described = describeZodIssues(new z.ZodError([issue]), document);
      // A schema's own wording ("expected an amount in the reference currency") beats "expected number".
      if (issue.code === 'invalid_type' && !issue.message.startsWith('Invalid input')) {
        described = described.map((d) => ({
          ...d,
          message: `${issue.message}, got ${d.message.split(', got ')[1]}`,
        }));
      }
      keyPaths =
        issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...issue.path, key]) : [issue.path];
    }
    described.forEach((item, i) => {
      const keyPath = keyPaths[i] ?? issue.path;
      // Every message says what it got, so the author sees the value the check saw.
      let message = item.message.replace(/, got undefined$/, '');
      if (issue.code !== 'unrecognized_keys' && !/, got /.test(message)) {
        const value = valueAt(document, keyPath);
        message += `, got ${value === undefined ? 'nothing (the key is missing)' : JSON.stringify(value)}`;
      }
      const line = lineOf?.(keyPath);
      out.push({ path: item.path, message: line === undefined ? message : `${message} (line ${line})` });
    });
  }
  return out;
}

function duplicateIds(config: MonitorRulesConfig): IssueAtPath[] {
  const first = new Map<string, number>();
  const issues: IssueAtPath[] = [];
  config.rules.forEach((rule, i) => {
    const earlier = first.get(rule.id);
    if (earlier === undefined) first.set(rule.id, i);
    else
      issues.push({ path: `rules[${i}].id`, message: `"${rule.id}" is already the id of rules[${earlier}]` });
  });
  return issues;
}

/**
 * Checks a rules document (as parsed from YAML or JSON, durations still as text) and returns it
 * with durations in milliseconds and defaults filled in. Throws ValidationError('CONFIG_INVALID')
 * listing every problem by key path (and line, given lineOf).
 */
export function validateRules(document: unknown, source?: string, lineOf?: LineOf): MonitorRulesConfig {
  const what = source === undefined ? 'monitor rules' : `monitor rules ${source}`;
  if (
    document !== null &&
    document !== undefined &&
    (typeof document !== 'object' || Array.isArray(document))
  ) {
    throw new ValidationError('CONFIG_INVALID', what, [
      {
        path: '',
        message: `expected a mapping with a "rules:" list, got ${Array.isArray(document) ? 'a list' : typeof document}`,
      },
    ]);
  }
  const parsed = MonitorRulesDocumentSchema.safeParse(document ?? {});
  if (!parsed.success) {
    throw new ValidationError('CONFIG_INVALID', what, describe(parsed.error, document, lineOf), HINT);
  }
  const duplicates = duplicateIds(parsed.data);
  if (duplicates.length > 0) throw new ValidationError('CONFIG_INVALID', what, duplicates, HINT);
  return parsed.data;
}
