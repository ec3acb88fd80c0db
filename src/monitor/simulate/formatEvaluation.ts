import { type EvaluationReport, PRECISION_DEFINITION } from './evaluate.js';

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  // Text left, numbers right: the first column is a name, the rest are figures.
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

const percent = (x: number | null): string => (x === null ? '-' : `${(x * 100).toFixed(1)}%`);

/** Seconds as the largest two units that matter: 45s, 12m05s, 3h02m, 2d04h. */
export function formatDelay(seconds: number | null): string {
  if (seconds === null) return '-';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  const two = (n: number) => String(n).padStart(2, '0');
  if (s < 3600) return `${Math.floor(s / 60)}m${two(s % 60)}s`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h${two(Math.floor((s % 3600) / 60))}m`;
  return `${Math.floor(s / 86_400)}d${two(Math.floor((s % 86_400) / 3600))}h`;
}

function wrap(text: string, width = 100): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

const fixed = (x: number): string => (Number.isInteger(x) ? String(x) : x.toFixed(1));

/** The evaluation as plain-text tables: per typology, overall, per detector, and what precision means. */
export function formatEvaluation(report: EvaluationReport): string {
  const o = report.overall;
  const typologyRows = report.typologies.map((t) => [
    t.typology,
    String(t.incidents),
    String(t.detected),
    percent(t.recall),
    formatDelay(t.delayMedianSeconds),
    formatDelay(t.delayP90Seconds),
    String(t.truePositives),
    fixed(t.attributedFalsePositives),
    percent(t.precision),
  ]);
  typologyRows.push([
    'all',
    String(o.incidents),
    String(o.detected),
    percent(o.recall),
    formatDelay(o.delayMedianSeconds),
    formatDelay(o.delayP90Seconds),
    String(o.truePositives),
    String(o.falsePositives),
    percent(o.precision),
  ]);
  const detectorRows = report.detectors.map((d) => [
    d.detector,
    String(d.alerts),
    String(d.truePositives),
    String(d.falsePositives),
    percent(d.precision),
    String(d.incidentsDetected),
  ]);
  return [
    table(
      [
        'typology',
        'incidents',
        'detected',
        'recall',
        'delay p50',
        'delay p90',
        'TP alerts',
        'FP',
        'precision',
      ],
      typologyRows,
    ),
    '',
    detectorRows.length > 0
      ? table(['detector', 'alerts', 'TP', 'FP', 'precision', 'incidents'], detectorRows)
      : 'no alerts',
    '',
    wrap(
      `Grace after an incident's last transfer: ${formatDelay(report.graceSeconds)}. ` +
        `False positives from detectors that matched nothing: ${o.unattributedFalsePositives} ` +
        '(counted in the "all" row only). ' +
        PRECISION_DEFINITION,
    ),
  ].join('\n');
}
