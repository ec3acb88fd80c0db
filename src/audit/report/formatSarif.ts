import { createHash } from 'node:crypto';
import { relative, resolve, sep } from 'node:path';
import type { Log, Notification, ReportingDescriptor, Result } from 'sarif';
import type { Finding } from '../../core/finding.js';
import type { AuditError, AuditReport, Confidence, FindingSeverity } from '../types.js';
import { sourceLines } from './excerpt.js';
import { escapeMarkdown } from './markdownText.js';
import { sortErrors, sortFindings } from './order.js';
import type { MetaLookup, SourceLookup } from './types.js';

export interface SarifOptions {
  metaOf: MetaLookup;
  toolVersion: string;
  /** The repository root: artifact URIs are relative to it, as GitHub code scanning expects. */
  baseDir: string;
  /** File contents, for fingerprints that follow a finding when lines above it move. */
  sources?: SourceLookup;
  informationUri?: string;
}

const LEVEL: Record<FindingSeverity, Result.level> = {
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

/** GitHub maps these to its critical/high/medium/low buckets (>= 9.0 / 7.0 / 4.0 / 0.1). */
const SECURITY_SEVERITY: Record<FindingSeverity, string> = {
  high: '8.0',
  medium: '5.0',
  low: '3.0',
  info: '1.0',
};

const PRECISION: Record<Confidence, string> = { high: 'high', medium: 'medium', low: 'low' };

const SRCROOT = '%SRCROOT%';
const FINGERPRINT = 'argusFindingHash/v1';
/** A finding that spans a whole function is identified by its head; edits deep inside keep the alert. */
const MAX_HASHED_LINES = 20;

/**
 * `--format sarif`: one SARIF 2.1.0 run for GitHub code scanning and other SARIF viewers. Rules are
 * the detectors that fired; files that could not be read or parsed are tool notifications, and the
 * run still counts as successful because every other file was analysed.
 */
export function formatSarif(report: AuditReport, options: SarifOptions): string {
  const findings = sortFindings(report.findings);
  const firstOfDetector = new Map<string, Finding>();
  for (const finding of findings)
    if (!firstOfDetector.has(finding.detector)) firstOfDetector.set(finding.detector, finding);
  const fired = [...firstOfDetector].sort(([a], [b]) => (a < b ? -1 : 1));
  const ruleIndex = new Map(fired.map(([id], index) => [id, index]));
  const rules = fired.map(([id, example]) => rule(id, options.metaOf, example));
  const uriOf = (file: string) => toUri(options.baseDir, file);
  const fingerprints = fingerprintsOf(findings, uriOf, options.sources);

  const results = findings.map(
    (finding, i): Result => ({
      ruleId: finding.detector,
      ruleIndex: ruleIndex.get(finding.detector) ?? 0,
      level: LEVEL[finding.severity],
      message: { text: finding.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: uriOf(finding.file), uriBaseId: SRCROOT },
            region: {
              startLine: finding.startLine,
              endLine: finding.endLine,
              ...(finding.startColumn === undefined ? {} : { startColumn: finding.startColumn }),
              ...(finding.endColumn === undefined ? {} : { endColumn: finding.endColumn }),
            },
          },
          ...(finding.contract || finding.function ? { logicalLocations: [logicalLocation(finding)] } : {}),
        },
      ],
      partialFingerprints: { [FINGERPRINT]: fingerprints[i] ?? '' },
    }),
  );

  const log: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'argus',
            version: options.toolVersion,
            informationUri: options.informationUri ?? 'https://www.npmjs.com/package/argus-security',
            rules,
          },
        },
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: sortErrors(report.errors).map((error) => notification(error, uriOf)),
          },
        ],
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}

