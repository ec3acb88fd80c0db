import { AUDIT_SEVERITIES } from './auditTypes.js';
import { type FindingFilter, toggleSeverity } from './findingGroups.js';

/** Which findings to show: severity switches (none on shows all) and words to look for. */
export function FindingFilters(props: { filter: FindingFilter; onChange(filter: FindingFilter): void }) {
  const { filter, onChange } = props;
  return (
    <div className="finding-filters" data-testid="audit-severity-filter">
      <span className="muted">show</span>
      {AUDIT_SEVERITIES.map((severity) => (
        <label key={severity} className="chip">
          <input
            type="checkbox"
            checked={filter.severities.has(severity)}
            onChange={() => onChange(toggleSeverity(filter, severity))}
          />
          {severity}
        </label>
      ))}
      <input
        type="search"
        placeholder="detector, file, contract, SWC…"
        aria-label="filter findings"
        data-testid="audit-finding-search"
        value={filter.text}
        onChange={(e) => onChange({ ...filter, text: e.target.value })}
      />
      {(filter.severities.size > 0 || filter.text) && (
        <button type="button" className="link" onClick={() => onChange({ severities: new Set(), text: '' })}>
          clear
        </button>
      )}
    </div>
  );
}
