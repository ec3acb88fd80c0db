import type { AuditReport } from '../types.js';
import { sortErrors, sortFindings } from './order.js';

/**
 * `--format json`, the stable interface that CI and the benchmark read: exactly the AuditReport
 * fields (a runner's extras, such as the sources it read, are left out), findings sorted by file,
 * line and detector so that two runs over the same code list them in the same order (diffable output).
 */
export function formatJson(report: AuditReport): string {
  const stable: AuditReport = {
    files: report.files,
    durationMs: report.durationMs,
    errors: sortErrors(report.errors),
    findings: sortFindings(report.findings),
  };
  return JSON.stringify(stable, null, 2);
}
