/** One row of a code excerpt: a numbered source line, or a gap where lines were left out. */
export type ExcerptRow = { line: number; text: string; flagged: boolean } | { gap: true };

export interface ExcerptOptions {
  /** Lines shown before and after the flagged ones. */
  context?: number;
  /** At most this many flagged lines; a longer span keeps its head and its last line. */
  maxFlagged?: number;
}

export function sourceLines(source: string): string[] {
  return source.split(/\r\n|\r|\n/);
}

/**
 * The lines `startLine`..`endLine` of `source` with `context` lines either side, clamped to the
 * file. Returns no rows when the lines are not in the source (a stale or missing file).
 */
export function codeExcerpt(
  source: string,
  startLine: number,
  endLine: number,
  { context = 2, maxFlagged = 10 }: ExcerptOptions = {},
): ExcerptRow[] {
  const lines = sourceLines(source);
  if (startLine < 1 || startLine > lines.length) return [];
  const last = Math.min(Math.max(endLine, startLine), lines.length);
  const row = (line: number) => ({
    line,
    text: lines[line - 1] ?? '',
    flagged: line >= startLine && line <= last,
  });
  const range = (from: number, to: number) =>
    Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => row(from + i));
  const before = range(Math.max(1, startLine - context), startLine - 1);
  const after = range(last + 1, Math.min(lines.length, last + context));
  const flagged =
    last - startLine + 1 > maxFlagged
      ? [...range(startLine, startLine + maxFlagged - 2), { gap: true } as const, row(last)]
      : range(startLine, last);
  return [...before, ...flagged, ...after];
}
