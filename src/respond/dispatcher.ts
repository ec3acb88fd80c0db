import type { ActionRecord } from '../core/action.js';
import type { Alert } from '../core/alert.js';
import { type Clock, systemClock } from '../core/clock.js';
import type { ActionAttempt, Store } from '../store/types.js';
import type { ActionHandoff } from './actionHandoff.js';
import { type ActionContext, type ActionExecutor, PermanentActionError } from './actions/executor.js';
import { type ActionExecutors, DEFAULT_EXECUTORS } from './actions/registry.js';
import { retryPolicyFor } from './actions/retryPolicy.js';
import { applyAttempt, failedAttempt, succeededAttempt } from './attemptOutcome.js';
import { EventBus } from './eventBus.js';
import { GroupCommit } from './groupCommit.js';
import { consoleLogger, type LineWriter, type Logger, processStdout } from './logger.js';
import type { RespondConfig } from './types.js';

export interface DispatcherOptions {
  store: Store;
  respond: RespondConfig;
  bus?: EventBus;
  clock?: Clock;
  /** Source of the backoff jitter in [0, 1); Math.random by default. */
  random?: () => number;
  logger?: Logger;
  stdout?: LineWriter;
  fetch?: typeof fetch;
  /** Replaces executors by type, e.g. in tests. */
  executors?: Partial<ActionExecutors>;
  /**
   * How long a claimed action stays reserved for this worker. An action whose worker died is
   * attempted again once its lease has expired; by default the longest webhook timeout twice, and
   * at least a minute.
   */
  leaseMs?: number;
}

const MIN_LEASE_MS = 60_000;
/** Actions handed over in memory and not yet started, beyond which new ones go through the store. */
const MAX_READY = 10_000;

interface ReadyAction {
  action: ActionRecord;
  alert: Alert;
}

/**
 * The outbox worker: actions are committed with their alert, and this carries them out. It polls
 * for due actions every pollMs and is woken at once when the pipeline queues new ones; it runs up
 * to `concurrency` at a time and records every attempt, with its audit event, in the store. Actions
 * still pending when a process stops or dies are picked up by the next one that starts.
 */
export class Dispatcher implements ActionHandoff {
  private readonly store: Store;
  private readonly respond: RespondConfig;
  private readonly bus: EventBus;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly logger: Logger;
  private readonly executors: ActionExecutors;
  private readonly context: ActionContext;
  private readonly leaseMs: number;
  /** Actions executing: at most `concurrency`. */
  private readonly inFlight = new Set<Promise<unknown>>();
  /** Outcomes waiting for their group commit. */
  private readonly recording = new Set<Promise<void>>();
  /** Handed over by the pipeline, already leased to this process: run before anything is claimed. */
  private ready: ReadyAction[] = [];
  private readyHead = 0;
  /** Outcomes are recorded in groups, like ingests. */
  private readonly outcomes: GroupCommit<{ actionId: string; attempt: ActionAttempt }, void>;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  /** stop() was called: finish what is held, take nothing new. */
  private stopping = false;
  /** A claim loop is scheduled or running; there is never more than one. */
  private pumping: Promise<void> | undefined;
  /** Due actions may exist that have not been claimed yet. */
  private dirty = false;

  constructor(options: DispatcherOptions) {
    this.store = options.store;
    this.respond = options.respond;
    this.bus = options.bus ?? new EventBus();
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.logger = options.logger ?? consoleLogger;
    this.executors = { ...DEFAULT_EXECUTORS, ...options.executors };
    const timeouts = Object.values(options.respond.webhooks).map((e) => e.timeoutMs);
    this.leaseMs = options.leaseMs ?? Math.max(MIN_LEASE_MS, 2 * Math.max(0, ...timeouts));
    this.outcomes = new GroupCommit((batch) => this.store.actions.recordAttempts(batch));
    this.context = {
      store: options.store,
      respond: options.respond,
      clock: this.clock,
      logger: this.logger,
      stdout: options.stdout ?? processStdout,
      fetch: options.fetch ?? globalThis.fetch,
    };
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.timer = setInterval(() => this.wake(), this.respond.dispatcher.pollMs);
    this.wake();
  }

