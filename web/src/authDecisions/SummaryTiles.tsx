import { DECISION_KINDS, type DecisionSummary } from './authDecisionsApi.js';
import { OUTCOME_COLOR, OUTCOME_LABEL, percent } from './outcomeStyle.js';

/** The window at a glance: assessments, each outcome's share, the mean score. */
export function SummaryTiles(props: { summary: DecisionSummary }) {
  const { total, counts, meanScore } = props.summary;
  return (
    <div className="auth-tiles" data-testid="auth-summary-tiles">
      <div className="auth-tile">
        <span className="auth-tile-label">assessments</span>
        <strong data-testid="auth-total">{total.toLocaleString()}</strong>
        <span className="muted">mean score {total === 0 ? '–' : meanScore.toFixed(2)}</span>
      </div>
      {DECISION_KINDS.map((kind) => (
        <div
          key={kind}
          className="auth-tile"
          style={{ borderTopColor: OUTCOME_COLOR[kind] }}
          data-testid={`auth-share-${kind}`}
        >
          <span className="auth-tile-label">{OUTCOME_LABEL[kind]}</span>
          <strong>{percent(counts[kind], total)}</strong>
          <span className="muted">{counts[kind].toLocaleString()} logins</span>
        </div>
      ))}
    </div>
  );
}
