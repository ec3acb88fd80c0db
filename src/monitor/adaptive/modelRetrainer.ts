import type { Worker } from 'node:worker_threads';
import { parseParams } from '../../ml/model.js';
import { FEATURE_LAYOUT_VERSION, FEATURE_NAMES } from '../features/featureNames.js';
import type { ModelHolder } from './modelHolder.js';
import { MonitorModel, type MonitorModelOptions, MonitorModelOptionsSchema } from './monitorModel.js';
import type { RetrainReply, RetrainRequest } from './retrainJob.js';
import { spawnRetrainWorker } from './spawnRetrainWorker.js';
import type { TrainingWindow } from './trainingWindow.js';

export interface RetrainOutcome {
  model: MonitorModel;
  /** Rows the model was fitted on. */
  rows: number;
  /** Time the worker spent fitting and saving. */
  fitMs: number;
  /** The holder's generation after the swap. */
  generation: number;
}

export interface ModelRetrainerOptions {
  window: TrainingWindow;
  holder: ModelHolder<MonitorModel>;
  /** How each new model is fitted. */
  model?: MonitorModelOptions;
  /** Retrain after this many observed events; defaults to the window's capacity (a whole new window). */
  everyEvents?: number;
  /** ... or after this long, whichever comes first; 0 disables the timer. Default 10 minutes. */
  everyMs?: number;
  /** Skip a retrain while the window holds fewer rows than this. Default 1,000. */
  minRows?: number;
  /** A fit that takes longer is abandoned (the worker is terminated). Default 5 minutes. */
  timeoutMs?: number;
  onSwap?: (outcome: RetrainOutcome) => void;
  /** A failed retrain; the old model stays in place. */
  onError?: (error: Error) => void;
}

interface PendingJob {
  id: number;
  rows: number;
  settle: (reply: RetrainReply) => void;
}

function nonNegative(name: string, value: number): number {
  if (!(value >= 0) || !Number.isFinite(value)) throw new RangeError(`${name} must be >= 0, got ${value}`);
  return value;
}

/**
 * Keeps the monitor's model fresh without ever pausing scoring for a fit. Every N observed events or
 * T ms, whichever comes first, and never two at once, it copies the training window, transfers the
 * copy to a worker thread that fits a MonitorModel and posts it back saved; the main thread loads it
 * and swaps it into the holder with one assignment. A failed fit (bad data, a crash, a timeout) is
 * reported through onError and the old model stays.
 *
 * The worker is started on the first retrain and reused; it is unreferenced while idle so it never
 * keeps the process alive, and close() terminates it.
 */
export class ModelRetrainer {
  readonly everyEvents: number;
  readonly everyMs: number;
  readonly minRows: number;
  readonly timeoutMs: number;
  private readonly options: ModelRetrainerOptions;
  private worker: Worker | undefined;
  private pending: PendingJob | undefined;
  private timer: NodeJS.Timeout | undefined;
  private eventsSince = 0;
  private nextId = 1;
  private closed = false;
  private inFlight: Promise<unknown> | undefined;

  constructor(options: ModelRetrainerOptions) {
    // Bad fit options would fail every retrain in the worker; refuse them here instead.
    parseParams(MonitorModelOptionsSchema, options.model, 'monitor model options');
    this.options = options;
    this.everyEvents = nonNegative('everyEvents', options.everyEvents ?? options.window.capacity);
    this.everyMs = nonNegative('everyMs', options.everyMs ?? 10 * 60_000);
    this.minRows = nonNegative('minRows', options.minRows ?? 1_000);
    this.timeoutMs = nonNegative('timeoutMs', options.timeoutMs ?? 5 * 60_000);
    this.armTimer();
  }

  /** True while a retrain is in flight. */
  get busy(): boolean {
    return this.pending !== undefined;
  }

  /** True from the worker's start until its thread has exited. */
  get workerRunning(): boolean {
    return this.worker !== undefined;
  }

  /**
   * Adds one feature vector to the training window and retrains when N events have passed, or,
   * while there is no model at all, as soon as the window holds minRows (then at most once per
   * minRows events, so a first fit that keeps failing is not retried on every event).
   */
  observe(row: Float64Array): void {
    const { window, holder } = this.options;
    window.push(row);
    const events = ++this.eventsSince;
    if (this.pending) return;
    const due = this.everyEvents > 0 && events >= this.everyEvents;
    const firstModel = holder.current === undefined && events >= this.minRows && window.size >= this.minRows;
    if (due || firstModel) this.track(this.retrainNow());
  }

