import type { DecisionReason } from './authDecisionsApi.js';

const evidenceText = (evidence: DecisionReason['evidence']): string =>
  Object.entries(evidence ?? {})
    .map(([k, v]) => `${k}=${typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(2) : String(v)}`)
    .join(' ');

/** Every reason of one decision: weight × strength = contribution, and the signal's own words. */
export function DecisionReasons(props: { reasons: DecisionReason[] }) {
  if (props.reasons.length === 0) {
    return <p className="muted">no signal fired: nothing unusual about this login</p>;
  }
  return (
    <table className="auth-table compact auth-reason-detail">
      <thead>
        <tr>
          <th>signal</th>
          <th className="num">weight</th>
          <th className="num">strength</th>
          <th className="num">contribution</th>
          <th>detail</th>
        </tr>
      </thead>
      <tbody>
        {props.reasons.map((r) => (
          <tr key={r.signal}>
            <td>
              <code>{r.signal}</code>
            </td>
            <td className="num">{r.weight.toFixed(2)}</td>
            <td className="num">{r.strength.toFixed(2)}</td>
            <td className="num">{r.contribution.toFixed(3)}</td>
            <td>
              {r.detail}
              {r.evidence && <div className="muted auth-evidence">{evidenceText(r.evidence)}</div>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
