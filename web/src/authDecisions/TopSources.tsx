import type { TopSource } from '../../../src/auth/decisionSummary.js';
import type { DecisionSummary } from './authDecisionsApi.js';
import { formatTime } from './outcomeStyle.js';

function SourceTable(props: {
  title: string;
  rows: TopSource[];
  what: 'user' | 'IP';
  testId: string;
  onPick?: (key: string) => void;
}) {
  return (
    <div>
      <h4>{props.title}</h4>
      {props.rows.length === 0 ? (
        <p className="muted">none challenged or denied</p>
      ) : (
        <table className="auth-table compact" data-testid={props.testId}>
          <thead>
            <tr>
              <th>{props.what}</th>
              <th className="num">challenged</th>
              <th className="num">denied</th>
              <th className="num">{props.what === 'IP' ? 'users' : 'logins'}</th>
              <th>last</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r) => (
              <tr key={r.key}>
                <td>
                  {props.onPick ? (
                    <button
                      type="button"
                      className="link"
                      onClick={() => props.onPick?.(r.key)}
                      title="show this user's decisions"
                    >
                      {r.key}
                    </button>
                  ) : (
                    <code>{r.key}</code>
                  )}
                </td>
                <td className="num">{r.challenges}</td>
                <td className="num">{r.denials}</td>
                <td className="num">{props.what === 'IP' ? r.users : r.total}</td>
                <td className="num muted">{formatTime(r.lastAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** The users and addresses most often challenged or denied; a user opens their decisions below. */
export function TopSources(props: { summary: DecisionSummary; onPickUser(userId: string): void }) {
  return (
    <section className="auth-panel auth-top">
      <h3>Most challenged or denied</h3>
      <SourceTable
        title="Users"
        rows={props.summary.topUsers}
        what="user"
        testId="auth-top-users"
        onPick={props.onPickUser}
      />
      <SourceTable title="IP addresses" rows={props.summary.topIps} what="IP" testId="auth-top-ips" />
    </section>
  );
}