  /**
   * Retrains now unless one is already running, the window is too small, or the retrainer is
   * closed. Resolves with the swapped-in model, or undefined when it skipped or failed (a failure
   * is also reported to onError). Never rejects.
   */
  async retrainNow(): Promise<RetrainOutcome | undefined> {
    const { window } = this.options;
    if (this.closed || this.pending || window.size < this.minRows) return undefined;
    this.eventsSince = 0;
    this.armTimer();
    const snapshot = window.snapshot();
    const request: RetrainRequest = {
      id: this.nextId++,
      rows: snapshot.rows,
      cols: snapshot.cols,
      data: snapshot.data,
      options: this.options.model ?? {},
    };
    const reply = await this.run(request);
    if (this.closed) return undefined;
    if (!reply.ok) {
      this.report(new Error(`monitor model retraining failed: ${reply.error}`));
      return undefined;
    }
    let model: MonitorModel;
    try {
      model = MonitorModel.load(reply.saved, this.layout());
    } catch (error) {
      this.report(
        new Error(`retrained monitor model could not be loaded: ${messageOf(error)}`, { cause: error }),
      );
      return undefined;
    }
    // The one assignment that makes the new model live; everything before it built the model aside.
    try {
      this.options.holder.swap(model);
    } catch (error) {
      // A swap listener failed after the assignment: the new model is live, the listener's error reported.
      this.report(new Error(`a model swap listener failed: ${messageOf(error)}`, { cause: error }));
    }
    const outcome: RetrainOutcome = {
      model,
      rows: request.rows,
      fitMs: reply.fitMs,
      generation: this.options.holder.generation,
    };
    this.options.onSwap?.(outcome);
    return outcome;
  }

  /** Stops the timer and terminates the worker; an in-flight retrain is abandoned without a swap. */
  /** Retrains as soon as possible (drift was seen), unless one is already running. */
  requestRetrain(): void {
    if (!this.pending) this.track(this.retrainNow());
  }

  /** Resolves once no retrain is in flight: a replay that ends early can still save its first model. */
  async idle(): Promise<void> {
    while (this.inFlight) await this.inFlight;
  }

  private track(job: Promise<unknown>): void {
    const tracked = job.finally(() => {
      if (this.inFlight === tracked) this.inFlight = undefined;
    });
    this.inFlight = tracked;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const worker = this.worker;
    if (worker) await worker.terminate();
  }

  private run(request: RetrainRequest): Promise<RetrainReply> {
    return new Promise<RetrainReply>((resolve) => {
      let timeout: NodeJS.Timeout | undefined;
      const job: PendingJob = {
        id: request.id,
        rows: request.rows,
        settle: (reply) => {
          if (this.pending !== job) return;
          this.pending = undefined;
          if (timeout) clearTimeout(timeout);
          this.worker?.unref();
          resolve(reply);
        },
      };
      this.pending = job;
      let worker: Worker;
      try {
        worker = this.ensureWorker();
      } catch (error) {
        job.settle({
          id: job.id,
          ok: false,
          error: `could not start the retrain worker: ${messageOf(error)}`,
        });
        return;
      }
      if (this.timeoutMs > 0) {
        timeout = setTimeout(() => {
          job.settle({ id: job.id, ok: false, error: `fit took longer than ${this.timeoutMs} ms` });
          void worker.terminate();
        }, this.timeoutMs);
        timeout.unref();
      }
      // Referenced while working, so the process waits for the model it asked for.
      worker.ref();
      worker.postMessage(request, [request.data.buffer as ArrayBuffer]);
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = spawnRetrainWorker();
    worker.on('message', (reply: RetrainReply) => {
      if (this.pending?.id === reply.id) this.pending.settle(reply);
    });
    worker.on('error', (error) => {
      const job = this.pending;
      if (job) job.settle({ id: job.id, ok: false, error: `the retrain worker crashed: ${error.message}` });
      else if (!this.closed)
        this.report(new Error(`the retrain worker crashed: ${error.message}`, { cause: error }));
    });
    worker.on('exit', (code) => {
      if (this.worker === worker) this.worker = undefined;
      const job = this.pending;
      if (job) job.settle({ id: job.id, ok: false, error: `the retrain worker exited with code ${code}` });
    });
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private armTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.closed || this.everyMs === 0) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      // Nothing new since the last model: retraining would reproduce it.
      if (this.eventsSince > 0 && !this.pending) this.track(this.retrainNow());
      if (!this.timer) this.armTimer();
    }, this.everyMs);
    this.timer.unref();
  }

  private layout(): { featureNames: readonly string[]; layoutVersion: number } {
    const model = this.options.model;
    return {
      featureNames: model?.featureNames ?? FEATURE_NAMES,
      layoutVersion: model?.layoutVersion ?? FEATURE_LAYOUT_VERSION,
    };
  }

  private report(error: Error): void {
    if (this.options.onError) this.options.onError(error);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
