import type { AuditReport, FindingSeverity } from '../types.js';
import { countByCategory, countBySeverity } from './counts.js';
import { errorLocation, formatDuration, lineRange, plural } from './display.js';
import { type ReportContext, type ReportEntry, reportEntries, scopeOf } from './entries.js';
import type { ExcerptRow } from './excerpt.js';
import { escapeHtml as h } from './htmlText.js';
import { SEVERITIES_DESC } from './order.js';
import { SEVERITY_COLORS, severityChart } from './severityChart.js';

export interface HtmlOptions extends ReportContext {
  title: string;
  /** When the report was made; defaults to now. */
  date?: Date;
}

const cap = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

const CSS = `
:root { color-scheme: light; --fg: #1d2330; --muted: #5c6475; --line: #e3e6ec; --bg: #f6f7f9; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.55 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); }
main { max-width: 980px; margin: 0 auto; padding: 32px 24px 64px; }
h1 { margin: 0 0 4px; font-size: 28px; }
h2 { margin: 40px 0 12px; font-size: 20px; border-bottom: 1px solid var(--line); padding-bottom: 6px; }
h3 { margin: 0 0 8px; font-size: 17px; }
h4 { margin: 14px 0 4px; font-size: 14px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
p { margin: 6px 0; }
.meta { color: var(--muted); }
.summary { display: flex; flex-wrap: wrap; gap: 24px; align-items: flex-start; }
.chart text { font: 13px system-ui, sans-serif; fill: var(--fg); }
table { border-collapse: collapse; background: #fff; border: 1px solid var(--line); }
table.index { width: 100%; }
th, td { padding: 6px 12px; border-bottom: 1px solid var(--line); text-align: left; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
.finding { background: #fff; border: 1px solid var(--line); border-left: 5px solid var(--sev); border-radius: 6px; padding: 16px 20px; margin: 16px 0; }
.badge { display: inline-block; padding: 1px 8px; margin-right: 6px; border-radius: 10px; font-size: 12px; background: #eceff4; }
.badge.sev { color: #fff; background: var(--sev); font-weight: 600; }
code { font: 13px/1.45 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; overflow-wrap: anywhere; }
pre { margin: 10px 0; padding: 10px 0; overflow-x: auto; background: #0f1420; color: #e6e9ef; border-radius: 6px; tab-size: 4; }
pre .line { display: block; padding: 0 14px 0 0; white-space: pre; }
pre .line.hit { background: rgba(255, 196, 0, .18); box-shadow: inset 3px 0 0 #ffc400; }
pre .ln { display: inline-block; min-width: 4em; padding-right: 12px; text-align: right; color: #7d869a; user-select: none; }
.errors li { margin: 4px 0; }
@media print { body { background: #fff; } .finding { break-inside: avoid; } }
`;

/**
 * `--format html`: the audit report as one self-contained page (inline CSS and SVG, no script, no
 * external resource) that can be mailed or attached to a ticket. Every piece of text from the
 * audited code or the findings is escaped, and a Content-Security-Policy forbids scripts should
 * anything slip through.
 */
export function formatHtml(report: AuditReport, options: HtmlOptions): string {
  const entries = reportEntries(report.findings, options);
  const severity = countBySeverity(report.findings);
  const date = (options.date ?? new Date()).toISOString().slice(0, 10);
  const facts = [
    date,
    `${plural(report.files, 'file')} analysed`,
    formatDuration(report.durationMs),
    plural(report.findings.length, 'finding'),
    plural(report.errors.length, 'error'),
  ];
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${h(options.title)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body><main>',
    `<header><h1>${h(options.title)}</h1><p class="meta">${facts.map(h).join(' · ')}</p></header>`,
    '<h2>Summary</h2>',
    `<div class="summary">${severityChart(severity)}${severityTable(severity)}</div>`,
    categoryTable(report),
    errorList(report),
    '<h2>Findings</h2>',
    entries.length === 0 ? '<p>No findings.</p>' : indexTable(entries),
    ...entries.map(findingArticle),
    '</main></body>',
    '</html>',
  ]
    .filter(Boolean)
    .join('\n');
}

