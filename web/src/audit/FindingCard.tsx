import type { StoredFinding } from './auditTypes.js';
import { CodeExcerpt } from './CodeExcerpt.js';
import { locationOf } from './findingGroups.js';

/**
 * One finding as audit reports present it: what was found where, how sure the detector is, why it
 * matters, how it is exploited, what to change, and the code.
 */
export function FindingCard(props: { number: number; finding: StoredFinding }) {
  const f = props.finding;
  const scope = [f.contract, f.function].filter(Boolean).join('.');
  const location = locationOf(f);
  return (
    <article
      className="finding"
      id={`finding-${props.number}`}
      data-testid="audit-finding"
      data-severity={f.severity}
      data-detector={f.detector}
    >
      <header>
        <span className={`sev ${f.severity}`}>{f.severity}</span>
        <h4>
          <span className="muted">#{props.number}</span> {f.title}
        </h4>
      </header>
      <p className="finding-meta">
        <code className="location">{location}</code>
        {scope && <span> in {scope}</span>}
        <span className="muted">
          {' '}
          · detector <code>{f.detector}</code> · confidence <strong>{f.confidence}</strong>
          {f.swc && (
            <>
              {' '}
              ·{' '}
              <a href={`https://swcregistry.io/docs/${f.swc}`} target="_blank" rel="noreferrer">
                {f.swc}
              </a>
            </>
          )}{' '}
          · {f.category.replaceAll('_', ' ')}
        </span>
      </p>
      <p className="finding-message">{f.message}</p>
      <CodeExcerpt rows={f.excerpt} />
      <dl className="finding-texts">
        <dt>Description</dt>
        <dd>{f.description}</dd>
        {f.exploitScenario && (
          <>
            <dt>Exploit scenario</dt>
            <dd>{f.exploitScenario}</dd>
          </>
        )}
        <dt>Recommendation</dt>
        <dd>{f.recommendation}</dd>
      </dl>
    </article>
  );
}
