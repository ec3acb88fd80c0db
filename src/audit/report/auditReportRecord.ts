import { newId } from '../../core/ids.js';
import type { AuditReportOrigin, AuditReportRecord } from '../../store/types.js';
import { detectorMeta } from '../detectors/registry.js';
import type { AuditResult } from '../runAudit.js';
import { countBySeverity } from './counts.js';
import { storedReportOf } from './storedReport.js';

export interface AuditReportLabel {
  origin: AuditReportOrigin;
  /** What was audited, as the report list shows it: a folder, an upload's name. */
  target: string;
  at: number;
}

/**
 * An audit's result as the store keeps it: counts per severity for the list, and the findings with
 * their detector texts and code excerpts as the body. Audit findings go up to high; critical stays 0.
 */
export function auditReportRecord(
  result: AuditResult,
  { origin, target, at }: AuditReportLabel,
): AuditReportRecord {
  const body = storedReportOf(result, {
    sources: (file) => result.sources.get(file),
    metaOf: detectorMeta,
  });
  return {
    id: newId('aud', at),
    createdAt: at,
    origin,
    target,
    files: result.files,
    counts: { critical: 0, ...countBySeverity(result.findings) },
    body: JSON.stringify(body),
  };
}
