import type { AuthDecisionKind, AuthDecisionRecord } from '../store/types.js';

export const SUMMARY_BUCKETS = ['hour', 'day'] as const;
export type SummaryBucket = (typeof SUMMARY_BUCKETS)[number];
export const BUCKET_MS: Record<SummaryBucket, number> = { hour: 3_600_000, day: 86_400_000 };
/** Score histogram bins over [0, 1]: 0.05 wide, so the default cut-offs (0.3, 0.9) fall on bin edges. */
export const SCORE_BINS = 20;

const KINDS = ['allow', 'challenge', 'deny'] as const satisfies readonly AuthDecisionKind[];
export type DecisionCounts = Record<AuthDecisionKind, number>;

export interface DecisionSummaryOptions {
  /** Window start (inclusive), epoch ms. */
  since: number;
  /** Window end (exclusive), epoch ms. */
  until: number;
  bucket: SummaryBucket;
  thresholds: { challengeAt: number; denyAt: number };
  /** Users and IPs listed, most challenged or denied first (default 10). */
  top?: number;
}

export interface ReasonStats {
  signal: string;
  /** Decisions in which the signal fired. */
  fired: number;
  /** Of those, by outcome. */
  byDecision: DecisionCounts;
  /** Mean weight × strength over the decisions it fired in. */
  meanContribution: number;
  meanStrength: number;
  /** Share of all denials in which it fired (0 when there were none). */
  denialShare: number;
}

export interface TopSource {
  /** The user id or the IP. */
  key: string;
  total: number;
  challenges: number;
  denials: number;
  /** Distinct users seen (for an IP; 1 for a user). */
  users: number;
  lastAt: number;
}

export interface AuthDecisionSummary {
  since: number;
  until: number;
  bucket: SummaryBucket;
  bucketMs: number;
  thresholds: { challengeAt: number; denyAt: number };
  total: number;
  counts: DecisionCounts;
  meanScore: number;
  /** Decisions per bucket: `start[i]` is the bucket's start (UTC-aligned), the rest counts per outcome. */
  timeline: { start: number[] } & Record<AuthDecisionKind, number[]>;
  /** `bins` equal bins over [0, 1]; bin i holds scores in [i/bins, (i+1)/bins), the last one also 1. */
  histogram: { bins: number; binWidth: number } & Record<AuthDecisionKind, number[]>;
  /** Signals that fired, most often first. */
  reasons: ReasonStats[];
  topUsers: TopSource[];
  topIps: TopSource[];
  /** Decisions whose stored reasons could not be read (counted, their reasons left out). */
  unreadableReasons: number;
}

interface ReasonAcc {
  byDecision: DecisionCounts;
  contribution: number;
  strength: number;
}

interface SourceAcc {
  total: number;
  challenges: number;
  denials: number;
  users: Set<string>;
  lastAt: number;
}

const zeroCounts = (): DecisionCounts => ({ allow: 0, challenge: 0, deny: 0 });

/** The UTC-aligned start of the bucket holding `at` (hours and days both divide an epoch day). */
export function bucketStartOf(at: number, bucket: SummaryBucket): number {
  const ms = BUCKET_MS[bucket];
  return Math.floor(at / ms) * ms;
}

/** The histogram bin of a score; scores outside [0, 1] are clamped to the end bins. */
export function scoreBin(score: number, bins = SCORE_BINS): number {
  if (!(score > 0)) return 0;
  return Math.min(bins - 1, Math.floor(score * bins));
}

/** Reasons as the risk engine logs them: a JSON list of {signal, strength, contribution, ...}. */
function readReasons(json: string): { signal: string; strength: number; contribution: number }[] | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed)) return undefined;
  const reasons: { signal: string; strength: number; contribution: number }[] = [];
  for (const r of parsed) {
    if (typeof r !== 'object' || r === null || typeof (r as { signal?: unknown }).signal !== 'string')
      continue;
    const { signal, strength, contribution } = r as {
      signal: string;
      strength?: unknown;
      contribution?: unknown;
    };
    reasons.push({
      signal,
      strength: typeof strength === 'number' && Number.isFinite(strength) ? strength : 0,
      contribution: typeof contribution === 'number' && Number.isFinite(contribution) ? contribution : 0,
    });
  }
  return reasons;
}

/**
 * Aggregates the decision log for the dashboard: outcomes per time bucket, the score histogram by
 * outcome, how often each signal fired and what it added, and the users and IPs most challenged or
 * denied. Feed it records in any order; memory grows with the distinct users, IPs and signals only.
 */
export class DecisionSummaryBuilder {
  private readonly start: number;
  private readonly buckets: number;
  private readonly bucketMs: number;
  private readonly timeline: Record<AuthDecisionKind, number[]>;
  private readonly histogram: Record<AuthDecisionKind, number[]>;
  private readonly counts = zeroCounts();
  private readonly reasons = new Map<string, ReasonAcc>();
  private readonly users = new Map<string, SourceAcc>();
  private readonly ips = new Map<string, SourceAcc>();
  private scoreSum = 0;
  private unreadable = 0;

