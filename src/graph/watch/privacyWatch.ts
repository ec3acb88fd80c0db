import type { AlertInput, Evidence } from '../../core/alert.js';
import { type Chain, parseChain } from '../../core/chain.js';
import { type IssueAtPath, ValidationError } from '../../core/errors.js';
import type { TransferEvent } from '../../core/transferEvent.js';
import type { TransferObserver } from '../../core/transferObserver.js';
import { clusterEntities } from '../clustering/clusterEntities.js';
import { createLinkabilityIndex, type Linkability, type NamedLink } from '../clustering/linkability.js';
import { canonicalAddress } from '../labels/addresses.js';
import type { TransferGraphView } from '../transferGraphView.js';

export interface PrivacyWatchOptions {
  /** Your own addresses, each as written in the config; checked at construction. */
  watch: readonly { chain: string; address: string }[];
  /** An address alerts when this share of its activity or more is linkable. */
  threshold: number;
  /** Event-time ms between checks. */
  checkEveryMs: number;
}

export interface PrivacyWatchStats {
  /** Checks run (each clusters every chain that has watched addresses). */
  checks: number;
  /** Wall-clock ms spent in checks, in total and in the last one. */
  checkMs: number;
  lastCheckMs: number;
  alerts: number;
  /** (address, heuristic, other) triples reported so far. */
  linksReported: number;
}

/** Evidence facts an alert carries at most (the alert schema's cap). */
const MAX_EVIDENCE = 200;
/** Links written out in the explanation; the rest are in the evidence. */
const MAX_EXPLAINED = 40;

const HEURISTIC_NAMES: Record<NamedLink['heuristic'], string> = {
  depositReuse: 'deposit-address reuse',
  commonFunding: 'common funding',
  multiInput: 'multi-input',
  mixerPair: 'mixer pair',
};

const NONE: readonly AlertInput[] = Object.freeze([]);

/**
 * Privacy for the operator's own addresses: how much of a watched address's activity the clustering
 * heuristics tie to other addresses on the live graph. Clustering a large graph takes seconds, so it
 * runs only every checkEveryMs of event time (observe is O(1) in between). An address alerts when its
 * score reaches the threshold and a link appears that was not reported before; the links reported are
 * remembered, so an unchanged situation stays quiet and only the new links are named.
 *
 * Call observe after the observer that feeds the graph (GraphWatch), so a check sees the transfer
 * that triggered it.
 */
export class PrivacyWatch implements TransferObserver {
  readonly stats: PrivacyWatchStats = { checks: 0, checkMs: 0, lastCheckMs: 0, alerts: 0, linksReported: 0 };
  private readonly watched = new Map<Chain, string[]>();
  private readonly threshold: number;
  private readonly checkEveryMs: number;
  private readonly reported = new Set<string>();
  /** Event time at which the next check is due; undefined until the first event. */
  private nextCheckAt: number | undefined;

  constructor(
    private readonly graphs: () => ReadonlyMap<Chain, TransferGraphView>,
    options: PrivacyWatchOptions,
  ) {
    const issues: IssueAtPath[] = [];
    let hint: string | undefined;
    options.watch.forEach((entry, i) => {
      try {
        const chain = parseChain(entry.chain);
        const address = canonicalAddress(chain, entry.address);
        const list = this.watched.get(chain) ?? [];
        if (!list.includes(address)) list.push(address);
        this.watched.set(chain, list);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        hint ??= error.hint;
        for (const issue of error.issues) {
          issues.push({ path: `graph.privacy.watch.${i}.${issue.path}`, message: issue.message });
        }
      }
    });
    if (!(options.threshold >= 0 && options.threshold <= 1)) {
      issues.push({
        path: 'graph.privacy.threshold',
        message: `expected a share in [0, 1], got ${options.threshold}`,
      });
    }
    if (!(Number.isFinite(options.checkEveryMs) && options.checkEveryMs > 0)) {
      issues.push({
        path: 'graph.privacy.checkEveryMs',
        message: `expected a positive number of ms, got ${options.checkEveryMs}`,
      });
    }
    if (issues.length > 0) throw new ValidationError('CONFIG_INVALID', 'graph.privacy', issues, hint);
    this.threshold = options.threshold;
    this.checkEveryMs = options.checkEveryMs;
  }

  /** The watched addresses by chain, canonical. */
  get watchedAddresses(): ReadonlyMap<Chain, readonly string[]> {
    return this.watched;
  }

