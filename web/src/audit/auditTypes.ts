// The audit page speaks the server's own types; these imports are erased at build time.
export type { ExcerptRow } from '../../../src/audit/report/excerpt.js';
export type { AuditReportView, StoredFinding } from '../../../src/audit/report/storedReport.js';
export type { AuditError, FindingSeverity } from '../../../src/audit/types.js';
export type { AuditReportOrigin, AuditReportSummary } from '../../../src/store/types.js';

import type { FindingSeverity } from '../../../src/audit/types.js';

/** Most severe first: the order of badges, bars and finding groups. Audit findings stop at high. */
export const AUDIT_SEVERITIES = [
  'high',
  'medium',
  'low',
  'info',
] as const satisfies readonly FindingSeverity[];
