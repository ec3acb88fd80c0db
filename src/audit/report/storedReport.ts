import { ArgusError } from '../../core/errors.js';
import type { Finding } from '../../core/finding.js';
import type { AuditReportRecord, AuditReportSummary } from '../../store/types.js';
import type { AuditError, AuditReport } from '../types.js';
import { reportEntries } from './entries.js';
import type { ExcerptRow } from './excerpt.js';
import { sortErrors } from './order.js';
import type { MetaLookup, SourceLookup } from './types.js';

export const STORED_AUDIT_REPORT_VERSION = 1;

/** A finding as the dashboard shows it: with the detector's texts and the code it points at. */
export interface StoredFinding extends Finding {
  /** What the weakness is, in general; the message says what was found here. */
  description: string;
  exploitScenario?: string;
  /** The flagged lines with a little context, taken at audit time so the report outlives the files. */
  excerpt: ExcerptRow[];
}

/** The body of a stored audit report (the store keeps it as opaque JSON). */
export interface StoredAuditReport {
  version: typeof STORED_AUDIT_REPORT_VERSION;
  durationMs: number;
  errors: AuditError[];
  /** Most severe first, then by location. */
  findings: StoredFinding[];
}

export function storedReportOf(
  report: AuditReport,
  context: { sources: SourceLookup; metaOf: MetaLookup },
): StoredAuditReport {
  return {
    version: STORED_AUDIT_REPORT_VERSION,
    durationMs: report.durationMs,
    errors: sortErrors(report.errors),
    findings: reportEntries(report.findings, context).map((entry) => ({
      ...entry.finding,
      description: entry.description,
      ...(entry.exploitScenario ? { exploitScenario: entry.exploitScenario } : {}),
      excerpt: entry.excerpt,
    })),
  };
}

/** Reads a stored body back; a body from another format version is refused rather than misread. */
export function parseStoredReport(body: string, id: string): StoredAuditReport {
  const parsed = JSON.parse(body) as Partial<StoredAuditReport>;
  if (parsed.version !== STORED_AUDIT_REPORT_VERSION) {
    throw new ArgusError(
      'STORE_FAILED',
      `audit report ${id} is stored in format version ${String(parsed.version)}, which this Argus cannot read`,
      { input: id, hint: `this Argus reads version ${STORED_AUDIT_REPORT_VERSION}; run the audit again` },
    );
  }
  return parsed as StoredAuditReport;
}

/** A stored report as the API returns it: the list's summary with the findings and errors. */
export type AuditReportView = AuditReportSummary & Omit<StoredAuditReport, 'version'>;

export function auditReportView({ body, ...summary }: AuditReportRecord): AuditReportView {
  const { version: _version, ...stored } = parseStoredReport(body, summary.id);
  return { ...summary, ...stored };
}
