import type { DecisionRow } from './authDecisionsApi.js';
import { DecisionBadge } from './DecisionBadge.js';
import { DecisionReasons } from './DecisionReasons.js';
import { formatTime } from './outcomeStyle.js';
import { ScoreBar } from './ScoreBar.js';

const COLUMNS = 7;

/** One decision of the log; a click opens every reason below it. */
export function DecisionRowView(props: {
  row: DecisionRow;
  open: boolean;
  onToggle(): void;
  thresholds?: { challengeAt: number; denyAt: number };
}) {
  const { row, open } = props;
  const top = row.reasons.slice(0, 3);
  return (
    <>
      <tr
        className={open ? 'selected' : undefined}
        data-testid="auth-decision-row"
        data-decision={row.decision}
        aria-expanded={open}
        tabIndex={0}
        onClick={props.onToggle}
        onKeyDown={(e) => {
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault();
            props.onToggle();
          }
        }}
      >
        <td className="num">{formatTime(row.at)}</td>
        <td>{row.userId}</td>
        <td className="muted">
          <code>{row.ip ?? '–'}</code>
        </td>
        <td>
          <ScoreBar score={row.score} decision={row.decision} thresholds={props.thresholds} />
        </td>
        <td>
          <DecisionBadge decision={row.decision} />
        </td>
        <td className="muted">{row.factor ?? ''}</td>
        <td>
          <div className="auth-chips">
            {top.map((r) => (
              <span key={r.signal} className="auth-chip" title={r.detail}>
                {r.signal}
              </span>
            ))}
            {row.reasons.length > top.length && (
              <span className="muted">+{row.reasons.length - top.length}</span>
            )}
          </div>
        </td>
      </tr>
      {open && (
        <tr className="auth-expanded" data-testid="auth-decision-detail">
          <td colSpan={COLUMNS}>
            <DecisionReasons reasons={row.reasons} />
          </td>
        </tr>
      )}
    </>
  );
}
