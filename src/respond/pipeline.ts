import type { ActionRecord } from '../core/action.js';
import { type Alert, type AlertStatusChange, dedupeKeyOf, type ParsedAlertInput } from '../core/alert.js';
import { type Clock, systemClock } from '../core/clock.js';
import { NotFoundError, ValidationError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import { KeyedSerializer } from '../core/keyedSerializer.js';
import { severityRank } from '../core/severity.js';
import { AlertClosedError } from '../store/alertClosedError.js';
import type { PipelineUnit, Store } from '../store/types.js';
import type { ActionHandoff } from './actionHandoff.js';
import { actionRecordsFor } from './actionRecords.js';
import { parseAlertInput } from './alertInput.js';
import { DedupeIndex, foldRepeat } from './dedupe.js';
import { EventBus } from './eventBus.js';
import { GroupCommit } from './groupCommit.js';
import { consoleLogger, type Logger } from './logger.js';
import { dryRunPolicy } from './policy/dryRunPolicy.js';
import { actionsOf, matchingRules, rulesNewlyMatching } from './policy/evaluatePolicy.js';
import type { Policy } from './policy/policy.js';
import type {
  AlertPipeline,
  BatchIngestResult,
  IngestResult,
  PipelineListener,
  PolicyDryRun,
  RejectedInput,
  RespondConfig,
} from './types.js';

export interface PipelineOptions {
  store: Store;
  config: RespondConfig;
  policy: Policy;
  clock?: Clock;
  bus?: EventBus;
  logger?: Logger;
  /** Called after actions are committed unleased, so the dispatcher polls now rather than at its next tick. */
  onActionsQueued?: () => void;
  /** Hands committed actions straight to a running dispatcher (see ActionHandoff). */
  handoff?: ActionHandoff;
  /** Bound on the in-memory dedupe index; 100,000 alerts by default. */
  dedupeCacheEntries?: number;
}

class Pipeline implements AlertPipeline {
  private readonly store: Store;
  private readonly config: RespondConfig;
  private readonly policy: Policy;
  private readonly clock: Clock;
  private readonly bus: EventBus;
  private readonly logger: Logger;
  private readonly onActionsQueued: () => void;
  private readonly handoff: ActionHandoff | undefined;
  private readonly index: DedupeIndex;
  /** The dedupe index loading the window's open alerts; lookups wait for it. */
  private readonly warming: Promise<void>;
  /** Alerts and their actions are committed in groups; each ingest resolves after its group committed. */
  private readonly commits: GroupCommit<PipelineUnit, { leased: boolean }>;
  /** Ingests and status changes of one dedupe key run one at a time, so a key never gets two open alerts. */
  private readonly perKey = new KeyedSerializer();

  constructor(options: PipelineOptions) {
    this.store = options.store;
    this.config = options.config;
    this.policy = options.policy;
    this.clock = options.clock ?? systemClock;
    this.bus = options.bus ?? new EventBus();
    this.logger = options.logger ?? consoleLogger;
    this.onActionsQueued = options.onActionsQueued ?? (() => {});
    this.handoff = options.handoff;
    this.commits = new GroupCommit(async (units) => {
      const leaseUntil = this.handoff?.leaseUntil();
      await this.store.pipeline.commitBatch(units, leaseUntil);
      return { leased: leaseUntil !== undefined };
    });
    this.index = new DedupeIndex(
      options.store.alerts,
      options.config.dedupeWindowMs,
      options.dedupeCacheEntries,
      this.clock.now(),
    );
    this.warming = this.index.warm(this.clock.now()).catch((error: unknown) => {
      // Not fatal: without the warm index every miss is looked up in the store instead.
      this.logger.warn(`dedupe index not preloaded: ${(error as Error).message}`);
    });
  }

  ingest(input: unknown): Promise<IngestResult> {
    let parsed: ParsedAlertInput;
    try {
      parsed = parseAlertInput(input);
    } catch (error) {
      return Promise.reject(error);
    }
    const key = dedupeKeyOf(parsed);
    return this.perKey.run(key, () => this.fold(parsed, key));
  }

  async ingestBatch(inputs: readonly unknown[]): Promise<BatchIngestResult> {
    const settled = await Promise.allSettled(inputs.map((input) => this.ingest(input)));
    const accepted: IngestResult[] = [];
    const rejected: RejectedInput[] = [];
    settled.forEach((outcome, index) => {
      if (outcome.status === 'fulfilled') accepted.push(outcome.value);
      else rejected.push({ index, errors: this.rejectionErrors(index, outcome.reason) });
    });
    return { accepted, rejected };
  }

  dryRun(input: unknown): PolicyDryRun {
    return dryRunPolicy(this.policy, input);
  }

  async setStatus(change: AlertStatusChange): Promise<Alert> {
    const current = await this.store.alerts.get(change.alertId);
    if (current === undefined) throw new NotFoundError('alert', change.alertId);
    // Serialised with ingests of the same key, so a repeat folding in concurrently cannot bring back the old status.
    const alert = await this.perKey.run(current.dedupeKey, () => this.store.alerts.setStatus(change));
    this.index.statusChanged(alert);
    this.bus.emit({ type: 'alert-updated', alert });
    return alert;
  }

  subscribe(listener: PipelineListener): () => void {
    return this.bus.subscribe(listener);
  }

  /** Decides new alert or repeat, orders the policy's actions and commits both in one unit of work. */
  private async fold(input: ParsedAlertInput, dedupeKey: string): Promise<IngestResult> {
    await this.warming;
    const now = this.clock.now();
    const open = await this.index.openAlert(dedupeKey, now);
    return open === undefined ? this.createAlert(input, dedupeKey, now) : this.repeatAlert(open, input, now);
  }

  private async createAlert(input: ParsedAlertInput, dedupeKey: string, now: number): Promise<IngestResult> {
    const alert: Alert = {
      ...input,
      id: newId('alt', now),
      dedupeKey,
      occurredAt: input.occurredAt ?? now,
      firstSeenAt: now,
      lastSeenAt: now,
      count: 1,
      status: 'open',
    };
    const actions = actionRecordsFor(
      alert.id,
      actionsOf(matchingRules(this.policy, alert)),
      this.config,
      now,
    );
    const { leased } = await this.commits.submit({ kind: 'new', alert, actions });
    this.index.remember(alert, now);
    this.bus.emit({ type: 'alert-created', alert });
    this.queued(actions, alert, leased);
    return { alert, outcome: 'created', actions };
  }

  /**
   * A repeat orders actions only when it raises the alert's severity, and then only those of rules
   * that match now but did not match before: responses already ordered are not ordered again.
   */
  private async repeatAlert(open: Alert, input: ParsedAlertInput, now: number): Promise<IngestResult> {
    const alert = foldRepeat(open, input, now);
    const escalated = severityRank(alert.severity) > severityRank(open.severity);
    const ordered = escalated ? actionsOf(rulesNewlyMatching(this.policy, open, alert)) : [];
    const actions = actionRecordsFor(alert.id, ordered, this.config, now);
    const { id: alertId, count, lastSeenAt, severity, score } = alert;
    const repeat = { alertId, count, lastSeenAt, severity, score };
    let leased: boolean;
    try {
      ({ leased } = await this.commits.submit({ kind: 'repeat', repeat, actions }));
    } catch (error) {
      if (!(error instanceof AlertClosedError)) throw error;
      // Closed by another process since it was cached: this occurrence starts a new alert.
      this.index.forget(open.dedupeKey);
      return this.createAlert(input, open.dedupeKey, now);
    }
    this.index.remember(alert, now);
    this.bus.emit({ type: 'alert-updated', alert });
    this.queued(actions, alert, leased);
    return { alert, outcome: 'deduplicated', actions };
  }

  private queued(actions: readonly ActionRecord[], alert: Alert, leased: boolean): void {
    if (actions.length === 0) return;
    for (const action of actions) this.bus.emit({ type: 'action-updated', action });
    if (leased && this.handoff) this.handoff.take(actions, alert);
    else this.onActionsQueued();
  }

  /** Bad input lists its fields; anything else (the store failing) is logged and reported as one error. */
  private rejectionErrors(index: number, reason: unknown): RejectedInput['errors'] {
    if (reason instanceof ValidationError) return reason.issues;
    const message = reason instanceof Error ? reason.message : String(reason);
    this.logger.error(`ingestBatch: item ${index} was not stored: ${message}`);
    return [{ path: '', message: `not stored: ${message}` }];
  }
}

/** The one door every detector's alerts go through: validate, deduplicate, store, order responses. */
export function createPipeline(options: PipelineOptions): AlertPipeline {
  return new Pipeline(options);
}
