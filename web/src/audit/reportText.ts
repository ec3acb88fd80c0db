import type { AuditReportOrigin } from './auditTypes.js';

const ORIGINS: Record<AuditReportOrigin, string> = {
  upload: 'uploaded',
  scan: 'folder scanned',
  cli: 'from the CLI',
  demo: 'demo audit',
};

/** How an audit was started, as a person says it. */
export function describeOrigin(origin: AuditReportOrigin): string {
  return ORIGINS[origin] ?? origin;
}

export function formatWhen(at: number): string {
  return new Date(at).toLocaleString();
}
