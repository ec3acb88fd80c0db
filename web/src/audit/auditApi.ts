import type { ArgusApi } from '../api.js';
import type { AuditReportOrigin, AuditReportSummary, AuditReportView } from './auditTypes.js';

export interface AuditReportPage {
  items: AuditReportSummary[];
  nextCursor?: string;
}

/** One Solidity file to upload: its path as imports between the files name it, and its text. */
export interface SourceFile {
  path: string;
  content: string;
}

/** GET /v1/audit/reports: newest first, counts per severity, no findings. */
export function listAuditReports(
  api: ArgusApi,
  query: { cursor?: string; limit?: number; origin?: AuditReportOrigin } = {},
): Promise<AuditReportPage> {
  return api.get('/v1/audit/reports', query);
}

/** GET /v1/audit/reports/:id: the findings most severe first, each with its code excerpt. */
export function getAuditReport(api: ArgusApi, id: string): Promise<AuditReportView> {
  return api.get(`/v1/audit/reports/${encodeURIComponent(id)}`);
}

/** POST /v1/audit/reports: the server audits the sources and stores the report. */
export function uploadAudit(
  api: ArgusApi,
  body: { name?: string; files: SourceFile[] },
): Promise<AuditReportView> {
  return api.post('/v1/audit/reports', body);
}

/** POST /v1/audit/reports/scan: the server audits one of its folders (under its audit.scanRoots). */
export function scanAudit(api: ArgusApi, directory: string): Promise<AuditReportView> {
  return api.post('/v1/audit/reports/scan', { directory });
}