  /**
   * Stops claiming, carries out what was already handed over (it is leased to this process), and
   * waits for everything in flight to be recorded; unclaimed actions stay pending in the store.
   */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.stopping = true;
    clearInterval(this.timer);
    this.timer = undefined;
    await this.pumping;
    while (this.inFlight.size > 0 || this.readyHead < this.ready.length) {
      this.drainReady();
      await Promise.race(this.inFlight);
    }
    while (this.recording.size > 0) await Promise.all(this.recording);
    this.running = false;
    this.stopping = false;
  }

  leaseUntil(): number | undefined {
    if (!this.running || this.stopping || this.ready.length - this.readyHead >= MAX_READY) return undefined;
    return this.clock.now() + this.leaseMs;
  }

  take(actions: readonly ActionRecord[], alert: Alert): void {
    for (const action of actions) this.ready.push({ action, alert });
    this.drainReady();
  }

  /** New actions may be due: claim them on the next turn of the event loop rather than at the next poll. */
  wake(): void {
    this.dirty = true;
    this.schedule();
  }

  /** Claims the actions due now and carries them out; resolves when all are recorded. For tests and one-shot runs. */
  async runOnce(): Promise<number> {
    const claimed = await this.claim(this.respond.dispatcher.concurrency);
    await Promise.all(claimed.map((action) => this.attempt(action)));
    return claimed.length;
  }

  /** Puts a dead-lettered or failed action back in the queue (attempts start again from zero). */
  async retry(actionId: string, by: string): Promise<ActionRecord> {
    const action = await this.store.actions.requeue(actionId, this.clock.now(), by);
    this.bus.emit({ type: 'action-updated', action });
    this.wake();
    return action;
  }

  /** Starts handed-over actions while there is room; what is left waits for a slot to free. */
  private drainReady(): void {
    const { concurrency } = this.respond.dispatcher;
    while (this.running && this.readyHead < this.ready.length && this.inFlight.size < concurrency) {
      const next = this.ready[this.readyHead++] as ReadyAction;
      this.launch(next.action, next.alert);
    }
    if (this.readyHead === this.ready.length) {
      this.ready = [];
      this.readyHead = 0;
    }
  }

  private schedule(): void {
    this.drainReady();
    if (!this.running || this.stopping || this.pumping !== undefined || !this.dirty) return;
    if (this.inFlight.size >= this.respond.dispatcher.concurrency) return;
    this.pumping = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.pump());
  }

  private async pump(): Promise<void> {
    const { concurrency } = this.respond.dispatcher;
    try {
      while (this.running && !this.stopping && this.dirty && this.inFlight.size < concurrency) {
        this.dirty = false;
        const free = concurrency - this.inFlight.size;
        const claimed = await this.claim(free);
        for (const action of claimed) this.launch(action);
        if (claimed.length === free) this.dirty = true;
      }
    } finally {
      this.pumping = undefined;
    }
  }

  /**
   * A slot is held while the action executes, not while its outcome waits for its group commit: the
   * concurrency limit is about the receivers, and the store is fastest when many outcomes share one
   * transaction. Should the process die in between, the action runs again after its lease (at least
   * once; receivers drop the repeat by its idempotency key).
   */
  private launch(action: ActionRecord, alert?: Alert): void {
    const executing: Promise<ActionAttempt> = this.outcomeOf(action, alert);
    this.inFlight.add(executing);
    void executing.then((outcome) => {
      this.inFlight.delete(executing);
      const recording: Promise<void> = this.record(action, outcome).finally(() =>
        this.recording.delete(recording),
      );
      this.recording.add(recording);
      this.schedule();
    });
  }

  private async claim(limit: number): Promise<ActionRecord[]> {
    const now = this.clock.now();
    try {
      return await this.store.actions.claimDue(now, limit, now + this.leaseMs);
    } catch (error) {
      this.logger.error(`dispatcher: cannot claim due actions: ${(error as Error).message}; will try again`);
      return [];
    }
  }

  /** One attempt, recorded with its audit event; never throws. */
  private async attempt(action: ActionRecord, alert?: Alert): Promise<void> {
    await this.record(action, await this.outcomeOf(action, alert));
  }

  /** Carries the action out once and says how it went; never throws. */
  private async outcomeOf(action: ActionRecord, alert?: Alert): Promise<ActionAttempt> {
    try {
      const result = await this.execute(action, alert);
      return succeededAttempt(action, result, this.clock.now());
    } catch (error) {
      const retry = retryPolicyFor(action.spec, this.respond);
      const outcome = failedAttempt(action, error, this.clock.now(), retry, this.random);
      if (outcome.status !== 'pending') {
        this.logger.warn(`action ${action.id} (${action.type}): ${outcome.event.detail}`);
      }
      return outcome;
    }
  }

  /** Stores the outcome with its audit event, then tells listeners; never throws. */
  private async record(action: ActionRecord, outcome: ActionAttempt): Promise<void> {
    try {
      await this.outcomes.submit({ actionId: action.id, attempt: outcome });
      this.bus.emit({ type: 'action-updated', action: applyAttempt(action, outcome) });
    } catch (error) {
      this.logger.error(
        `action ${action.id}: cannot record attempt ${outcome.attempts}: ${(error as Error).message}; ` +
          'it will be attempted again when its lease expires',
      );
    }
  }

  private async execute(action: ActionRecord, handed?: Alert) {
    const alert = handed ?? (await this.store.alerts.get(action.alertId));
    if (alert === undefined) throw new PermanentActionError(`alert ${action.alertId} was not found`);
    // A row written by a newer version may name a type this one cannot carry out.
    const executor: ActionExecutor | undefined = this.executors[action.type];
    if (executor === undefined) {
      throw new PermanentActionError(`no executor for action type "${action.type}"`);
    }
    return executor.execute(action, alert, this.context);
  }
}
