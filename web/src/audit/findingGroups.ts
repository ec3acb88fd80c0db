import { AUDIT_SEVERITIES, type FindingSeverity, type StoredFinding } from './auditTypes.js';

export interface FindingFilter {
  /** Severities shown; none chosen shows every severity. */
  severities: ReadonlySet<FindingSeverity>;
  /** Words that must all occur in the detector, title, location, SWC id or message (any case). */
  text: string;
}

export const NO_FILTER: FindingFilter = { severities: new Set(), text: '' };

/** A finding with its 1-based number in the whole report, kept when a filter hides others. */
export interface NumberedFinding {
  number: number;
  finding: StoredFinding;
}

export interface SeverityGroup {
  severity: FindingSeverity;
  findings: NumberedFinding[];
}

function searchText(f: StoredFinding): string {
  const scope = [f.contract, f.function].filter(Boolean).join('.');
  return [f.detector, f.title, f.file, scope, f.swc, f.category, f.message]
    .filter(Boolean)
    .join(' ')
    .toLowerCase();
}

export function matchesFilter(finding: StoredFinding, filter: FindingFilter): boolean {
  if (filter.severities.size > 0 && !filter.severities.has(finding.severity)) return false;
  const words = filter.text.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const text = searchText(finding);
  return words.every((word) => text.includes(word));
}

/**
 * The findings the filter lets through, grouped by severity, most severe first; within a group in the
 * report's order. Severities without a finding left are not listed.
 */
export function groupBySeverity(findings: readonly StoredFinding[], filter: FindingFilter): SeverityGroup[] {
  const groups = new Map<FindingSeverity, NumberedFinding[]>();
  findings.forEach((finding, i) => {
    if (!matchesFilter(finding, filter)) return;
    const group = groups.get(finding.severity) ?? [];
    group.push({ number: i + 1, finding });
    groups.set(finding.severity, group);
  });
  return AUDIT_SEVERITIES.flatMap((severity) => {
    const group = groups.get(severity);
    return group ? [{ severity, findings: group }] : [];
  });
}

/** Adds the severity to the chosen ones, or takes it away. */
export function toggleSeverity(filter: FindingFilter, severity: FindingSeverity): FindingFilter {
  const severities = new Set(filter.severities);
  if (severities.has(severity)) severities.delete(severity);
  else severities.add(severity);
  return { ...filter, severities };
}

/** `Vault.sol:18` or `Vault.sol:18-22`. */
export function locationOf(finding: Pick<StoredFinding, 'file' | 'startLine' | 'endLine'>): string {
  return finding.endLine > finding.startLine
    ? `${finding.file}:${finding.startLine}-${finding.endLine}`
    : `${finding.file}:${finding.startLine}`;
}
