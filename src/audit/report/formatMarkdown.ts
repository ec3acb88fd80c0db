import type { AuditReport } from '../types.js';
import { countByCategory, countBySeverity } from './counts.js';
import { errorLocation, formatDuration, lineRange } from './display.js';
import { type ReportContext, type ReportEntry, reportEntries, scopeOf } from './entries.js';
import type { ExcerptRow } from './excerpt.js';
import { codeFence, escapeMarkdown, inlineCode } from './markdownText.js';
import { SEVERITIES_DESC } from './order.js';

export interface MarkdownOptions extends ReportContext {
  title: string;
  /** When the report was made; defaults to now. */
  date?: Date;
}

const cap = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * `--format markdown`: an audit report to read in a pull request or a wiki. A summary by severity
 * and by category, an index, then each finding with its code, the exploit scenario and the fix.
 */
export function formatMarkdown(report: AuditReport, options: MarkdownOptions): string {
  const entries = reportEntries(report.findings, options);
  const severity = countBySeverity(report.findings);
  const date = (options.date ?? new Date()).toISOString().slice(0, 10);
  const out = [
    `# ${escapeMarkdown(options.title)}`,
    '',
    `- **Date:** ${date}`,
    `- **Files analysed:** ${report.files}`,
    `- **Duration:** ${formatDuration(report.durationMs)}`,
    `- **Findings:** ${report.findings.length}`,
    `- **Errors:** ${report.errors.length}`,
    '',
    '## Summary',
    '',
    '| Severity | Findings |',
    '| --- | ---: |',
    ...SEVERITIES_DESC.map((s) => `| ${cap(s)} | ${severity[s]} |`),
    '',
  ];
  const categories = countByCategory(report.findings);
  if (categories.length > 0) {
    out.push(
      `| Category | ${SEVERITIES_DESC.map(cap).join(' | ')} | Total |`,
      `| --- | ${SEVERITIES_DESC.map(() => '---:').join(' | ')} | ---: |`,
      ...categories.map(
        ([category, row]) =>
          `| ${escapeMarkdown(category)} | ${SEVERITIES_DESC.map((s) => row[s]).join(' | ')} | ` +
          `${SEVERITIES_DESC.reduce((sum, s) => sum + row[s], 0)} |`,
      ),
      '',
    );
  }
  if (report.errors.length > 0) {
    out.push('## Errors', '', 'The analysis is incomplete where these errors occurred:', '');
    out.push(
      ...report.errors.map(
        (e) => `- ${inlineCode(errorLocation(e))} ${e.kind} error: ${escapeMarkdown(e.message)}`,
      ),
    );
    out.push('');
  }
  if (entries.length === 0) {
    out.push('## Findings', '', 'No findings.');
    return out.join('\n');
  }
  out.push('## Findings', '', '| # | Severity | Title | Location |', '| ---: | --- | --- | --- |');
  out.push(
    ...entries.map(
      ({ number, anchor, finding }) =>
        `| [${number}](#${anchor}) | ${cap(finding.severity)} | ${escapeMarkdown(finding.title)} | ` +
        `${inlineCode(lineRange(finding.file, finding.startLine, finding.endLine)).replace(/\|/g, '\\|')} |`,
    ),
    '',
  );
  for (const entry of entries) out.push(...entryLines(entry), '');
  return out.join('\n').trimEnd();
}

function entryLines({
  number,
  anchor,
  finding,
  description,
  exploitScenario,
  excerpt,
}: ReportEntry): string[] {
  const scope = scopeOf(finding);
  const facts = [
    `**Severity:** ${cap(finding.severity)}`,
    `**Confidence:** ${cap(finding.confidence)}`,
    `**Category:** ${escapeMarkdown(finding.category)}`,
    ...(finding.swc ? [`**SWC:** [${finding.swc}](https://swcregistry.io/docs/${finding.swc})`] : []),
    `**Detector:** ${inlineCode(finding.detector)}`,
  ];
  const location = lineRange(finding.file, finding.startLine, finding.endLine);
  return [
    // An explicit anchor: heading slugs differ between renderers, and the index links here.
    `### <a id="${anchor}"></a>${number}. ${escapeMarkdown(finding.title)}`,
    '',
    facts.join(' · '),
    '',
    `**Location:** ${inlineCode(location)}${scope ? ` in ${inlineCode(scope)}` : ''}`,
    '',
    ...(excerpt.length > 0 ? [codeFence(numbered(excerpt), 'solidity'), ''] : []),
    escapeMarkdown(finding.message),
    '',
    `**Description.** ${escapeMarkdown(description)}`,
    '',
    ...(exploitScenario ? [`**Exploit scenario.** ${escapeMarkdown(exploitScenario)}`, ''] : []),
    `**Recommendation.** ${escapeMarkdown(finding.recommendation)}`,
  ];
}

/** Line-numbered source, the flagged lines marked with `>` (a code block has no colour). */
function numbered(rows: readonly ExcerptRow[]): string {
  const width = Math.max(...rows.map((row) => ('gap' in row ? 0 : String(row.line).length)));
  return rows
    .map((row) =>
      'gap' in row
        ? `  ${'⋮'.padStart(width)}`
        : `${row.flagged ? '>' : ' '} ${String(row.line).padStart(width)} | ${row.text}`,
    )
    .join('\n');
}
