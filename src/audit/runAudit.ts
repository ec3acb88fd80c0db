import { performance } from 'node:perf_hooks';
import type { Finding } from '../core/finding.js';
import { type Detector, findingOf } from './detectors/detector.js';
import { DETECTORS } from './detectors/registry.js';
import { buildIr } from './ir/buildIr.js';
import { loadSources } from './parse/loadSources.js';
import { isSuppressed, suppressionsOf } from './suppressions.js';
import type { AuditError, AuditReport } from './types.js';

export interface AuditOptions {
  /** Only these detector ids. */
  detectors?: string[];
  /** Never these detector ids. */
  exclude?: string[];
  /** Called as files are parsed, for a progress display. */
  onProgress?: (done: number, total: number) => void;
}

export interface AuditResult extends AuditReport {
  /** File contents by path as reported in findings, for excerpts in reports. */
  sources: Map<string, string>;
}

export function selectDetectors(options: AuditOptions, all: readonly Detector[] = DETECTORS): Detector[] {
  const only = options.detectors?.length ? new Set(options.detectors) : undefined;
  const exclude = new Set(options.exclude ?? []);
  return all.filter((d) => (!only || only.has(d.meta.id)) && !exclude.has(d.meta.id));
}

const SEVERITY_ORDER = { high: 0, medium: 1, low: 2, info: 3 } as const;

/** Analyses the named files and folders; bad files are reported in `errors`, never thrown. */
export async function runAudit(paths: string[], options: AuditOptions = {}): Promise<AuditResult> {
  const started = performance.now();
  const loaded = loadSources(paths, options.onProgress);
  const errors: AuditError[] = [...loaded.errors];
  const ir = buildIr(loaded.files);
  const findings: Finding[] = [];
  const sources = new Map(ir.files.map((f) => [f.file, f.source]));
  const suppressions = new Map(
    ir.files.filter((f) => f.isInput).map((f) => [f.file, suppressionsOf(f.source)]),
  );
  for (const detector of selectDetectors(options)) {
    try {
      detector.detect({
        ir,
        report(input) {
          const finding = findingOf(detector.meta, input);
          const fileSuppressions = suppressions.get(finding.file);
          if (!fileSuppressions) return;
          if (isSuppressed(fileSuppressions, finding.startLine, finding.detector)) return;
          findings.push(finding);
        },
      });
    } catch (cause) {
      // A detector bug must not cost the user the other detectors' results.
      errors.push({
        kind: 'detector',
        file: '(detector)',
        message: `detector ${detector.meta.id} failed: ${(cause as Error).message}`,
      });
    }
  }
  const unique = new Map<string, Finding>();
  for (const f of findings) unique.set(`${f.detector}|${f.file}|${f.startLine}|${f.endLine}|${f.message}`, f);
  const sorted = [...unique.values()].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      a.startLine - b.startLine ||
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      a.detector.localeCompare(b.detector),
  );
  return {
    files: loaded.inputCount,
    durationMs: Math.round(performance.now() - started),
    errors,
    findings: sorted,
    sources,
  };
}
