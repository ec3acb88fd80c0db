import { abortableSleep } from '../../core/abortableSleep.js';
import type { Clock } from '../../core/clock.js';

/** Time and waiting, injected together so that rate limits and backoff are tested without real waits. */
export interface Sleeper extends Clock {
  /** Waits ms; resolves false instead when the signal aborts (an abort is how a run is stopped, not an error). */
  sleep(ms: number, signal: AbortSignal): Promise<boolean>;
}

export const systemSleeper: Sleeper = {
  now: () => Date.now(),
  sleep: abortableSleep,
};
