import type { AuditReport, FindingSeverity } from '../types.js';
import { severityRank } from './order.js';

/**
 * The CI gate of `--fail-on`: 1 when any finding is at or above `failOn`, else 0. Parse errors do not
 * fail the gate here; a run that could read nothing is the CLI's usage error (exit 2), not a finding.
 */
export function exitCodeFor(report: Pick<AuditReport, 'findings'>, failOn: FindingSeverity | 'none'): 0 | 1 {
  if (failOn === 'none') return 0;
  const threshold = severityRank(failOn);
  return report.findings.some((finding) => severityRank(finding.severity) >= threshold) ? 1 : 0;
}
