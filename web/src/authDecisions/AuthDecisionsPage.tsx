import { useMemo, useState } from 'react';
import type { PageProps } from '../pageProps.js';
import { useApiData } from '../useApiData.js';
import './authDecisions.css';
import { decisionSummary, type SummaryBucket } from './authDecisionsApi.js';
import { DecisionTimeline } from './DecisionTimeline.js';
import { ReasonsTable } from './ReasonsTable.js';
import { RecentDecisions, type RecentFilter } from './RecentDecisions.js';
import { ScoreHistogram } from './ScoreHistogram.js';
import { SummaryTiles } from './SummaryTiles.js';
import { TopSources } from './TopSources.js';

const HOUR = 3_600_000;
const RANGES: { label: string; ms: number; bucket: SummaryBucket }[] = [
  { label: 'last 24 hours', ms: 24 * HOUR, bucket: 'hour' },
  { label: 'last 48 hours', ms: 48 * HOUR, bucket: 'hour' },
  { label: 'last 7 days', ms: 7 * 24 * HOUR, bucket: 'hour' },
  { label: 'last 30 days', ms: 30 * 24 * HOUR, bucket: 'day' },
];

/**
 * The adaptive-authentication decisions: how logins were scored and decided, why (the signals that
 * fired), who and what was challenged or denied, and the log itself with every reason of a decision.
 */
export function AuthDecisionsPage(props: PageProps) {
  const [range, setRange] = useState(1);
  const [refresh, setRefresh] = useState(0);
  const [filter, setFilter] = useState<RecentFilter>({});
  const chosen = RANGES[range] ?? (RANGES[1] as (typeof RANGES)[number]);
  // The window ends when the page (re)loads; it is fixed between reloads so both panels agree.
  // biome-ignore lint/correctness/useExhaustiveDependencies: refresh moves the window to now
  const span = useMemo(() => {
    const until = Date.now() + 1;
    return { since: until - chosen.ms, until, bucket: chosen.bucket };
  }, [chosen, refresh]);
  const summary = useApiData(() => decisionSummary(props.api, span), [props.api, span], props.onUnauthorized);
  const s = summary.data;

  return (
    <main className="page auth-page">
      <div className="auth-head">
        <h2>Login decisions</h2>
        <select
          aria-label="time window"
          data-testid="auth-range"
          value={range}
          onChange={(e) => setRange(Number(e.target.value))}
        >
          {RANGES.map((r, i) => (
            <option key={r.label} value={i}>
              {r.label}
            </option>
          ))}
        </select>
        <button type="button" onClick={() => setRefresh((n) => n + 1)}>
          reload
        </button>
        {s && (
          <span className="muted">
            challenge at score ≥ {s.thresholds.challengeAt}, deny at ≥ {s.thresholds.denyAt}
          </span>
        )}
      </div>
      {summary.error && <p className="error">{summary.error}</p>}
      {summary.loading && !s && <p className="muted">loading…</p>}
      {s?.truncated && (
        <p className="muted">
          This window holds more decisions than one summary reads: the newest were summarised.
        </p>
      )}
      {s && (
        <>
          <SummaryTiles summary={s} />
          {s.total === 0 ? (
            <p className="muted empty">
              No logins were assessed in this window. The login backend sends each attempt to POST
              /v1/auth/assess.
            </p>
          ) : (
            <>
              <div className="auth-grid">
                <ScoreHistogram summary={s} />
                <DecisionTimeline summary={s} />
              </div>
              <div className="auth-grid wide-left">
                <ReasonsTable summary={s} />
                <TopSources summary={s} onPickUser={(userId) => setFilter({ ...filter, userId })} />
              </div>
            </>
          )}
        </>
      )}
      <RecentDecisions
        api={props.api}
        onUnauthorized={props.onUnauthorized}
        since={span.since}
        filter={filter}
        onFilter={setFilter}
        thresholds={s?.thresholds}
        refresh={refresh}
      />
    </main>
  );
}
