import type { z } from 'zod';
import type { ConfidenceSchema, DaspCategory, Finding, FindingSeveritySchema } from '../core/finding.js';

export type FindingSeverity = z.infer<typeof FindingSeveritySchema>;
export type Confidence = z.infer<typeof ConfidenceSchema>;

/** What a detector is, as data: enough for reports, SARIF rules and `argus audit --list-detectors`. */
export interface DetectorMeta {
  /** Stable kebab-case id, used by --detectors, --exclude and argus-disable comments. */
  id: string;
  title: string;
  severity: FindingSeverity;
  confidence: Confidence;
  category: DaspCategory;
  /** SWC registry id, e.g. 'SWC-107', when one fits. */
  swc?: string;
  /** What the weakness is. */
  description: string;
  /** How an attacker exploits it, in a few sentences. */
  exploitScenario: string;
  /** What to change in the code. */
  recommendation: string;
}

/** A file that could not be read, parsed or whose import could not be resolved; the run goes on. */
export interface AuditError {
  kind: 'read' | 'parse' | 'import' | 'detector';
  file: string;
  line?: number;
  column?: number;
  message: string;
}

/** The stable JSON interface of `argus audit --format json`. */
export interface AuditReport {
  files: number;
  durationMs: number;
  errors: AuditError[];
  findings: Finding[];
}
