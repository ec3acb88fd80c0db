import type { AuthDecisionRecord, AuthDecisionRepository } from '../store/types.js';

export interface AuthDecisionLogOptions {
  repo: Pick<AuthDecisionRepository, 'append'>;
  /** Records written per append, and the count that triggers a write at once (default 100). */
  batchSize?: number;
  /** Longest a record waits for its write when fewer than batchSize are waiting, ms (default 1000). */
  flushMs?: number;
  /**
   * Records held while the store refuses them (default 50,000); past it new records are refused,
   * and said so, rather than the process growing without bound or older accepted records being dropped.
   */
  maxPending?: number;
  /** Longest wait between retries while the store keeps failing, ms (default 30 s). */
  maxRetryMs?: number;
  onError(error: unknown, during: string): void;
}

/**
 * Writes risk decisions to the store in small batches: one append per batch instead of one insert
 * per login keeps the store off the assess path. A record it accepted is written or kept for the next
 * try (a failed batch goes back to the front, retried with backoff); close() writes what is left.
 */
export class AuthDecisionLog {
  private readonly batchSize: number;
  private readonly flushMs: number;
  private readonly maxPending: number;
  private readonly maxRetryMs: number;
  private pending: AuthDecisionRecord[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private chain: Promise<void> = Promise.resolve();
  private failures = 0;
  private refusing = false;
  private closed = false;
  /** Records refused because maxPending were waiting or the log was closed. */
  refused = 0;
  /** Records written so far. */
  written = 0;

  constructor(private readonly options: AuthDecisionLogOptions) {
    this.batchSize = options.batchSize ?? 100;
    this.flushMs = options.flushMs ?? 1_000;
    this.maxPending = options.maxPending ?? 50_000;
    this.maxRetryMs = options.maxRetryMs ?? 30_000;
  }

  /** Records waiting for their write. */
  get size(): number {
    return this.pending.length;
  }

  /** Queues one record; false when it was refused (log closed, or maxPending waiting). */
  add(record: AuthDecisionRecord): boolean {
    if (this.closed || this.pending.length >= this.maxPending) {
      this.refused++;
      // One message per episode: a store that is down must not also flood the log.
      if (!this.refusing) {
        this.refusing = true;
        this.options.onError(
          new Error(
            this.closed
              ? `auth decision ${record.id} arrived after the decision log was closed: not recorded`
              : `${this.pending.length} auth decisions are waiting for the store: new ones are not recorded until it takes them`,
          ),
          'decision log',
        );
      }
      return false;
    }
    this.refusing = false;
    this.pending.push(record);
    if (this.pending.length >= this.batchSize && this.failures === 0) void this.flush();
    else this.schedule(this.failures === 0 ? this.flushMs : this.retryDelay());
    return true;
  }

  /** Writes everything waiting now; resolves once done (failures go to onError and stay queued). */
  flush(): Promise<void> {
    this.clearTimer();
    this.chain = this.chain.then(() => this.writeAll());
    return this.chain;
  }

  /** Writes what is left and refuses records from now on; returns how many could not be written. */
  async close(): Promise<number> {
    this.closed = true;
    await this.flush();
    this.clearTimer();
    const left = this.pending.length;
    if (left > 0) {
      this.options.onError(
        new Error(`${left} auth decisions could not be written before closing: they are lost`),
        'decision log',
      );
    }
    return left;
  }

  private async writeAll(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending.slice(0, this.batchSize);
      try {
        await this.options.repo.append(batch);
      } catch (error) {
        this.failures++;
        this.options.onError(
          error,
          `writing ${batch.length} auth decisions (${this.pending.length} waiting)`,
        );
        if (!this.closed) this.schedule(this.retryDelay());
        return;
      }
      // Records added while the append ran sit behind the batch: only the batch leaves.
      this.pending.splice(0, batch.length);
      this.written += batch.length;
      this.failures = 0;
    }
  }

  private retryDelay(): number {
    return Math.min(this.maxRetryMs, this.flushMs * 2 ** Math.min(this.failures, 20));
  }

  private schedule(ms: number): void {
    if (this.timer !== undefined || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, ms);
    // Pending writes must not keep a finished CLI alive; close() writes them.
    this.timer.unref?.();
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
