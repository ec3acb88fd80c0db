import { type IssueAtPath, ValidationError } from '../../core/errors.js';

/**
 * Checks a bucketed count series before a detector sees it: counts must be finite and non-negative,
 * and when totals are given, the same length and never below the relevant count. A bad bucket is the
 * caller's input error, reported by index so the feed that produced it can be found.
 */
export function checkCounts(what: string, counts: ArrayLike<number>, totals?: ArrayLike<number>): void {
  const issues: IssueAtPath[] = [];
  if (totals !== undefined && totals.length !== counts.length) {
    issues.push({
      path: 'totals',
      message: `has ${totals.length} buckets but counts has ${counts.length}`,
    });
  }
  for (let t = 0; t < counts.length && issues.length < 10; t++) {
    const d = counts[t] as number;
    if (!Number.isFinite(d) || d < 0) issues.push({ path: `counts[${t}]`, message: `is ${d}` });
    if (totals !== undefined && t < totals.length) {
      const n = totals[t] as number;
      if (!Number.isFinite(n) || n < 0) issues.push({ path: `totals[${t}]`, message: `is ${n}` });
      else if (d > n) issues.push({ path: `counts[${t}]`, message: `is ${d}, above its total ${n}` });
    }
  }
  if (issues.length > 0) {
    throw new ValidationError(
      'INPUT_INVALID',
      what,
      issues,
      'counts are per-bucket numbers of relevant documents (>= 0, at most the bucket total)',
    );
  }
}
