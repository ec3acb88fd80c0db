import type { Finding } from '../../core/finding.js';
import type { AuditReport, FindingSeverity } from '../types.js';
import { countBySeverity } from './counts.js';
import { errorLocation, formatDuration, plural, stripControl } from './display.js';
import { codeExcerpt } from './excerpt.js';
import { SEVERITIES_DESC, sortErrors, sortFindings } from './order.js';
import type { SourceLookup } from './types.js';

export interface TextOptions {
  color: boolean;
  sources: SourceLookup;
}

type Style = (text: string) => string;

const ansi =
  (open: number, close: number): Style =>
  (text) =>
    `\u001b[${open}m${text}\u001b[${close}m`;
const plain: Style = (text) => text;

const STYLES = {
  bold: ansi(1, 22),
  dim: ansi(2, 22),
  severity: {
    high: (text: string) => ansi(1, 22)(ansi(31, 39)(text)),
    medium: ansi(33, 39),
    low: ansi(36, 39),
    info: ansi(2, 22),
  } satisfies Record<FindingSeverity, Style>,
};

/**
 * Colour for a terminal only: not when output is piped or redirected, and never when NO_COLOR is set
 * to anything non-empty (https://no-color.org).
 */
export function colorEnabled(stream: { isTTY?: boolean }, env: Record<string, string | undefined>): boolean {
  return stream.isTTY === true && !env.NO_COLOR;
}

/** At most this many source lines per finding: the terminal is for a first look, reports for detail. */
const MAX_CODE_LINES = 4;

/**
 * The default output of `argus audit`: findings grouped by file and in line order within it, each
 * with its location, title, message, the flagged code and the fix; then errors and a summary line.
 */
export function formatText(report: AuditReport, { color, sources }: TextOptions): string {
  const bold = color ? STYLES.bold : plain;
  const dim = color ? STYLES.dim : plain;
  const paint = (severity: FindingSeverity): Style => (color ? STYLES.severity[severity] : plain);
  const out: string[] = [];

  let file: string | undefined;
  for (const finding of sortFindings(report.findings)) {
    if (finding.file !== file) {
      file = finding.file;
      out.push(bold(stripControl(file)));
    }
    out.push(...findingLines(finding, sources(file), paint, dim), '');
  }

  if (report.errors.length > 0) {
    out.push(bold('Errors'));
    for (const error of sortErrors(report.errors)) {
      out.push(
        `  ${stripControl(errorLocation(error))}: ${error.kind} error: ${stripControl(error.message)}`,
      );
    }
    out.push('');
  }

  const counts = countBySeverity(report.findings);
  const parts = SEVERITIES_DESC.map((s) =>
    counts[s] > 0 ? paint(s)(`${counts[s]} ${s}`) : `${counts[s]} ${s}`,
  );
  out.push(
    `${bold(plural(report.findings.length, 'finding'))} (${parts.join(', ')}) in ${plural(report.files, 'file')}, ` +
      `${plural(report.errors.length, 'error')}, ${formatDuration(report.durationMs)}`,
  );
  return out.join('\n');
}

function findingLines(
  finding: Finding,
  source: string | undefined,
  paint: (severity: FindingSeverity) => Style,
  dim: Style,
): string[] {
  const label = paint(finding.severity)(finding.severity.toUpperCase().padEnd(6));
  const column = finding.startColumn === undefined ? '' : `:${finding.startColumn}`;
  const lines = [
    `  ${label} ${stripControl(finding.file)}:${finding.startLine}${column}  ${stripControl(finding.title)} ${dim(`[${finding.detector}]`)}`,
    `         ${stripControl(finding.message)}`,
  ];
  const rows =
    source === undefined
      ? []
      : codeExcerpt(source, finding.startLine, finding.endLine, { context: 0, maxFlagged: MAX_CODE_LINES });
  const width = String(finding.endLine).length;
  for (const row of rows) {
    lines.push(
      'gap' in row
        ? dim(`         ${'⋮'.padStart(width)}`)
        : dim(`         ${String(row.line).padStart(width)} | `) + stripControl(row.text),
    );
  }
  lines.push(`         fix: ${stripControl(finding.recommendation)}`);
  return lines;
}
