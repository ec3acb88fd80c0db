import type { z } from 'zod';
import type { IssueAtPath } from './errors.js';

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = root;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`))
    .join('');
}

/** Turns zod's issues into "key.path: expected X, got Y" lines a person can act on. */
export function describeZodIssues(error: z.ZodError, input: unknown): IssueAtPath[] {
  const out: IssueAtPath[] = [];
  for (const issue of error.issues) {
    const path = formatPath(issue.path);
    switch (issue.code) {
      case 'invalid_type': {
        const actual = valueAt(input, issue.path);
        const got = actual === undefined ? 'nothing (the key is missing)' : typeName(actual);
        out.push({ path, message: `expected ${issue.expected}, got ${got}` });
        break;
      }
      case 'unrecognized_keys':
        for (const key of issue.keys) {
          out.push({ path: path ? `${path}.${key}` : key, message: 'unknown key (check its spelling)' });
        }
        break;
      case 'invalid_value':
        out.push({
          path,
          message: `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${JSON.stringify(valueAt(input, issue.path))}`,
        });
        break;
      case 'invalid_union': {
        out.push({ path, message: issue.message });
        break;
      }
      default:
        out.push({ path, message: issue.message });
    }
  }
  return out;
}
