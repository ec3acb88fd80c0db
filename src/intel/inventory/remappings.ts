/**
 * Solidity import remappings, as solc and Foundry read them: `[context:]prefix=target`, one per line
 * in remappings.txt or one per string in foundry.toml's `remappings`. They tell which library
 * provides an import such as `@openzeppelin/contracts/token/ERC20/ERC20.sol`.
 */
export interface Remapping {
  /** Only sources under this path see the remapping (solc's context); absent means everywhere. */
  context?: string;
  prefix: string;
  target: string;
  /** The file it was read from, relative to the project dir. */
  source: string;
}

export function parseRemapping(text: string, source: string): Remapping | undefined {
  const line = text.trim();
  const eq = line.indexOf('=');
  if (eq <= 0) return undefined;
  const left = line.slice(0, eq);
  const target = line.slice(eq + 1).trim();
  if (!target) return undefined;
  const colon = left.indexOf(':');
  const context = colon >= 0 ? left.slice(0, colon).trim() : '';
  const prefix = (colon >= 0 ? left.slice(colon + 1) : left).trim();
  if (!prefix) return undefined;
  return { ...(context ? { context } : {}), prefix, target, source };
}

/** Parses remappings.txt; lines that are not remappings come back as warnings, not errors. */
export function parseRemappingsTxt(
  text: string,
  source: string,
): { remappings: Remapping[]; warnings: string[] } {
  const remappings: Remapping[] = [];
  const warnings: string[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const r = parseRemapping(line, source);
    if (r) remappings.push(r);
    else warnings.push(`${source}:${i + 1}: not a remapping (expected prefix=target): ${line}`);
  });
  return { remappings, warnings };
}

/** `./lib/x/` and `lib/x` name the same folder; compare without the dot segment and trailing slash. */
export function normaliseTarget(target: string): string {
  return target.replace(/^\.\//, '').replace(/\/+$/, '');
}
