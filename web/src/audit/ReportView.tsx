import { useState } from 'react';
import type { PageProps } from '../pageProps.js';
import { navigate } from '../route.js';
import { useApiData } from '../useApiData.js';
import { getAuditReport } from './auditApi.js';
import type { AuditError, AuditReportView } from './auditTypes.js';
import { FindingCard } from './FindingCard.js';
import { FindingFilters } from './FindingFilters.js';
import { groupBySeverity, NO_FILTER, toggleSeverity } from './findingGroups.js';
import { describeOrigin, formatWhen } from './reportText.js';
import { SeverityBars } from './SeverityBars.js';

function errorPlace(e: AuditError): string {
  return e.line === undefined ? e.file : `${e.file}:${e.line}${e.column === undefined ? '' : `:${e.column}`}`;
}

function ReportHeader(props: { report: AuditReportView }) {
  const r = props.report;
  const total = r.findings.length;
  return (
    <header className="report-head">
      <h2>{r.target}</h2>
      <p className="muted">
        {describeOrigin(r.origin)} {formatWhen(r.createdAt)} · {r.files} file{r.files === 1 ? '' : 's'} ·{' '}
        {total} finding{total === 1 ? '' : 's'} · analysed in {r.durationMs} ms · <code>{r.id}</code>
      </p>
    </header>
  );
}

function ReportErrors(props: { errors: AuditError[] }) {
  if (props.errors.length === 0) return null;
  return (
    <section className="report-errors" data-testid="audit-errors">
      <h3>Problems reading the sources ({props.errors.length})</h3>
      <ul>
        {props.errors.map((e) => (
          <li key={`${errorPlace(e)}|${e.message}`}>
            <code>{errorPlace(e)}</code> {e.kind}: {e.message}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** One audit report: the severity summary, then the findings grouped by severity, each with its code. */
export function ReportView(props: PageProps & { reportId: string }) {
  const { api, reportId } = props;
  const report = useApiData(() => getAuditReport(api, reportId), [api, reportId], props.onUnauthorized);
  const [filter, setFilter] = useState(NO_FILTER);
  const r = report.data;
  const groups = r ? groupBySeverity(r.findings, filter) : [];
  const shown = groups.reduce((n, g) => n + g.findings.length, 0);

  return (
    <main className="page audit-page" data-testid="audit-report">
      <p>
        <a
          href="/audit"
          onClick={(e) => {
            e.preventDefault();
            navigate('/audit');
          }}
        >
          ← all audit reports
        </a>
      </p>
      {report.error && <p className="error">{report.error}</p>}
      {report.loading && !r && <p className="muted">loading…</p>}
      {r && (
        <>
          <ReportHeader report={r} />
          <SeverityBars
            counts={r.counts}
            chosen={filter.severities}
            onToggle={(s) => setFilter(toggleSeverity(filter, s))}
          />
          <ReportErrors errors={r.errors} />
          {r.findings.length === 0 ? (
            <p className="muted empty">No findings: no detector flagged this code.</p>
          ) : (
            <>
              <FindingFilters filter={filter} onChange={setFilter} />
              {shown < r.findings.length && (
                <p className="muted">
                  {shown} of {r.findings.length} findings shown
                </p>
              )}
              {groups.map((group) => (
                <section
                  key={group.severity}
                  className="finding-group"
                  data-testid={`audit-group-${group.severity}`}
                >
                  <h3>
                    <span className={`sev ${group.severity}`}>{group.severity}</span> {group.findings.length}{' '}
                    finding{group.findings.length === 1 ? '' : 's'}
                  </h3>
                  {group.findings.map(({ number, finding }) => (
                    <FindingCard key={number} number={number} finding={finding} />
                  ))}
                </section>
              ))}
            </>
          )}
        </>
      )}
    </main>
  );
}
