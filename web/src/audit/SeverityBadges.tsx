import type { Severity } from '../types.js';
import { AUDIT_SEVERITIES } from './auditTypes.js';

/** Findings per severity as the feed's coloured badges; a severity without findings is dimmed. */
export function SeverityBadges(props: { counts: Record<Severity, number> }) {
  const { counts } = props;
  const shown: Severity[] = counts.critical > 0 ? ['critical', ...AUDIT_SEVERITIES] : [...AUDIT_SEVERITIES];
  return (
    <span className="audit-badges">
      {shown.map((severity) => (
        <span
          key={severity}
          className={counts[severity] > 0 ? `sev ${severity}` : 'sev none'}
          title={`${counts[severity]} ${severity}`}
          data-testid={`audit-count-${severity}`}
        >
          {severity} {counts[severity]}
        </span>
      ))}
    </span>
  );
}
