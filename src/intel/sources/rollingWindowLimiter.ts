import type { Sleeper } from './sleeper.js';

/**
 * At most `limit` requests in any rolling window of `windowMs` (NVD: 5 per 30 s without a key, 50 with
 * one). It keeps the start times of the last `limit` requests and waits until the oldest leaves the
 * window. A refilling token bucket of the same capacity and rate would not do: it allows a full bucket
 * plus the refill within one window (9 requests in 30 s for 5 per 30 s), which the server counts as over.
 */
export class RollingWindowLimiter {
  private readonly starts: number[] = [];

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly sleeper: Sleeper,
  ) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new RangeError(`limit must be a positive integer, got ${limit}`);
    if (!(windowMs > 0)) throw new RangeError(`windowMs must be positive, got ${windowMs}`);
  }

  /** Waits for a free slot and takes it; false when the signal aborted first. */
  async acquire(signal: AbortSignal): Promise<boolean> {
    for (;;) {
      if (signal.aborted) return false;
      const now = this.sleeper.now();
      while (this.starts.length > 0 && (this.starts[0] as number) + this.windowMs <= now) this.starts.shift();
      if (this.starts.length < this.limit) {
        this.starts.push(now);
        return true;
      }
      const wait = (this.starts[0] as number) + this.windowMs - now;
      if (!(await this.sleeper.sleep(wait, signal))) return false;
    }
  }
}
