import { setTimeout as delay } from 'node:timers/promises';

/**
 * Waits ms milliseconds; resolves false instead of waiting on when the signal aborts, so a loop can end
 * quietly (an abort is how a source is told to stop, not an error).
 */
export async function abortableSleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return false;
  try {
    await delay(ms, undefined, { signal });
    return true;
  } catch (err) {
    if (signal.aborted) return false;
    throw err;
  }
}
