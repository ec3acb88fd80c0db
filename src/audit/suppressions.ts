/**
 * Inline suppressions: `// argus-disable-next-line reentrancy-eth, tx-origin` silences those detectors
 * on the next line; with no ids it silences all of them. Returns line -> ids ('*' for all).
 */
export function suppressionsOf(source: string): Map<number, Set<string>> {
  const out = new Map<number, Set<string>>();
  const lines = source.split(/\r?\n/);
  lines.forEach((text, index) => {
    const match = /\/\/\s*argus-disable-next-line\b(.*)$/.exec(text);
    if (!match) return;
    const ids = (match[1] ?? '')
      .split(/[\s,]+/)
      .map((s) => s.trim())
      .filter(Boolean);
    out.set(index + 2, new Set(ids.length ? ids : ['*']));
  });
  return out;
}

export function isSuppressed(
  suppressions: Map<number, Set<string>>,
  line: number,
  detector: string,
): boolean {
  const ids = suppressions.get(line);
  return ids !== undefined && (ids.has('*') || ids.has(detector));
}
