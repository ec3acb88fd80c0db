import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';

/** One Code4rena finding from Web3Bugs' results/bugs.csv, with its label as the dataset gives it. */
export interface Web3BugsFinding {
  contest: string;
  /** H-01, M-03, ... within the contest. */
  bug: string;
  /** Web3Bugs' label (L1..LB, S1-1..S6-4, SE-1..SE-4, SC, O1..O7); see the dataset's docs/standard.md. */
  label: string;
  /** The finding's title, the "Bug Description" column. */
  title: string;
  /** The warden's write-up from reports/<contest>.md when it could be found, else undefined. */
  report?: string;
}

/**
 * Reads bugs.csv (whose fields are separated by ", ", hence the trimming) and, when `reportsDir` is given,
 * attaches each finding's write-up from the contest report: the text under its `## [[H-01] …]` heading,
 * without the "Submitted by" line and stopping at the first sponsor or judge comment (`**[name …`), so
 * only the warden's description of the bug is kept.
 */
export function readWeb3BugsFindings(bugsCsv: string, reportsDir?: string): Web3BugsFinding[] {
  const rows = parse(readFileSync(bugsCsv, 'utf8'), {
    columns: true,
    ltrim: true,
    rtrim: true,
    skip_empty_lines: true,
  }) as Record<string, string>[];
  const reports = new Map<string, Map<string, string>>();
  const reportOf = (contest: string, bug: string): string | undefined => {
    if (reportsDir === undefined) return undefined;
    let sections = reports.get(contest);
    if (sections === undefined) {
      const path = join(reportsDir, `${contest}.md`);
      sections = existsSync(path) ? reportSections(readFileSync(path, 'utf8')) : new Map();
      reports.set(contest, sections);
    }
    return sections.get(bug);
  };
  return rows.map((row) => {
    const contest = row['Contest ID'] ?? '';
    const bug = row['Bug ID'] ?? '';
    const report = reportOf(contest, bug);
    return {
      contest,
      bug,
      label: row['Bug Label'] ?? '',
      title: row['Bug Description'] ?? '',
      ...(report === undefined ? {} : { report }),
    };
  });
}

/** Finding id -> warden text, for every `## [[X-nn] title](url)` heading of a Code4rena report. */
export function reportSections(markdown: string): Map<string, string> {
  const out = new Map<string, string>();
  const lines = markdown.split(/\r?\n/);
  let current: string | undefined;
  let body: string[] = [];
  let stopped = false;
  const flush = () => {
    if (current !== undefined && !out.has(current)) out.set(current, body.join('\n').trim());
  };
  for (const line of lines) {
    const heading = /^##\s+\[\[([A-Z]-\d+)\]/.exec(line);
    if (heading || /^#{1,2}\s/.test(line)) {
      flush();
      current = heading ? heading[1] : undefined;
      body = [];
      stopped = false;
      continue;
    }
    if (current === undefined || stopped) continue;
    if (/^\*\*\[/.test(line)) {
      stopped = true;
      continue;
    }
    if (/^_Submitted by/i.test(line)) continue;
    body.push(line);
  }
  flush();
  return out;
}
