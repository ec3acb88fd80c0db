import { useEffect, useState } from 'react';
import { ApiError } from '../api.js';
import type { PageProps } from '../pageProps.js';
import { useApiData } from '../useApiData.js';
import {
  type AuthDecisionKind,
  DECISION_KINDS,
  type DecisionRow,
  recentDecisions,
} from './authDecisionsApi.js';
import { DecisionRowView } from './DecisionRowView.js';

export interface RecentFilter {
  decision?: AuthDecisionKind;
  userId?: string;
}

/** The decision log newest first, filtered by outcome and user, 50 at a time; rows open to their reasons. */
export function RecentDecisions(
  props: PageProps & {
    since: number;
    filter: RecentFilter;
    onFilter(filter: RecentFilter): void;
    thresholds?: { challengeAt: number; denyAt: number };
    /** Changes when the page reloads. */
    refresh: number;
  },
) {
  const { api, since, filter, onUnauthorized } = props;
  const first = useApiData(
    () => recentDecisions(api, { since, ...filter }),
    [api, since, filter.decision, filter.userId, props.refresh],
    onUnauthorized,
  );
  const [more, setMore] = useState<{ rows: DecisionRow[]; cursor?: string }>({ rows: [] });
  const [open, setOpen] = useState<string>();
  const [userText, setUserText] = useState(filter.userId ?? '');
  const [moreError, setMoreError] = useState<string>();

  useEffect(() => {
    setMore({ rows: [], ...(first.data?.nextCursor ? { cursor: first.data.nextCursor } : {}) });
    setMoreError(undefined);
  }, [first.data]);
  useEffect(() => setUserText(filter.userId ?? ''), [filter.userId]);

  const loadMore = () => {
    if (!more.cursor) return;
    recentDecisions(api, { since, ...filter, cursor: more.cursor }).then(
      (page) =>
        setMore((m) => ({
          rows: [...m.rows, ...page.items],
          ...(page.nextCursor ? { cursor: page.nextCursor } : {}),
        })),
      (e: unknown) => {
        if (e instanceof ApiError && e.status === 401) onUnauthorized();
        setMoreError(e instanceof Error ? e.message : String(e));
      },
    );
  };
  const applyUser = () => props.onFilter({ ...filter, userId: userText.trim() || undefined });
  const rows = [...(first.data?.items ?? []), ...more.rows];

  return (
    <section className="auth-panel">
      <h3>Recent decisions</h3>
      <div className="filters">
        <label>
          decision
          <select
            data-testid="auth-filter-decision"
            value={filter.decision ?? ''}
            onChange={(e) =>
              props.onFilter({
                ...filter,
                decision: (e.target.value || undefined) as AuthDecisionKind | undefined,
              })
            }
          >
            <option value="">all</option>
            {DECISION_KINDS.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </label>
        <label>
          user
          <input
            data-testid="auth-filter-user"
            value={userText}
            placeholder="user id"
            onChange={(e) => setUserText(e.target.value)}
            onBlur={applyUser}
            onKeyDown={(e) => {
              if (e.key === 'Enter') applyUser();
            }}
          />
        </label>
        {(filter.decision || filter.userId) && (
          <button type="button" className="link" onClick={() => props.onFilter({})}>
            clear filters
          </button>
        )}
      </div>
      {first.error && <p className="error">{first.error}</p>}
      {!first.error && rows.length === 0 && !first.loading && (
        <p className="muted empty">no decisions match in this window</p>
      )}
      {rows.length > 0 && (
        <table className="auth-table auth-decisions" data-testid="auth-decisions">
          <thead>
            <tr>
              <th>time</th>
              <th>user</th>
              <th>IP</th>
              <th>score</th>
              <th>decision</th>
              <th>factor</th>
              <th>top reasons</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <DecisionRowView
                key={row.id}
                row={row}
                open={open === row.id}
                onToggle={() => setOpen((o) => (o === row.id ? undefined : row.id))}
                thresholds={props.thresholds}
              />
            ))}
          </tbody>
        </table>
      )}
      {moreError && <p className="error">{moreError}</p>}
      {more.cursor && (
        <button type="button" className="auth-more" onClick={loadMore}>
          load older decisions
        </button>
      )}
    </section>
  );
}
