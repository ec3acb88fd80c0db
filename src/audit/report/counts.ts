import { DASP_CATEGORIES, type DaspCategory, type Finding } from '../../core/finding.js';
import type { FindingSeverity } from '../types.js';

export type SeverityCounts = Record<FindingSeverity, number>;

const zero = (): SeverityCounts => ({ high: 0, medium: 0, low: 0, info: 0 });

export function countBySeverity(findings: readonly Finding[]): SeverityCounts {
  const counts = zero();
  for (const finding of findings) counts[finding.severity]++;
  return counts;
}

/** Per category that has findings, in the DASP order, the count at each severity. */
export function countByCategory(findings: readonly Finding[]): [DaspCategory, SeverityCounts][] {
  const counts = new Map<DaspCategory, SeverityCounts>();
  for (const finding of findings) {
    const row = counts.get(finding.category) ?? zero();
    row[finding.severity]++;
    counts.set(finding.category, row);
  }
  return DASP_CATEGORIES.flatMap((category) => {
    const row = counts.get(category);
    return row ? [[category, row] as [DaspCategory, SeverityCounts]] : [];
  });
}