function rule(id: string, metaOf: MetaLookup, example: Finding): ReportingDescriptor {
  const meta = metaOf(id);
  // A detector without metadata still gets a usable rule, from what its findings say.
  const title = meta?.title ?? example.title;
  const description = meta?.description ?? example.title;
  const recommendation = meta?.recommendation ?? example.recommendation;
  const swc = meta?.swc ?? example.swc;
  const exploit = meta?.exploitScenario;
  const text = [description, exploit && `Exploit scenario: ${exploit}`, `Recommendation: ${recommendation}`];
  const markdown = [
    escapeMarkdown(description),
    exploit && `**Exploit scenario.** ${escapeMarkdown(exploit)}`,
    `**Recommendation.** ${escapeMarkdown(recommendation)}`,
    swc && `See [${swc}](https://swcregistry.io/docs/${swc}).`,
  ];
  const severity = meta?.severity ?? example.severity;
  return {
    id,
    name: id.replace(/(^|-)(\w)/g, (_, __, char: string) => char.toUpperCase()),
    shortDescription: { text: title },
    fullDescription: { text: description },
    help: { text: text.filter(Boolean).join('\n\n'), markdown: markdown.filter(Boolean).join('\n\n') },
    defaultConfiguration: { level: LEVEL[severity] },
    properties: {
      // GitHub reads security-severity only from rules tagged 'security'.
      tags: ['security', meta?.category ?? example.category, ...(swc ? [swc] : [])],
      'security-severity': SECURITY_SEVERITY[severity],
      precision: PRECISION[meta?.confidence ?? example.confidence],
    },
  };
}

function logicalLocation(finding: Finding) {
  const name = finding.function ?? finding.contract ?? '';
  const fullyQualifiedName = [finding.contract, finding.function].filter(Boolean).join('.');
  return { name, fullyQualifiedName, kind: finding.function ? 'function' : 'type' };
}

function notification(error: AuditError, uriOf: (file: string) => string): Notification {
  const base: Notification = {
    level: 'error',
    descriptor: { id: `${error.kind}-error` },
    message: { text: `${error.kind} error: ${error.message}` },
  };
  // A detector that crashed failed on the whole run, not at a place in a file.
  if (error.kind === 'detector') return base;
  const region =
    error.line === undefined
      ? undefined
      : { startLine: error.line, ...(error.column === undefined ? {} : { startColumn: error.column }) };
  const artifactLocation = { uri: uriOf(error.file), uriBaseId: SRCROOT };
  return { ...base, locations: [{ physicalLocation: { artifactLocation, ...(region ? { region } : {}) } }] };
}

/** A relative URI reference with forward slashes, each segment percent-encoded (spaces, '#', '?'). */
export function toUri(baseDir: string, file: string): string {
  return relative(resolve(baseDir), resolve(file)).split(sep).map(encodeURIComponent).join('/');
}

/**
 * A hash of the detector, the file and the flagged code with its whitespace normalised, so that an
 * alert keeps its identity when lines are added above it or the code is re-indented. Two findings
 * that would hash alike (the same statement twice in a file) are told apart by an occurrence count,
 * as GitHub's own primaryLocationLineHash does. Without the source, the message stands in for the code.
 */
function fingerprintsOf(
  findings: readonly Finding[],
  uriOf: (file: string) => string,
  sources: SourceLookup | undefined,
): string[] {
  const seen = new Map<string, number>();
  const linesOf = new Map<string, string[] | undefined>();
  return findings.map((finding) => {
    if (!linesOf.has(finding.file)) {
      const source = sources?.(finding.file);
      linesOf.set(finding.file, source === undefined ? undefined : sourceLines(source));
    }
    const lines = linesOf.get(finding.file);
    const code =
      lines === undefined
        ? finding.message
        : lines
            .slice(finding.startLine - 1, Math.min(finding.endLine, finding.startLine - 1 + MAX_HASHED_LINES))
            .map((line) => line.trim().replace(/\s+/g, ' '))
            .join('\n');
    const hash = createHash('sha256')
      .update(`${finding.detector}\0${uriOf(finding.file)}\0${code}`)
      .digest('hex')
      .slice(0, 32);
    const occurrence = (seen.get(hash) ?? 0) + 1;
    seen.set(hash, occurrence);
    return `${hash}:${occurrence}`;
  });
}