  constructor(private readonly options: DecisionSummaryOptions) {
    if (!(options.until > options.since)) throw new RangeError('until must be after since');
    this.bucketMs = BUCKET_MS[options.bucket];
    this.start = bucketStartOf(options.since, options.bucket);
    this.buckets = Math.ceil((options.until - this.start) / this.bucketMs);
    const series = (n: number) => Array.from({ length: n }, () => 0);
    this.timeline = {
      allow: series(this.buckets),
      challenge: series(this.buckets),
      deny: series(this.buckets),
    };
    this.histogram = { allow: series(SCORE_BINS), challenge: series(SCORE_BINS), deny: series(SCORE_BINS) };
  }

  /** Bucket count of a window, to refuse one too fine before reading anything. */
  static bucketCount(since: number, until: number, bucket: SummaryBucket): number {
    return Math.ceil((until - bucketStartOf(since, bucket)) / BUCKET_MS[bucket]);
  }

  /** Adds one decision; one outside [since, until) is ignored. */
  add(record: AuthDecisionRecord): void {
    if (record.at < this.options.since || record.at >= this.options.until) return;
    const kind = record.decision;
    if (!KINDS.includes(kind)) return;
    this.counts[kind]++;
    this.scoreSum += record.score;
    const bucket = Math.floor((record.at - this.start) / this.bucketMs);
    (this.timeline[kind][bucket] as number)++;
    (this.histogram[kind][scoreBin(record.score)] as number)++;

    const reasons = readReasons(record.reasons);
    if (reasons === undefined) this.unreadable++;
    // A signal is counted once per decision even if a malformed log listed it twice.
    const seen = new Set<string>();
    for (const r of reasons ?? []) {
      if (seen.has(r.signal)) continue;
      seen.add(r.signal);
      let acc = this.reasons.get(r.signal);
      if (acc === undefined) {
        acc = { byDecision: zeroCounts(), contribution: 0, strength: 0 };
        this.reasons.set(r.signal, acc);
      }
      acc.byDecision[kind]++;
      acc.contribution += r.contribution;
      acc.strength += r.strength;
    }
    count(this.users, record.userId, record);
    if (record.ip !== undefined) count(this.ips, record.ip, record);
  }

  result(): AuthDecisionSummary {
    const { since, until, bucket, thresholds } = this.options;
    const top = this.options.top ?? 10;
    const total = this.counts.allow + this.counts.challenge + this.counts.deny;
    const reasons: ReasonStats[] = [...this.reasons].map(([signal, acc]) => {
      const fired = acc.byDecision.allow + acc.byDecision.challenge + acc.byDecision.deny;
      return {
        signal,
        fired,
        byDecision: acc.byDecision,
        meanContribution: acc.contribution / fired,
        meanStrength: acc.strength / fired,
        denialShare: this.counts.deny === 0 ? 0 : acc.byDecision.deny / this.counts.deny,
      };
    });
    reasons.sort(
      (a, b) =>
        b.fired - a.fired || b.meanContribution - a.meanContribution || a.signal.localeCompare(b.signal),
    );
    return {
      since,
      until,
      bucket,
      bucketMs: this.bucketMs,
      thresholds: { ...thresholds },
      total,
      counts: { ...this.counts },
      meanScore: total === 0 ? 0 : this.scoreSum / total,
      timeline: {
        start: Array.from({ length: this.buckets }, (_, i) => this.start + i * this.bucketMs),
        ...this.timeline,
      },
      histogram: { bins: SCORE_BINS, binWidth: 1 / SCORE_BINS, ...this.histogram },
      reasons,
      topUsers: ranked(this.users, top),
      topIps: ranked(this.ips, top),
      unreadableReasons: this.unreadable,
    };
  }
}

function count(map: Map<string, SourceAcc>, key: string, record: AuthDecisionRecord): void {
  let acc = map.get(key);
  if (acc === undefined) {
    acc = { total: 0, challenges: 0, denials: 0, users: new Set(), lastAt: record.at };
    map.set(key, acc);
  }
  acc.total++;
  if (record.decision === 'challenge') acc.challenges++;
  if (record.decision === 'deny') acc.denials++;
  acc.users.add(record.userId);
  acc.lastAt = Math.max(acc.lastAt, record.at);
}

/** Sources with at least one challenge or denial: most of both first, then most denials, then newest. */
function ranked(map: Map<string, SourceAcc>, top: number): TopSource[] {
  const rows: TopSource[] = [];
  for (const [key, acc] of map) {
    if (acc.challenges + acc.denials === 0) continue;
    rows.push({
      key,
      total: acc.total,
      challenges: acc.challenges,
      denials: acc.denials,
      users: acc.users.size,
      lastAt: acc.lastAt,
    });
  }
  rows.sort(
    (a, b) =>
      b.challenges + b.denials - (a.challenges + a.denials) ||
      b.denials - a.denials ||
      b.lastAt - a.lastAt ||
      a.key.localeCompare(b.key),
  );
  return rows.slice(0, top);
}
