import type { Alert, ParsedAlertInput } from '../core/alert.js';
import { maxSeverity } from '../core/severity.js';
import type { AlertRepository } from '../store/types.js';

const DEFAULT_DEDUPE_CACHE_ENTRIES = 100_000;

/** Whether a new occurrence still folds into this alert: first seen within the window, and not closed. */
function absorbsRepeats(alert: Alert, since: number): boolean {
  return alert.firstSeenAt >= since && alert.status !== 'resolved' && alert.status !== 'false-positive';
}

/** The alert after folding one more occurrence into it: count + 1, last seen now, the worse severity and score. */
export function foldRepeat(
  open: Alert,
  repeat: Pick<ParsedAlertInput, 'severity' | 'score'>,
  now: number,
): Alert {
  return {
    ...open,
    count: open.count + 1,
    lastSeenAt: now,
    severity: maxSeverity(open.severity, repeat.severity),
    score: Math.max(open.score, repeat.score),
  };
}

/**
 * The newest alert per dedupe key, in memory, so that a repeat costs no store read. A key missing
 * here is looked up in the store (correct after a restart); a key present here is authoritative,
 * because every alert and status change of this pipeline passes through `remember`. Memory is
 * bounded: entries past the window are dropped as they age, and past `maxEntries` the oldest go.
 * Entries are whole alerts rather than just their counters so that a repeat can return, and
 * re-evaluate the policy against, the alert as stored without reading it back.
 *
 * This assumes one pipeline per store (or per dedupe key): a second process folding into the
 * same alerts would not be seen here.
 */
export class DedupeIndex {
  /** Insertion order is first-seen order, so the oldest entries are always at the front. */
  private readonly newest = new Map<string, Alert>();
  /**
   * Every alert first seen after this time is here (or was superseded here): alerts from before the
   * index existed, or evicted for room, are only in the store. A miss for a window starting after it
   * therefore needs no store read, which is most of the cost of a new alert.
   */
  private coveredAfter: number;

  constructor(
    private readonly alerts: AlertRepository,
    private readonly windowMs: number,
    private readonly maxEntries = DEFAULT_DEDUPE_CACHE_ENTRIES,
    createdAt = Number.POSITIVE_INFINITY,
  ) {
    this.coveredAfter = createdAt;
  }

  /**
   * Loads the open alerts of the current window from the store, so that after a restart a new alert
   * costs no store read either. Call it before the first lookup; until then misses go to the store.
   */
  async warm(now: number): Promise<void> {
    const since = now - this.windowMs;
    const newestFirst: Alert[] = [];
    const seen = new Set<string>();
    let complete = true;
    let cursor: string | undefined;
    do {
      const page = await this.alerts.list({
        status: ['open', 'acknowledged'],
        since,
        limit: 500,
        ...(cursor === undefined ? {} : { cursor }),
      });
      for (const alert of page.items) {
        if (alert.firstSeenAt < since || seen.has(alert.dedupeKey)) continue;
        if (newestFirst.length >= this.maxEntries) {
          complete = false;
          break;
        }
        seen.add(alert.dedupeKey);
        newestFirst.push(alert);
      }
      cursor = complete ? page.nextCursor : undefined;
    } while (cursor !== undefined);
    // The map is kept oldest first, for eviction.
    for (const alert of newestFirst.reverse()) {
      if (!this.newest.has(alert.dedupeKey)) this.newest.set(alert.dedupeKey, alert);
    }
    const oldestLoaded = newestFirst[0]?.firstSeenAt ?? since;
    this.coveredAfter = Math.min(this.coveredAfter, complete ? since - 1 : oldestLoaded);
  }

  /** The open alert an occurrence with this key folds into at `now`, or undefined when it starts a new one. */
  async openAlert(dedupeKey: string, now: number): Promise<Alert | undefined> {
    const since = now - this.windowMs;
    let alert = this.newest.get(dedupeKey);
    if (alert === undefined) {
      if (since > this.coveredAfter) return undefined;
      alert = await this.alerts.findByDedupeKey(dedupeKey, since);
      if (alert !== undefined) this.remember(alert, now);
    }
    return alert !== undefined && absorbsRepeats(alert, since) ? alert : undefined;
  }

  /** Records the current state of an alert just committed or changed through the pipeline. */
  remember(alert: Alert, now: number): void {
    const current = this.newest.get(alert.dedupeKey);
    // A newer alert for the key goes to the back; an update of the same alert keeps its place.
    if (current !== undefined && current.id !== alert.id) this.newest.delete(alert.dedupeKey);
    this.newest.set(alert.dedupeKey, alert);
    this.evict(now - this.windowMs);
  }

  /** Replaces a cached alert whose status changed; an alert not cached is read from the store when needed. */
  statusChanged(alert: Alert): void {
    if (this.newest.get(alert.dedupeKey)?.id === alert.id) this.newest.set(alert.dedupeKey, alert);
  }

  /** Drops what is cached for a key, e.g. when the store says its alert was closed elsewhere. */
  forget(dedupeKey: string): void {
    this.newest.delete(dedupeKey);
  }

  get size(): number {
    return this.newest.size;
  }

  private evict(since: number): void {
    for (const [key, alert] of this.newest) {
      if (this.newest.size <= this.maxEntries && alert.firstSeenAt >= since) return;
      // Dropped for room while still inside the window: from now on only the store knows it.
      if (alert.firstSeenAt >= since) this.coveredAfter = Math.max(this.coveredAfter, alert.firstSeenAt);
      this.newest.delete(key);
    }
  }
}
