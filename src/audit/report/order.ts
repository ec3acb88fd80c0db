import type { Finding } from '../../core/finding.js';
import type { AuditError, FindingSeverity } from '../types.js';

/** Most severe first: the order of summaries, badges and charts. */
export const SEVERITIES_DESC: readonly FindingSeverity[] = ['high', 'medium', 'low', 'info'];

const RANK: Record<FindingSeverity, number> = { info: 0, low: 1, medium: 2, high: 3 };

export function severityRank(severity: FindingSeverity): number {
  return RANK[severity];
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * File, line, detector, then the rest of the location and the message, so that equal inputs always
 * print in one order whatever order the detectors ran in. Code-unit order, not locale order: the
 * output must not depend on the machine's locale.
 */
function compareFindings(a: Finding, b: Finding): number {
  return (
    byText(a.file, b.file) ||
    a.startLine - b.startLine ||
    byText(a.detector, b.detector) ||
    (a.startColumn ?? 0) - (b.startColumn ?? 0) ||
    a.endLine - b.endLine ||
    byText(a.message, b.message)
  );
}

export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(compareFindings);
}

/** Most severe first, then by location: the order of an audit report. */
export function sortBySeverity(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) => severityRank(b.severity) - severityRank(a.severity) || compareFindings(a, b),
  );
}

export function sortErrors(errors: readonly AuditError[]): AuditError[] {
  return [...errors].sort(
    (a, b) => byText(a.file, b.file) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0),
  );
}
