import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../core/errors.js';
import { EwmaBurstDetector, ewmaBursts } from './ewmaZScore.js';

describe('EwmaBurstDetector', () => {
  it('starts a burst at the bucket whose z crosses 3, with the numbers worked by hand', () => {
    const detector = new EwmaBurstDetector();
    const steps = [2, 2, 2, 2, 10, 10, 2].map((c) => detector.update(c));
    expect(Number.isNaN(steps[0]?.z)).toBe(true);
    expect(steps.slice(1, 4).map((s) => s.z)).toEqual([0, 0, 0]);
    // Bucket 4: mean 2, variance 0 floored at the mean 2, so z = 8 / sqrt(2).
    expect(steps[4]).toMatchObject({ mean: 2, started: true, inBurst: true });
    expect(steps[4]?.z).toBeCloseTo(8 / Math.SQRT2, 12);
    // Then mean 2 + 0.1 * 8 = 2.8, variance 0.9 * (0 + 8 * 0.8) = 5.76: z = 7.2 / 2.4 = 3 >= exitZ.
    expect(steps[5]?.mean).toBeCloseTo(2.8, 12);
    expect(steps[5]?.sd).toBeCloseTo(2.4, 12);
    expect(steps[5]).toMatchObject({ started: false, inBurst: true });
    // Mean 3.52, variance 0.9 * (5.76 + 7.2 * 0.72) = 9.8496: z = -1.52 / 3.1384... ends it.
    expect(steps[6]?.z).toBeCloseTo(-1.52 / Math.sqrt(9.8496), 12);
    expect(steps[6]).toMatchObject({ started: false, inBurst: false });
  });

  it('tells the count that would start a burst in the open bucket', () => {
    const detector = new EwmaBurstDetector();
    expect(detector.startThreshold()).toBe(Number.POSITIVE_INFINITY);
    for (const c of [2, 2, 2, 2]) detector.update(c);
    expect(detector.startThreshold()).toBeCloseTo(2 + 3 * Math.SQRT2, 12);
    expect(new EwmaBurstDetector().update(0).started).toBe(false);
    const copy = new EwmaBurstDetector();
    for (const c of [2, 2, 2, 2]) copy.update(c);
    expect(copy.update(6).started).toBe(false);
    const other = new EwmaBurstDetector();
    for (const c of [2, 2, 2, 2]) other.update(c);
    expect(other.update(7).started).toBe(true);
    expect(other.startThreshold()).toBe(Number.POSITIVE_INFINITY);
  });

  it('needs the minimum count and the warm-up, however large z is', () => {
    const quiet = ewmaBursts([0, 0, 0, 0, 0, 2, 0, 3]);
    expect(quiet.z[5]).toBeCloseTo(2 / Math.sqrt(0.1), 12);
    expect(quiet.bursts.map((b) => b.start)).toEqual([7]);
    expect(ewmaBursts([0, 9, 9, 0, 0]).bursts).toEqual([]);
    expect(ewmaBursts([0, 9, 0, 0, 0], { warmup: 1 }).bursts.map((b) => b.start)).toEqual([1]);
  });

  it('rejects a negative count and impossible options', () => {
    expect(() => new EwmaBurstDetector().update(-1)).toThrow(ValidationError);
    expect(() => new EwmaBurstDetector({ alpha: 0 })).toThrow(RangeError);
    expect(() => new EwmaBurstDetector({ threshold: 2, exitZ: 3 })).toThrow(RangeError);
  });
});

describe('ewmaBursts', () => {
  it('returns each burst with its extent, documents, baseline and z', () => {
    const { bursts } = ewmaBursts([2, 2, 2, 2, 10, 10, 2, 2, 2, 2]);
    expect(bursts).toHaveLength(1);
    expect(bursts[0]).toMatchObject({ start: 4, end: 5, count: 20, baseline: 2 });
    expect(bursts[0]?.startZ).toBeCloseTo(8 / Math.SQRT2, 12);
    expect(bursts[0]?.peakZ).toBeCloseTo(8 / Math.SQRT2, 12);
  });

  it('lets a lasting new level become the baseline instead of one endless burst', () => {
    const counts = [...Array(10).fill(1), ...Array(60).fill(8)];
    const { bursts } = ewmaBursts(counts);
    expect(bursts).toHaveLength(1);
    expect(bursts[0]?.start).toBe(10);
    expect(bursts[0]?.end).toBeLessThan(40);
  });
});
