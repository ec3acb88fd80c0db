interface Waiting<T, R> {
  unit: T;
  resolve(result: R): void;
  reject(error: unknown): void;
}

/**
 * Group commit: units submitted in the same turn of the event loop are written in one transaction,
 * and each submitter is answered only after that transaction has committed, so batching never
 * acknowledges what is not durable. A transaction costs far more than a row, so this is what lets
 * the embedded store keep up with bursts. When a batch fails, its units are retried one by one so
 * that one bad unit fails alone.
 */
export class GroupCommit<T, R> {
  private queue: Waiting<T, R>[] = [];
  private scheduled = false;

  constructor(
    private readonly write: (units: readonly T[]) => Promise<R>,
    private readonly maxBatch = 512,
  ) {}

  submit(unit: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ unit, resolve, reject });
      if (this.queue.length >= this.maxBatch) void this.flush();
      else if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  /** Units submitted and not yet written. */
  get pending(): number {
    return this.queue.length;
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    const batch = this.queue;
    if (batch.length === 0) return;
    this.queue = [];
    try {
      const result = await this.write(batch.map((w) => w.unit));
      for (const w of batch) w.resolve(result);
    } catch (error) {
      if (batch.length === 1) {
        batch[0]?.reject(error);
        return;
      }
      for (const w of batch) {
        try {
          w.resolve(await this.write([w.unit]));
        } catch (single) {
          w.reject(single);
        }
      }
    }
  }
}
