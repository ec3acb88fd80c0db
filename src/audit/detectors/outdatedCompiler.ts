import type { Detector } from './detector.js';

type Version = [number, number, number];

const compare = (a: Version, b: Version): number => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/** Every version a pragma allows is below this one: the compiler is outdated. */
const CURRENT_FLOOR: Version = [0, 6, 0];

/**
 * The highest version a constraint set allows, as a bound and whether it is itself allowed;
 * undefined when there is no upper bound (`>=0.4.0`). `||` alternatives take the highest.
 */
export function highestAllowed(value: string): { version: Version; inclusive: boolean } | undefined {
  let best: { version: Version; inclusive: boolean } | undefined;
  for (const alternative of value.split('||')) {
    let upper: { version: Version; inclusive: boolean } | undefined;
    let unbounded = true;
    const tighten = (version: Version, inclusive: boolean) => {
      unbounded = false;
      const c = upper ? compare(version, upper.version) : -1;
      if (!upper || c < 0 || (c === 0 && !inclusive)) upper = { version, inclusive };
    };
    const comparators = alternative.matchAll(
      /(\^|~|>=|<=|>|<|=)?\s*v?(\d+)(?:\.(\d+|x|\*))?(?:\.(\d+|x|\*))?/g,
    );
    for (const m of comparators) {
      const op = m[1] ?? '=';
      const major = Number(m[2]);
      const minorWild = m[3] === undefined || m[3] === 'x' || m[3] === '*';
      const patchWild = m[4] === undefined || m[4] === 'x' || m[4] === '*';
      const minor = minorWild ? 0 : Number(m[3]);
      const patch = patchWild ? 0 : Number(m[4]);
      const v: Version = [major, minor, patch];
      if (op === '>' || op === '>=') continue;
      if (op === '<') tighten(v, false);
      else if (op === '<=')
        tighten(
          minorWild ? [major + 1, 0, 0] : patchWild ? [major, minor + 1, 0] : v,
          op === '<=' && !minorWild && !patchWild,
        );
      else if (op === '^')
        tighten(major > 0 ? [major + 1, 0, 0] : minorWild ? [1, 0, 0] : [0, minor + 1, 0], false);
      else if (op === '~') tighten(minorWild ? [major + 1, 0, 0] : [major, minor + 1, 0], false);
      else if (minorWild) tighten([major + 1, 0, 0], false);
      else if (patchWild) tighten([major, minor + 1, 0], false);
      else tighten(v, true);
    }
    if (unbounded || !upper) return undefined;
    const u: { version: Version; inclusive: boolean } = upper;
    const c = best ? compare(u.version, best.version) : 1;
    if (!best || c > 0 || (c === 0 && u.inclusive)) best = u;
  }
  return best;
}

export const outdatedCompiler: Detector = {
  meta: {
    id: 'outdated-compiler',
    title: 'Outdated compiler version',
    severity: 'info',
    confidence: 'high',
    category: 'other',
    swc: 'SWC-102',
    description:
      'The version pragma only admits compilers older than 0.6.0. Those releases have many fixed code generation and optimizer bugs and lack checks later versions make (uninitialised storage pointers, writable array length, unchecked arithmetic before 0.8).',
    exploitScenario:
      'A contract pinned to 0.4.13 is compiled with the bugs of that release (for instance the 0.4.x optimizer and ABI encoder bugs listed in the Solidity bug list); the deployed bytecode does something the source does not say.',
    recommendation:
      'Move to a recent 0.8.x compiler, read the breaking changes of each major release, and pin it.',
  },
  detect({ ir, report }) {
    for (const file of ir.files) {
      if (!file.isInput) continue;
      for (const pragma of file.pragmas) {
        if (pragma.name !== 'solidity') continue;
        const highest = highestAllowed(pragma.value);
        if (!highest) continue;
        const c = compare(highest.version, CURRENT_FLOOR);
        if (c > 0 || (c === 0 && highest.inclusive)) continue;
        report({
          file,
          node: pragma.node,
          message: `pragma solidity ${pragma.value} only admits compilers older than 0.6.0.`,
        });
      }
    }
  },
};
