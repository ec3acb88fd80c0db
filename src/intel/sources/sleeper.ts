import { setTimeout as delay } from 'node:timers/promises';
import type { Clock } from '../../core/clock.js';

/** Time and waiting, injected together so that rate limits and backoff are tested without real waits. */
export interface Sleeper extends Clock {
  /** Waits ms; resolves false instead when the signal aborts (an abort is how a run is stopped, not an error). */
  sleep(ms: number, signal: AbortSignal): Promise<boolean>;
}

export const systemSleeper: Sleeper = {
  now: () => Date.now(),
  async sleep(ms, signal) {
    if (signal.aborted) return false;
    try {
      await delay(ms, undefined, { signal });
      return true;
    } catch (err) {
      if (signal.aborted) return false;
      throw err;
    }
  },
};
