import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import type { Finding } from '../../core/finding.js';
import { creditsLine, datasetPath } from './span.js';

/**
 * A test case's label, `<case>.yaml` beside `<case>.sol`. (The `<case>.json` beside them is the
 * compiler's output, not a label.) `count` is how many times the weakness occurs: 0 in a fixed or
 * clean version, which names the weakness it must not be flagged with.
 */
const LabelSchema = z.object({
  issues: z.array(
    z.object({
      id: z.string().regex(/^SWC-\d{3}$/),
      count: z.number().int().nonnegative(),
      locations: z
        .array(
          z.object({ line_numbers: z.record(z.string(), z.array(z.number().int().positive())).nullish() }),
        )
        .nullish(),
    }),
  ),
});

export interface SwcLocation {
  swc: string;
  /** Relative to the dataset folder, forward slashes. */
  file: string;
  line: number;
}

export interface SwcCase {
  name: string;
  /** The case's folder, relative to the dataset folder; every .sol in it belongs to the case. */
  dir: string;
  /** The contract the label describes, `<dir>/<name>.sol`. */
  file: string;
  /**
   * vulnerable: some weakness occurs (count > 0). fixed: none does. Most fixed versions are named
   * `<case>_fixed` or `<case>_fixed_<n>`; a few are clean variants under their own name (e.g.
   * proxy_pattern_false_positive), and the counts, not the names, say which they are.
   */
  kind: 'vulnerable' | 'fixed';
  /** The SWC ids the case is about: those that occur in a vulnerable case, all named in a fixed one. */
  swcs: string[];
  locations: SwcLocation[];
}

export interface SwcCases {
  /** The test_cases folder, absolute. */
  root: string;
  cases: SwcCase[];
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return yamlFiles(path);
      return entry.name.endsWith('.yaml') ? [path] : [];
    });
}

/** Reads the labelled cases under an SWC registry `test_cases` folder. */
export function loadSwcCases(dir: string): SwcCases {
  const root = resolve(dir);
  const toDataset = (path: string) => relative(root, path).split(sep).join('/');
  const cases = yamlFiles(root).flatMap((labelPath): SwcCase[] => {
    const name = basename(labelPath, '.yaml');
    const folder = dirname(labelPath);
    const contract = join(folder, `${name}.sol`);
    if (!existsSync(contract)) return [];
    const { issues } = LabelSchema.parse(parse(readFileSync(labelPath, 'utf8')));
    const vulnerable = issues.some((issue) => issue.count > 0);
    const relevant = vulnerable ? issues.filter((issue) => issue.count > 0) : issues;
    const locations = relevant.flatMap((issue) =>
      (issue.locations ?? []).flatMap((location) =>
        Object.entries(location.line_numbers ?? {}).flatMap(([file, lines]) =>
          lines.map((line) => ({ swc: issue.id, file: toDataset(join(folder, file)), line })),
        ),
      ),
    );
    return [
      {
        name,
        dir: toDataset(folder),
        file: toDataset(contract),
        kind: vulnerable ? 'vulnerable' : 'fixed',
        swcs: [...new Set(relevant.map((issue) => issue.id))],
        locations,
      },
    ];
  });
  return { root, cases };
}

export interface SwcScore {
  vulnerable: number;
  /** Vulnerable cases with a finding that carries one of the case's SWC ids. */
  detected: number;
  recall: number;
  /** Labelled lines, and those credited to a finding with the line's SWC id (same rule as SmartBugs). */
  locations: number;
  located: number;
  locationRecall: number;
  fixed: number;
  /** Fixed versions with a finding that carries the SWC id the case is about: false alarms. */
  flagged: number;
  falseAlarmRate: number;
  missedCases: string[];
  flaggedCases: string[];
}

/**
 * Scores findings on the SWC cases. A finding belongs to the case whose folder holds its file. A
 * vulnerable case is detected, and a fixed one flagged, when any of its findings carries one of the
 * case's SWC ids, wherever it points.
 */
export function scoreSwc(swcCases: SwcCases, findings: readonly Finding[]): SwcScore {
  const byDir = new Map<string, Finding[]>();
  for (const finding of findings) {
    const dir = dirname(datasetPath(swcCases.root, finding.file));
    byDir.set(dir, [...(byDir.get(dir) ?? []), finding]);
  }
  const carries = (c: SwcCase) =>
    (byDir.get(c.dir) ?? []).some((f) => f.swc !== undefined && c.swcs.includes(f.swc));
  const vulnerable = swcCases.cases.filter((c) => c.kind === 'vulnerable');
  const fixed = swcCases.cases.filter((c) => c.kind === 'fixed');
  const detected = vulnerable.filter(carries);
  const flagged = fixed.filter(carries);

  const locations = vulnerable.flatMap((c) => c.locations.map((location) => ({ c, location })));
  const located = locations.filter(({ c, location }) =>
    (byDir.get(c.dir) ?? []).some(
      (f) =>
        f.swc === location.swc &&
        datasetPath(swcCases.root, f.file) === location.file &&
        creditsLine(f, location.line),
    ),
  ).length;

  const ratio = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);
  return {
    vulnerable: vulnerable.length,
    detected: detected.length,
    recall: ratio(detected.length, vulnerable.length),
    locations: locations.length,
    located,
    locationRecall: ratio(located, locations.length),
    fixed: fixed.length,
    flagged: flagged.length,
    falseAlarmRate: ratio(flagged.length, fixed.length),
    missedCases: vulnerable.filter((c) => !detected.includes(c)).map((c) => c.file),
    flaggedCases: flagged.map((c) => c.file),
  };
}
