import type { AuthDecisionKind } from './authDecisionsApi.js';
import { OUTCOME_COLOR } from './outcomeStyle.js';

/** A score as a bar in its outcome's colour, with ticks at the challenge and deny cut-offs. */
export function ScoreBar(props: {
  score: number;
  decision: AuthDecisionKind;
  thresholds?: { challengeAt: number; denyAt: number };
}) {
  const { score, decision, thresholds } = props;
  return (
    <span className="auth-score" title={`score ${score.toFixed(3)}`}>
      <span className="auth-score-track">
        <span
          className="auth-score-fill"
          style={{ width: `${Math.max(1, score * 100)}%`, background: OUTCOME_COLOR[decision] }}
        />
        {thresholds && (
          <>
            <span className="auth-score-tick" style={{ left: `${thresholds.challengeAt * 100}%` }} />
            <span className="auth-score-tick" style={{ left: `${thresholds.denyAt * 100}%` }} />
          </>
        )}
      </span>
      <span className="num">{score.toFixed(2)}</span>
    </span>
  );
}
