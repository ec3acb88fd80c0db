import type { Evidence } from '../types.js';
import type { ExcerptRow } from './auditTypes.js';

export type CodeEvidence = Extract<Evidence, { kind: 'code' }>;

/**
 * An alert's code evidence as excerpt rows: its excerpt text numbered from startLine, the lines up to
 * endLine flagged. Alerts carry the flagged code only, so usually every row is flagged. No rows when
 * the evidence has no excerpt (the location alone is shown then).
 */
export function excerptOfEvidence(evidence: CodeEvidence): ExcerptRow[] {
  if (!evidence.excerpt) return [];
  const lines = evidence.excerpt.split(/\r\n|\r|\n/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  const first = Math.max(1, evidence.startLine);
  const last = Math.max(first, evidence.endLine);
  return lines.map((text, i) => ({ line: first + i, text, flagged: first + i <= last }));
}
