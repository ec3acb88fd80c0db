import { useState } from 'react';
import { ApiError } from '../api.js';
import type { PageProps } from '../pageProps.js';
import { navigate } from '../route.js';
import { useApiData } from '../useApiData.js';
import { type AuditReportPage, listAuditReports } from './auditApi.js';
import type { AuditReportSummary } from './auditTypes.js';
import { describeOrigin, formatWhen } from './reportText.js';
import { SeverityBadges } from './SeverityBadges.js';

const PAGE = 50;

function ReportRow(props: { report: AuditReportSummary }) {
  const r = props.report;
  const path = `/audit/${encodeURIComponent(r.id)}`;
  return (
    <tr data-testid="audit-report-row" data-report-id={r.id} onClick={() => navigate(path)}>
      <td className="target">
        <a
          href={path}
          onClick={(e) => {
            e.preventDefault();
            e.stopPropagation();
            navigate(path);
          }}
        >
          {r.target}
        </a>
      </td>
      <td className="muted">{describeOrigin(r.origin)}</td>
      <td className="num">{formatWhen(r.createdAt)}</td>
      <td className="num">{r.files}</td>
      <td>
        <SeverityBadges counts={r.counts} />
      </td>
    </tr>
  );
}

/** Stored audit reports, newest first, with their counts per severity; a row opens the report. */
export function ReportList(props: PageProps) {
  const { api, onUnauthorized } = props;
  const first = useApiData(() => listAuditReports(api, { limit: PAGE }), [api], onUnauthorized);
  const [more, setMore] = useState<AuditReportPage>();
  const [moreError, setMoreError] = useState<string>();
  const items = [...(first.data?.items ?? []), ...(more?.items ?? [])];
  const cursor = more ? more.nextCursor : first.data?.nextCursor;

  const loadMore = async () => {
    try {
      const page = await listAuditReports(api, { limit: PAGE, ...(cursor ? { cursor } : {}) });
      setMore({
        items: [...(more?.items ?? []), ...page.items],
        ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
      });
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) onUnauthorized();
      setMoreError(e instanceof Error ? e.message : String(e));
    }
  };

  if (first.error) return <p className="error">{first.error}</p>;
  if (first.loading && !first.data) return <p className="muted">loading…</p>;
  if (items.length === 0) {
    return (
      <p className="muted empty" data-testid="audit-report-list">
        No audit reports yet. Upload contracts above, scan a folder, or run{' '}
        <code>argus audit contracts/ --store</code>.
      </p>
    );
  }
  return (
    <>
      <table className="alerts audit-reports" data-testid="audit-report-list">
        <thead>
          <tr>
            <th>Target</th>
            <th>How</th>
            <th>When</th>
            <th>Files</th>
            <th>Findings</th>
          </tr>
        </thead>
        <tbody>
          {items.map((r) => (
            <ReportRow key={r.id} report={r} />
          ))}
        </tbody>
      </table>
      {moreError && <p className="error">{moreError}</p>}
      {cursor && (
        <button type="button" className="more" onClick={() => void loadMore()}>
          older reports
        </button>
      )}
    </>
  );
}
