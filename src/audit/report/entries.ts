import type { Finding } from '../../core/finding.js';
import { codeExcerpt, type ExcerptRow } from './excerpt.js';
import { sortBySeverity } from './order.js';
import type { MetaLookup, SourceLookup } from './types.js';

/** One finding as an audit report presents it: what was found, why it matters, how to fix it. */
export interface ReportEntry {
  /** 1-based position in the report, most severe first. */
  number: number;
  anchor: string;
  finding: Finding;
  /** What the weakness is, in general; the finding's message says what was found here. */
  description: string;
  exploitScenario: string | undefined;
  excerpt: ExcerptRow[];
}

export interface ReportContext {
  sources: SourceLookup;
  metaOf: MetaLookup;
}

/** The findings of an audit report, most severe first, with the detector's texts and the code. */
export function reportEntries(
  findings: readonly Finding[],
  { sources, metaOf }: ReportContext,
): ReportEntry[] {
  return sortBySeverity(findings).map((finding, index) => {
    const meta = metaOf(finding.detector);
    const source = sources(finding.file);
    return {
      number: index + 1,
      anchor: `finding-${index + 1}`,
      finding,
      description: meta?.description ?? finding.title,
      exploitScenario: meta?.exploitScenario,
      excerpt: source === undefined ? [] : codeExcerpt(source, finding.startLine, finding.endLine),
    };
  });
}

/** `Contract.function` or whichever of the two is known. */
export function scopeOf(finding: Finding): string | undefined {
  const scope = [finding.contract, finding.function].filter(Boolean).join('.');
  return scope === '' ? undefined : scope;
}
