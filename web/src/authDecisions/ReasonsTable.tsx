import type { DecisionSummary } from './authDecisionsApi.js';
import { OUTCOME_COLOR, percent } from './outcomeStyle.js';

/** Signals ranked by how often they fired, what they added to the score, and how many denials they were in. */
export function ReasonsTable(props: { summary: DecisionSummary }) {
  const { reasons, total, counts } = props.summary;
  const most = reasons[0]?.fired ?? 1;
  return (
    <section className="auth-panel">
      <h3>Reasons</h3>
      {reasons.length === 0 ? (
        <p className="muted">no signal fired in this window</p>
      ) : (
        <table className="auth-table" data-testid="auth-reasons">
          <thead>
            <tr>
              <th>signal</th>
              <th>times fired</th>
              <th className="num">of assessments</th>
              <th className="num">mean contribution</th>
              <th title="allowed / challenged / denied">by outcome</th>
              <th className="num" title="share of all denials in which this signal fired">
                share of denials
              </th>
            </tr>
          </thead>
          <tbody>
            {reasons.map((r) => (
              <tr key={r.signal} data-testid="auth-reason-row">
                <td>
                  <code>{r.signal}</code>
                </td>
                <td>
                  <span className="auth-count-bar">
                    <span style={{ width: `${(100 * r.fired) / most}%` }} />
                  </span>
                  <span className="num">{r.fired}</span>
                </td>
                <td className="num">{percent(r.fired, total)}</td>
                <td className="num">{r.meanContribution.toFixed(2)}</td>
                <td className="num auth-by-outcome">
                  <span style={{ color: OUTCOME_COLOR.allow }}>{r.byDecision.allow}</span> /{' '}
                  <span style={{ color: OUTCOME_COLOR.challenge }}>{r.byDecision.challenge}</span> /{' '}
                  <span style={{ color: OUTCOME_COLOR.deny }}>{r.byDecision.deny}</span>
                </td>
                <td className="num">{counts.deny === 0 ? '–' : percent(r.byDecision.deny, counts.deny)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
