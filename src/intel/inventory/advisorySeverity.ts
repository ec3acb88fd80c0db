import { SEVERITIES, type Severity } from '../../core/severity.js';
import { cvss3BaseScore, severityFromCvss } from './cvss.js';
import type { OsvAffected, OsvRecord, OsvSeverity } from './osvTypes.js';

/**
 * How bad an advisory is, from what the OSV record says. A database's own label
 * (`database_specific.severity`, e.g. GitHub's LOW/MODERATE/HIGH/CRITICAL) is preferred because it
 * is the reviewed rating; otherwise the CVSS v3 vector is scored. No usable rating gives 'unknown'.
 */
export type AdvisorySeverity = Severity | 'unknown';

export interface SeverityReading {
  severity: AdvisorySeverity;
  /** CVSS v3 base score when a v3 vector is present. */
  cvss?: number;
  source: 'database_specific' | 'cvss_v3' | 'none';
}

const LABELS: Record<string, Severity> = {
  moderate: 'medium',
  important: 'high',
  none: 'info',
  negligible: 'low',
};

function label(value: unknown): Severity | undefined {
  if (typeof value !== 'string') return undefined;
  const v = value.trim().toLowerCase();
  if ((SEVERITIES as readonly string[]).includes(v)) return v as Severity;
  return LABELS[v];
}

function cvssOf(lists: (OsvSeverity[] | undefined)[]): number | undefined {
  for (const list of lists) {
    for (const s of list ?? []) {
      if (s.type !== 'CVSS_V3') continue;
      const score = cvss3BaseScore(s.score);
      if (score !== undefined) return score;
    }
  }
  return undefined;
}

/** `entries` are the affected entries for the package at hand; their ratings come after the record's. */
export function advisorySeverity(record: OsvRecord, entries: readonly OsvAffected[] = []): SeverityReading {
  const cvss = cvssOf([record.severity, ...entries.map((e) => e.severity)]);
  // Loose objects type unknown keys as unknown; database_specific is free-form by the schema.
  const labelled = [record.database_specific, ...entries.map((e) => e.database_specific)]
    .map((d) => label((d as { severity?: unknown } | undefined)?.severity))
    .find((s) => s !== undefined);
  if (labelled)
    return { severity: labelled, ...(cvss !== undefined ? { cvss } : {}), source: 'database_specific' };
  if (cvss !== undefined) return { severity: severityFromCvss(cvss), cvss, source: 'cvss_v3' };
  return { severity: 'unknown', source: 'none' };
}
