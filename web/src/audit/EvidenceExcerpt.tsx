import { CodeExcerpt } from './CodeExcerpt.js';
import { type CodeEvidence, excerptOfEvidence } from './evidenceExcerpt.js';
import { locationOf } from './findingGroups.js';
import './audit.css';

/** An alert's code evidence (an audit finding's lines) as the audit report shows code. */
export function EvidenceExcerpt(props: { evidence: CodeEvidence }) {
  const { evidence } = props;
  const location = locationOf(evidence);
  const rows = excerptOfEvidence(evidence);
  if (rows.length === 0)
    return (
      <p className="code-excerpt-location">
        <code>{location}</code>
      </p>
    );
  return <CodeExcerpt rows={rows} label={location} />;
}
