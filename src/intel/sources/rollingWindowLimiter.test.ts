import { describe, expect, it } from 'vitest';
import { FakeSleeper } from './fakeSleeper.fixture.js';
import { RollingWindowLimiter } from './rollingWindowLimiter.js';

const signal = new AbortController().signal;

/** The most starts that fall in any half-open window [t, t + windowMs). */
function busiestWindow(starts: number[], windowMs: number): number {
  let best = 0;
  for (const t of starts) best = Math.max(best, starts.filter((s) => s >= t && s < t + windowMs).length);
  return best;
}

describe('RollingWindowLimiter', () => {
  it('lets 5 requests through at once, then one more each time the oldest leaves the 30 s window', async () => {
    const clock = new FakeSleeper(1_000);
    const limiter = new RollingWindowLimiter(5, 30_000, clock);
    const starts: number[] = [];
    for (let i = 0; i < 12; i++) {
      expect(await limiter.acquire(signal)).toBe(true);
      starts.push(clock.now());
    }
    expect(starts).toEqual([
      1_000, 1_000, 1_000, 1_000, 1_000, 31_000, 31_000, 31_000, 31_000, 31_000, 61_000, 61_000,
    ]);
    expect(busiestWindow(starts, 30_000)).toBe(5);
  });

  it('never exceeds the limit in any rolling window when requests are spread out', async () => {
    const clock = new FakeSleeper(0);
    const limiter = new RollingWindowLimiter(5, 30_000, clock);
    const starts: number[] = [];
    // Work between requests takes 0 to 9 s, in a fixed pseudo-random pattern.
    for (let i = 0; i < 60; i++) {
      await limiter.acquire(signal);
      starts.push(clock.now());
      clock.advance(((i * 7919) % 10) * 1_000);
    }
    expect(busiestWindow(starts, 30_000)).toBeLessThanOrEqual(5);
    // ...and it does not wait needlessly: some window is full.
    expect(busiestWindow(starts, 30_000)).toBe(5);
  });

  it('allows 50 per window with an API key', async () => {
    const clock = new FakeSleeper(0);
    const limiter = new RollingWindowLimiter(50, 30_000, clock);
    for (let i = 0; i < 50; i++) await limiter.acquire(signal);
    expect(clock.now()).toBe(0);
    await limiter.acquire(signal);
    expect(clock.now()).toBe(30_000);
  });

  it('gives up waiting when aborted', async () => {
    const clock = new FakeSleeper(0);
    const limiter = new RollingWindowLimiter(1, 30_000, clock);
    const controller = new AbortController();
    expect(await limiter.acquire(controller.signal)).toBe(true);
    controller.abort();
    expect(await limiter.acquire(controller.signal)).toBe(false);
    expect(clock.sleeps).toEqual([]);
  });

  it('refuses a limit that makes no sense', () => {
    expect(() => new RollingWindowLimiter(0, 30_000, new FakeSleeper())).toThrow(RangeError);
  });
});
