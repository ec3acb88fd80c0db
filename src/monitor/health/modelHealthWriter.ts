import type { ModelHealthCheck } from '../../store/types.js';

/** Where model-health rows go: the store's modelHealth.recordMany in production, an array in tests. */
export type ModelHealthSink = (checks: readonly ModelHealthCheck[]) => Promise<void>;

export interface ModelHealthWriterOptions {
  /** A row waits at most this long before it is written. Default 1 s. */
  delayMs?: number;
  /** This many waiting rows are written at once without waiting for the delay. Default 100. */
  maxBatch?: number;
  /** Beyond this many waiting rows (a store that stalls) the oldest are dropped. Default 10,000. */
  maxWaiting?: number;
  /** A batch the sink refused or lost; the rows are not retried (the next checks describe the model anyway). */
  onError?: (error: Error, rows: number) => void;
}

/**
 * Takes model-health rows from the monitor's hot path without waiting: add() only buffers, and a
 * timer (unreferenced, so it never keeps the process alive) or a full batch hands them to the sink,
 * one batch at a time and in order. flush() writes what is waiting and resolves when it is stored.
 */
export class ModelHealthWriter {
  private readonly delayMs: number;
  private readonly maxBatch: number;
  private readonly maxWaiting: number;
  private waiting: ModelHealthCheck[] = [];
  private timer: NodeJS.Timeout | undefined;
  private immediate: NodeJS.Immediate | undefined;
  private writing: Promise<void> = Promise.resolve();
  private droppedRows = 0;

  constructor(
    private readonly sink: ModelHealthSink,
    private readonly options: ModelHealthWriterOptions = {},
  ) {
    this.delayMs = options.delayMs ?? 1_000;
    this.maxBatch = options.maxBatch ?? 100;
    this.maxWaiting = options.maxWaiting ?? 10_000;
  }

  /** Rows dropped because too many were waiting. */
  get dropped(): number {
    return this.droppedRows;
  }

  add(check: ModelHealthCheck): void {
    if (this.waiting.length >= this.maxWaiting) {
      this.waiting.shift();
      this.droppedRows++;
    }
    this.waiting.push(check);
    if (this.waiting.length >= this.maxBatch) {
      this.immediate ??= setImmediate(() => void this.flush());
    } else if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), this.delayMs);
      this.timer.unref();
    }
  }

  /** Hands what is waiting to the sink; resolves once it and every earlier batch are written (or failed). */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.immediate) clearImmediate(this.immediate);
    this.immediate = undefined;
    const batch = this.waiting;
    if (batch.length > 0) {
      this.waiting = [];
      // Caught on the chain itself, so a sink that throws instead of rejecting cannot stop later batches.
      this.writing = this.writing
        .then(() => this.sink(batch))
        .catch((error: unknown) => {
          const err = error instanceof Error ? error : new Error(String(error));
          this.options.onError?.(err, batch.length);
        });
    }
    return this.writing;
  }
}