  observe(event: TransferEvent): readonly AlertInput[] {
    if (this.watched.size === 0) return NONE;
    if (this.nextCheckAt === undefined) {
      this.nextCheckAt = event.time + this.checkEveryMs;
      return NONE;
    }
    return event.time < this.nextCheckAt ? NONE : this.check(event.time);
  }

  /**
   * Clusters every chain with watched addresses and returns the alerts due; also on demand (at the end
   * of a run). `now` is event time: the alerts' occurredAt, and the next check comes checkEveryMs later.
   */
  check(now: number): AlertInput[] {
    this.nextCheckAt = now + this.checkEveryMs;
    if (this.watched.size === 0) return [];
    const started = performance.now();
    const alerts: AlertInput[] = [];
    const graphs = this.graphs();
    for (const [chain, addresses] of this.watched) {
      const graph = graphs.get(chain);
      if (graph === undefined || !addresses.some((a) => graph.nodeOf(a) >= 0)) continue;
      const index = createLinkabilityIndex(graph, clusterEntities(graph).links);
      for (const address of addresses) {
        const linkability = index.linkabilityOf(address);
        if (linkability.score < this.threshold || linkability.links.length === 0) continue;
        const fresh: NamedLink[] = [];
        for (const link of linkability.links) {
          const key = `${chain}\u0000${address}\u0000${link.heuristic}\u0000${link.other}`;
          if (this.reported.has(key)) continue;
          this.reported.add(key);
          fresh.push(link);
        }
        if (fresh.length === 0) continue;
        this.stats.linksReported += fresh.length;
        alerts.push(linkabilityAlert({ chain, linkability, fresh, occurredAt: now }));
      }
    }
    const ms = performance.now() - started;
    this.stats.checks++;
    this.stats.checkMs += ms;
    this.stats.lastCheckMs = ms;
    this.stats.alerts += alerts.length;
    return alerts;
  }
}

export interface LinkabilityAlertInput {
  chain: Chain;
  linkability: Linkability;
  /** The links not reported before, each (heuristic, other) once. */
  fresh: readonly NamedLink[];
  occurredAt: number;
}

/** A watched address's activity is linkable to others; the explanation names the new links and why. */
export function linkabilityAlert(input: LinkabilityAlertInput): AlertInput {
  const { chain, linkability, fresh } = input;
  const { address, score } = linkability;
  const others = new Set(linkability.links.map((l) => l.other)).size;
  const percent = `${Math.round(score * 100)}%`;
  const lines = fresh
    .slice(0, MAX_EXPLAINED)
    .map((l) => `- ${HEURISTIC_NAMES[l.heuristic]}: ${l.other} ${l.evidence}`);
  if (fresh.length > MAX_EXPLAINED)
    lines.push(`- ... and ${fresh.length - MAX_EXPLAINED} more in the evidence`);
  const earlier = linkability.links.length - fresh.length;
  const explanation =
    `${percent} of ${address}'s activity on ${chain} (${amount(linkability.linkedActivity)} of ` +
    `${amount(linkability.totalActivity)}) is with addresses the clustering heuristics tie to it, so an ` +
    `observer of the chain can link them to the same owner. New link${fresh.length === 1 ? '' : 's'}:\n` +
    lines.join('\n') +
    (earlier > 0 ? `\n${earlier} link${earlier === 1 ? '' : 's'} reported earlier not repeated.` : '');
  const evidence: Evidence[] = fresh.slice(0, MAX_EVIDENCE).map((l) => ({
    kind: 'fact',
    name: `link.${l.heuristic}`,
    value: `${l.other}: ${l.evidence}`,
  }));
  return {
    area: 'graph',
    detector: 'graph.linkability',
    subject: {
      kind: 'address',
      id: address,
      chain,
      attributes: {
        score: round(score),
        linkedActivity: round(linkability.linkedActivity),
        totalActivity: round(linkability.totalActivity),
        linkedAddresses: others,
        newLinks: fresh.length,
      },
    },
    // Privacy, not fraud: nothing to hold, something to fix in how the wallets are used.
    severity: score >= 0.8 ? 'medium' : 'low',
    score: Math.min(1, Math.max(0, score)),
    title:
      `${percent} of ${short(address)}'s activity is linkable to ${others} other address${others === 1 ? '' : 'es'}`.slice(
        0,
        300,
      ),
    explanation: explanation.slice(0, 10_000),
    evidence,
    occurredAt: Math.max(0, Math.trunc(input.occurredAt)),
  };
}

function short(address: string): string {
  return address.length > 14 ? `${address.slice(0, 8)}…${address.slice(-4)}` : address;
}

function amount(x: number): string {
  return x.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
