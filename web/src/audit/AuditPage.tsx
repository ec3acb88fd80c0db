import type { PageProps } from '../pageProps.js';
import './audit.css';
import { ReportList } from './ReportList.js';
import { ReportView } from './ReportView.js';
import { ScanForm } from './ScanForm.js';
import { UploadForm } from './UploadForm.js';

/**
 * Smart-contract audit reports: start an audit (upload sources or scan a server folder) and browse the
 * stored reports; /audit/:id shows one report's findings with their code.
 */
export function AuditPage(props: PageProps & { reportId: string | undefined }) {
  const { reportId, ...page } = props;
  if (reportId) return <ReportView key={reportId} {...page} reportId={reportId} />;
  return (
    <main className="page audit-page" data-testid="audit-page">
      <h2>Audit reports</h2>
      <div className="audit-forms">
        <UploadForm {...page} />
        <ScanForm {...page} />
      </div>
      <ReportList {...page} />
    </main>
  );
}
