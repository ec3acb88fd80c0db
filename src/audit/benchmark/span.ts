import { relative, resolve, sep } from 'node:path';
import type { Finding } from '../../core/finding.js';

/**
 * A finding longer than this counts for its first line only: a detector that flags a whole function
 * must not be credited with every annotated line inside it.
 */
const MAX_COUNTED_SPAN = 3;

/** The lines a finding is credited with under the benchmark's rule. */
export function countedLines({ startLine, endLine }: Pick<Finding, 'startLine' | 'endLine'>): {
  first: number;
  last: number;
} {
  return endLine - startLine + 1 > MAX_COUNTED_SPAN
    ? { first: startLine, last: startLine }
    : { first: startLine, last: Math.max(startLine, endLine) };
}

export function creditsLine(finding: Pick<Finding, 'startLine' | 'endLine'>, line: number): boolean {
  const { first, last } = countedLines(finding);
  return line >= first && line <= last;
}

/**
 * A file as a path relative to the dataset folder, with forward slashes. `file` is absolute or
 * relative to the working folder, as the runner reports it (the path it was called with); labels,
 * which name files relative to the dataset, are joined to the root before they come here.
 */
export function datasetPath(root: string, file: string): string {
  return relative(resolve(root), resolve(file)).split(sep).join('/');
}
