import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { DASP_CATEGORIES, type DaspCategory, type Finding } from '../../core/finding.js';
import { creditsLine, datasetPath } from './span.js';

const AnnotationsSchema = z.array(
  z.object({
    path: z.string().min(1),
    pragma: z.string(),
    vulnerabilities: z.array(
      z.object({ lines: z.array(z.number().int().positive()).min(1), category: z.enum(DASP_CATEGORIES) }),
    ),
  }),
);

export interface SmartbugsVulnerability {
  lines: number[];
  category: DaspCategory;
}

export interface SmartbugsFile {
  /** Relative to the dataset folder, forward slashes. */
  path: string;
  pragma: string;
  vulnerabilities: SmartbugsVulnerability[];
}

export interface SmartbugsAnnotations {
  /** The dataset folder (the one holding vulnerabilities.json), absolute. */
  root: string;
  files: SmartbugsFile[];
}

/** Reads `vulnerabilities.json` of a SmartBugs-curated checkout. */
export function loadSmartbugsAnnotations(dir: string): SmartbugsAnnotations {
  const root = resolve(dir);
  const raw = AnnotationsSchema.parse(JSON.parse(readFileSync(join(root, 'vulnerabilities.json'), 'utf8')));
  return {
    root,
    files: raw.map(({ path, pragma, vulnerabilities }) => ({
      path: datasetPath(root, join(root, path)),
      pragma,
      vulnerabilities: vulnerabilities.map(({ lines, category }) => ({ lines, category })),
    })),
  };
}

export interface CategoryRecall {
  category: DaspCategory;
  annotated: number;
  found: number;
  recall: number;
}

export interface SmartbugsScore {
  files: number;
  annotated: number;
  found: number;
  recall: number;
  /** Every category with annotations, in DASP order. */
  byCategory: CategoryRecall[];
  findings: number;
  findingsPerFile: number;
  /** High and medium findings, and how many of them land on an annotated line (of any category). */
  highOrMedium: number;
  highOrMediumOnAnnotatedLine: number;
  /** highOrMediumOnAnnotatedLine / highOrMedium; null when there are none. */
  onAnnotatedLineShare: number | null;
}

/**
 * Scores findings against the annotations. A vulnerability is found when a finding of its category,
 * in its file, is credited with one of its lines (see creditsLine). A high or medium finding lands on
 * an annotated line under the same crediting rule, whatever the categories: that share is a proxy
 * for precision, since a finding elsewhere may be right but is more often noise.
 */
export function scoreSmartbugs(
  annotations: SmartbugsAnnotations,
  findings: readonly Finding[],
): SmartbugsScore {
  const byFile = new Map<string, Finding[]>();
  for (const finding of findings) {
    const path = datasetPath(annotations.root, finding.file);
    byFile.set(path, [...(byFile.get(path) ?? []), finding]);
  }

  const tally = new Map<DaspCategory, { annotated: number; found: number }>();
  const annotatedLines = new Map<string, number[]>();
  for (const file of annotations.files) {
    const inFile = byFile.get(file.path) ?? [];
    annotatedLines.set(
      file.path,
      file.vulnerabilities.flatMap((v) => v.lines),
    );
    for (const { lines, category } of file.vulnerabilities) {
      const row = tally.get(category) ?? { annotated: 0, found: 0 };
      row.annotated++;
      if (inFile.some((f) => f.category === category && lines.some((line) => creditsLine(f, line))))
        row.found++;
      tally.set(category, row);
    }
  }

  const byCategory = DASP_CATEGORIES.flatMap((category) => {
    const row = tally.get(category);
    return row ? [{ category, ...row, recall: row.found / row.annotated }] : [];
  });
  const annotated = byCategory.reduce((sum, row) => sum + row.annotated, 0);
  const found = byCategory.reduce((sum, row) => sum + row.found, 0);

  const highOrMedium = findings.filter((f) => f.severity === 'high' || f.severity === 'medium');
  const onAnnotatedLine = highOrMedium.filter((f) => {
    const lines = annotatedLines.get(datasetPath(annotations.root, f.file)) ?? [];
    return lines.some((line) => creditsLine(f, line));
  }).length;

  return {
    files: annotations.files.length,
    annotated,
    found,
    recall: annotated === 0 ? 0 : found / annotated,
    byCategory,
    findings: findings.length,
    findingsPerFile: annotations.files.length === 0 ? 0 : findings.length / annotations.files.length,
    highOrMedium: highOrMedium.length,
    highOrMediumOnAnnotatedLine: onAnnotatedLine,
    onAnnotatedLineShare: highOrMedium.length === 0 ? null : onAnnotatedLine / highOrMedium.length,
  };
}
