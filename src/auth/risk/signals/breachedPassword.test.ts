import { describe, expect, it } from 'vitest';
import { breachedPasswordSignal } from './breachedPassword.js';
import { context } from './signalContext.fixture.js';

describe('breachedPassword signal', () => {
  it('is 0.6 for one sighting, +0.1 per factor of ten, 1 from 10,000', () => {
    const at = (count: number) =>
      breachedPasswordSignal.evaluate(context({ breach: { checked: true, count } })).strength;
    expect(at(1)).toBeCloseTo(0.6, 9);
    expect(at(100)).toBeCloseTo(0.8, 9);
    expect(at(10_000)).toBeCloseTo(1, 9);
    expect(at(52_256_179)).toBe(1);
    expect(at(0)).toBe(0);
  });
  it('says why it did not check', () => {
    const r = breachedPasswordSignal.evaluate(
      context({ breach: { checked: false, why: 'no passwordSha1 given' } }),
    );
    expect(r).toEqual({ strength: 0, detail: 'no passwordSha1 given' });
  });
});
