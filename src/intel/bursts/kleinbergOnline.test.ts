import { describe, expect, it } from 'vitest';
import { kleinbergBursts } from './kleinberg.js';
import { KleinbergMonitor, onlineDetection } from './kleinbergOnline.js';

const n = [10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10];
const d = [1, 1, 1, 1, 1, 1, 7, 7, 7, 1, 1, 1];

describe('KleinbergMonitor', () => {
  it('reports a burst the bucket it begins, once, and its end', () => {
    const monitor = new KleinbergMonitor();
    const steps = d.map((count, t) => monitor.push(count, n[t] as number));
    expect(steps.map((s) => s.started)).toEqual(steps.map((_, t) => t === 6));
    expect(steps.map((s) => s.inBurst)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
    expect(steps[6]?.burst).toMatchObject({ start: 6, end: 6, count: 7 });
  });

  it('agrees with a batch run on the same prefix', () => {
    const monitor = new KleinbergMonitor({ s: 3, gamma: 0.5 });
    d.forEach((count, t) => {
      const step = monitor.push(count, n[t] as number);
      const batch = kleinbergBursts(d.slice(0, t + 1), n.slice(0, t + 1), { s: 3, gamma: 0.5 });
      expect(step.inBurst).toBe(batch.states[t] === 1);
    });
  });
});

describe('onlineDetection', () => {
  it('finds a burst online at its first bucket when the jump is clear', () => {
    const { bursts } = kleinbergBursts(d, n);
    expect(bursts.map((b) => [b.start, b.end])).toEqual([[6, 8]]);
    expect(Array.from(onlineDetection(d, n, bursts))).toEqual([6]);
  });

  it('is late when the prefix alone cannot tell a burst from the base rate', () => {
    // Two buckets in, the prefix's own share is the burst rate, so nothing stands out until the base
    // period that follows pulls p0 down.
    const early = { n: [10, 10, 10, 10, 10, 10, 10, 10, 10, 10], d: [5, 5, 1, 1, 1, 1, 1, 1, 1, 1] };
    const { bursts } = kleinbergBursts(early.d, early.n);
    expect(bursts.map((b) => [b.start, b.end])).toEqual([[0, 1]]);
    const found = onlineDetection(early.d, early.n, bursts);
    expect(found[0]).toBeGreaterThan(1);
  });

  it('returns -1 for a burst no prefix shows, and nothing for no bursts', () => {
    expect(Array.from(onlineDetection(d, n, [{ start: 0, end: 1 }]))).toEqual([-1]);
    expect(Array.from(onlineDetection(d, n, []))).toEqual([]);
  });
});
