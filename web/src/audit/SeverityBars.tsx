import { AUDIT_SEVERITIES, type FindingSeverity } from './auditTypes.js';

/**
 * The report at a glance: one bar per severity, as long as its share of the largest count. A bar is
 * also the severity filter's switch: pressing it shows only that severity (pressing more adds them).
 */
export function SeverityBars(props: {
  counts: Record<FindingSeverity, number>;
  chosen: ReadonlySet<FindingSeverity>;
  onToggle(severity: FindingSeverity): void;
}) {
  const max = Math.max(1, ...AUDIT_SEVERITIES.map((s) => props.counts[s]));
  const summary = AUDIT_SEVERITIES.map((s) => `${props.counts[s]} ${s}`).join(', ');
  return (
    <fieldset className="severity-bars" data-testid="audit-severity-chart" title={summary}>
      <legend>Findings by severity</legend>
      {AUDIT_SEVERITIES.map((severity) => {
        const count = props.counts[severity];
        const on = props.chosen.has(severity);
        return (
          <button
            key={severity}
            type="button"
            className={on ? 'severity-bar chosen' : 'severity-bar'}
            aria-pressed={on}
            disabled={count === 0}
            onClick={() => props.onToggle(severity)}
            data-testid={`audit-bar-${severity}`}
          >
            <span className="label">{severity}</span>
            <span className="track">
              {count > 0 && (
                <span className={`fill ${severity}`} style={{ width: `${(count / max) * 100}%` }} />
              )}
            </span>
            <span className="num">{count}</span>
          </button>
        );
      })}
    </fieldset>
  );
}
