import type { FindingSeverity } from '../types.js';
import type { SeverityCounts } from './counts.js';
import { SEVERITIES_DESC } from './order.js';

export const SEVERITY_COLORS: Record<FindingSeverity, string> = {
  high: '#c62828',
  medium: '#e65100',
  low: '#1565c0',
  info: '#607d8b',
};

const ROW = 28;
const LABEL = 72;
const BAR = 240;

/**
 * An inline SVG bar chart of findings by severity: the shape of the report at a glance, readable by
 * a screen reader through its title, and self-contained (no script, no external resource).
 */
export function severityChart(counts: SeverityCounts): string {
  const max = Math.max(1, ...SEVERITIES_DESC.map((s) => counts[s]));
  const summary = SEVERITIES_DESC.map((s) => `${counts[s]} ${s}`).join(', ');
  const rows = SEVERITIES_DESC.map((severity, i) => {
    const y = i * ROW;
    const width = counts[severity] === 0 ? 0 : Math.max(2, Math.round((counts[severity] / max) * BAR));
    return (
      `<text x="${LABEL - 8}" y="${y + 18}" text-anchor="end">${severity[0]?.toUpperCase()}${severity.slice(1)}</text>` +
      `<rect x="${LABEL}" y="${y + 5}" width="${width}" height="${ROW - 10}" rx="3" fill="${SEVERITY_COLORS[severity]}"/>` +
      `<text x="${LABEL + width + 6}" y="${y + 18}">${counts[severity]}</text>`
    );
  });
  const height = SEVERITIES_DESC.length * ROW;
  return (
    `<svg class="chart" role="img" viewBox="0 0 ${LABEL + BAR + 48} ${height}" width="${LABEL + BAR + 48}" ` +
    `height="${height}" xmlns="http://www.w3.org/2000/svg"><title>Findings by severity: ${summary}</title>` +
    `${rows.join('')}</svg>`
  );
}