function severityTable(counts: Record<FindingSeverity, number>): string {
  const rows = SEVERITIES_DESC.map((s) => `<tr><td>${cap(s)}</td><td class="n">${counts[s]}</td></tr>`);
  return `<table><thead><tr><th>Severity</th><th class="n">Findings</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function categoryTable(report: AuditReport): string {
  const categories = countByCategory(report.findings);
  if (categories.length === 0) return '';
  const head = `<tr><th>Category</th>${SEVERITIES_DESC.map((s) => `<th class="n">${cap(s)}</th>`).join('')}<th class="n">Total</th></tr>`;
  const rows = categories.map(([category, row]) => {
    const cells = SEVERITIES_DESC.map((s) => `<td class="n">${row[s]}</td>`).join('');
    const total = SEVERITIES_DESC.reduce((sum, s) => sum + row[s], 0);
    return `<tr><td>${h(category)}</td>${cells}<td class="n">${total}</td></tr>`;
  });
  return `<h2>By category</h2><table><thead>${head}</thead><tbody>${rows.join('')}</tbody></table>`;
}

function errorList(report: AuditReport): string {
  if (report.errors.length === 0) return '';
  const items = report.errors.map(
    (e) => `<li><code>${h(errorLocation(e))}</code> ${h(e.kind)} error: ${h(e.message)}</li>`,
  );
  return `<h2>Errors</h2><p>The analysis is incomplete where these errors occurred:</p><ul class="errors">${items.join('')}</ul>`;
}

function indexTable(entries: readonly ReportEntry[]): string {
  const rows = entries.map(
    ({ number, anchor, finding }) =>
      `<tr><td class="n"><a href="#${anchor}">${number}</a></td><td>${badge(finding.severity)}</td>` +
      `<td>${h(finding.title)}</td><td><code>${h(lineRange(finding.file, finding.startLine, finding.endLine))}</code></td></tr>`,
  );
  return `<table class="index"><thead><tr><th class="n">#</th><th>Severity</th><th>Title</th><th>Location</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function badge(severity: FindingSeverity): string {
  return `<span class="badge sev" style="--sev: ${SEVERITY_COLORS[severity]}">${cap(severity)}</span>`;
}

function findingArticle({
  number,
  anchor,
  finding,
  description,
  exploitScenario,
  excerpt,
}: ReportEntry): string {
  const scope = scopeOf(finding);
  const badges = [
    badge(finding.severity),
    `<span class="badge">Confidence: ${h(finding.confidence)}</span>`,
    `<span class="badge">${h(finding.category)}</span>`,
    finding.swc ? `<span class="badge">${h(finding.swc)}</span>` : '',
  ].join('');
  const location =
    `<code>${h(lineRange(finding.file, finding.startLine, finding.endLine))}</code>` +
    `${scope ? ` in <code>${h(scope)}</code>` : ''} · detector <code>${h(finding.detector)}</code>`;
  return [
    `<article class="finding" id="${anchor}" style="--sev: ${SEVERITY_COLORS[finding.severity]}">`,
    `<h3>${number}. ${h(finding.title)}</h3>`,
    `<p>${badges}</p>`,
    `<p class="meta">${location}</p>`,
    excerpt.length > 0 ? `<pre><code>${excerpt.map(codeRow).join('')}</code></pre>` : '',
    `<p>${h(finding.message)}</p>`,
    `<h4>Description</h4><p>${h(description)}</p>`,
    exploitScenario ? `<h4>Exploit scenario</h4><p>${h(exploitScenario)}</p>` : '',
    `<h4>Recommendation</h4><p>${h(finding.recommendation)}</p>`,
    '</article>',
  ]
    .filter(Boolean)
    .join('\n');
}

function codeRow(row: ExcerptRow): string {
  if ('gap' in row) return '<span class="line"><span class="ln">⋮</span></span>';
  return `<span class="line${row.flagged ? ' hit' : ''}"><span class="ln">${row.line}</span>${h(row.text)}</span>`;
}
