import type { AlertInput, Evidence } from '../../core/alert.js';
import { severityFromScore } from '../../core/severity.js';

/** A document behind a burst: an advisory, a post, an incident write-up. */
export interface BurstDocument {
  id: string;
  title: string;
}

export interface BurstAlertSpec {
  /** What is being talked about: a technique, protocol, package or id. */
  entity: string;
  /** What kind of entity, for policies to match on (technique, protocol, package, ...). */
  entityKind: string;
  method: 'kleinberg' | 'ewma';
  /** Start of the bucket where the burst begins (epoch ms), and a label for it in the explanation. */
  startedAt: number;
  bucketLabel: string;
  /** Relevant documents in the burst so far, and what the baseline expected of the same buckets. */
  count: number;
  baseline: number;
  /** The detector's own strength: the EWMA z of the first bucket, or Kleinberg's weight. */
  strength: number;
  documents: readonly BurstDocument[];
}

/** Documents named in full; the rest are counted. Keeps the alert readable and within its limits. */
const MAX_DOCUMENTS = 20;
const MAX_TITLE = 200;
/** A burst of talk is an early warning, not an incident: its severity stops at high. */
const MAX_SCORE = 0.9;

/**
 * The alert for a burst that has just begun. Its score is 1 - baseline/count (so twice the baseline is
 * medium and five times is high), because "how many times the usual" is what a reader weighs; the
 * detector's statistic goes in the evidence beside it.
 */
export function burstAlert(spec: BurstAlertSpec): AlertInput {
  const ratio = spec.baseline > 0 ? spec.count / spec.baseline : Number.POSITIVE_INFINITY;
  const score = Math.min(MAX_SCORE, Math.max(0, 1 - 1 / ratio));
  const statistic =
    spec.method === 'ewma'
      ? `EWMA z-score ${spec.strength.toFixed(1)}`
      : `Kleinberg burst weight ${spec.strength.toFixed(1)}`;
  const times = Number.isFinite(ratio) ? `${ratio.toFixed(1)}x the baseline` : 'against no mentions before';
  const shown = spec.documents.slice(0, MAX_DOCUMENTS);
  const clip = (text: string) => (text.length > MAX_TITLE ? `${text.slice(0, MAX_TITLE - 1)}…` : text);
  const lines = shown.map((doc) => `- ${doc.id}: ${clip(doc.title)}`);
  const more = spec.documents.length - shown.length;
  if (more > 0) lines.push(`- and ${more} more`);
  const explanation = [
    `Mentions of ${spec.entityKind} "${spec.entity}" rose to ${spec.count} from the ${spec.bucketLabel}, ` +
      `against a baseline of ${spec.baseline.toFixed(1)} for the same period (${times}; ${statistic}).`,
    lines.length > 0 ? `Documents behind it:\n${lines.join('\n')}` : 'No documents were passed with it.',
  ].join('\n');

  const evidence: Evidence[] = [
    { kind: 'feature', name: 'mentions', value: spec.count, baseline: spec.baseline },
    { kind: 'fact', name: 'method', value: spec.method },
    { kind: 'fact', name: spec.method === 'ewma' ? 'z' : 'weight', value: round(spec.strength) },
    { kind: 'fact', name: 'bucket', value: spec.bucketLabel },
    ...shown.map(
      (doc): Evidence => ({ kind: 'fact', name: 'document', value: `${doc.id}: ${clip(doc.title)}` }),
    ),
  ];
  return {
    area: 'intel',
    detector: 'intel.burst',
    subject: { kind: 'other', id: spec.entity.slice(0, 256), attributes: { entityKind: spec.entityKind } },
    severity: severityFromScore(score),
    score,
    title: `Burst in mentions of ${spec.entity}`.slice(0, 300),
    explanation,
    evidence,
    occurredAt: spec.startedAt,
  };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
