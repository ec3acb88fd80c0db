import { auditUploadedSources } from '../audit/auditUploadedSources.js';
import { auditReportRecord } from '../audit/report/auditReportRecord.js';
import { DEMO_CONTRACTS, DEMO_CONTRACTS_FIXED } from './demoContracts.js';
import type { DemoSeeder } from './seedDemoData.js';

const HOUR = 3_600_000;
export const DEMO_AUDIT_TARGET = 'treasury';

/**
 * The Audit page's reports: the demo treasury's contracts audited by the real engine twice, as first
 * written (three days ago) and after the vault was fixed (an hour ago), so the list shows progress and
 * each report its findings with code.
 */
export const seedAuditReports: DemoSeeder = async ({ app, now }) => {
  const runs = [
    { sources: DEMO_CONTRACTS, at: now - 72 * HOUR },
    { sources: DEMO_CONTRACTS_FIXED, at: now - HOUR },
  ];
  const counts: number[] = [];
  for (const { sources, at } of runs) {
    const result = await auditUploadedSources(sources);
    await app.store.auditReports.save(
      auditReportRecord(result, { origin: 'demo', target: DEMO_AUDIT_TARGET, at }),
    );
    counts.push(result.findings.length);
  }
  return `${runs.length} audit reports of the ${DEMO_AUDIT_TARGET} contracts (${DEMO_CONTRACTS.length} files): ${counts.join(' findings, then ')} after the vault fix`;
};
