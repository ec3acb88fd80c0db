import { abortableSleep } from '../../core/abortableSleep.js';

/** 'max' replays as fast as it can; 'recorded' keeps the recorded gaps; a number n replays n times as fast. */
export type ReplaySpeed = 'max' | 'recorded' | number;

/** Time as the pacer sees it; tests pass a fake one so they never wait on the wall clock. */
export interface ReplayClock {
  now(): number;
  sleep(ms: number, signal: AbortSignal): Promise<boolean>;
}

export const systemClock: ReplayClock = { now: () => performance.now(), sleep: abortableSleep };

/**
 * Spaces events out by their recorded times. It keeps an absolute schedule (first event at the start,
 * each later one at start + gap/factor) so timer lateness does not add up over a long replay; a gap is
 * capped at maxGapMs so a quiet night in the data does not stall the replay, and an event older than
 * the newest one seen plays at once.
 */
export class ReplayPacer {
  private readonly factor: number;
  private readonly maxGapMs: number;
  private readonly clock: ReplayClock;
  private startedAt = 0;
  private lastEventTime: number | undefined;
  private scheduledMs = 0;

  constructor(speed: Exclude<ReplaySpeed, 'max'>, maxGapMs = Number.POSITIVE_INFINITY, clock = systemClock) {
    this.factor = speed === 'recorded' ? 1 : speed;
    if (!(this.factor > 0) || !Number.isFinite(this.factor)) {
      throw new RangeError(`replay speed must be a positive number, got ${speed}`);
    }
    this.maxGapMs = maxGapMs;
    this.clock = clock;
  }

  /** Resolves when the event is due; false when the signal aborted the wait. */
  async waitFor(eventTime: number, signal: AbortSignal): Promise<boolean> {
    if (this.lastEventTime === undefined) {
      this.lastEventTime = eventTime;
      this.startedAt = this.clock.now();
      return !signal.aborted;
    }
    if (eventTime > this.lastEventTime) {
      this.scheduledMs += Math.min((eventTime - this.lastEventTime) / this.factor, this.maxGapMs);
      this.lastEventTime = eventTime;
    }
    const wait = this.startedAt + this.scheduledMs - this.clock.now();
    if (wait < 1) return !signal.aborted;
    return this.clock.sleep(wait, signal);
  }
}
