/**
 * C3 linearisation as Solidity applies it: `contract C is A, B` searches C, then B, then A (the last
 * base is the most derived). Returns the names most-derived first, or undefined when the hierarchy is
 * inconsistent (the compiler would reject it too).
 */
export function linearize(
  name: string,
  basesOf: (name: string) => readonly string[] | undefined,
): string[] | undefined {
  const memo = new Map<string, string[] | undefined>();
  const visiting = new Set<string>();
  const run = (current: string): string[] | undefined => {
    if (memo.has(current)) return memo.get(current);
    if (visiting.has(current)) return undefined;
    visiting.add(current);
    const bases = [...(basesOf(current) ?? [])].reverse();
    const sequences = bases.map(run);
    let result: string[] | undefined;
    if (sequences.every((s): s is string[] => s !== undefined)) {
      const merged = merge([...sequences.map((s) => [...s]), [...bases]]);
      result = merged && [current, ...merged];
    }
    visiting.delete(current);
    memo.set(current, result);
    return result;
  };
  return run(name);
}

function merge(sequences: string[][]): string[] | undefined {
  const out: string[] = [];
  for (;;) {
    const live = sequences.filter((s) => s.length > 0);
    if (live.length === 0) return out;
    const head = live
      .map((s) => s[0] as string)
      .find((candidate) => live.every((s) => !s.slice(1).includes(candidate)));
    if (head === undefined) return undefined;
    out.push(head);
    for (const s of live) if (s[0] === head) s.shift();
  }
}
