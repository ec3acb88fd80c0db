import { describe, expect, it } from 'vitest';
import { OnlineTaint } from './onlineTaint.js';

const S = 0; // labelled source
const C = 1; // clean funder
const A = 2;
const B = 3;
const X = 4;

describe('OnlineTaint', () => {
  it('carries the dirty share of a mixed inflow forward (haircut), weighted by the source', () => {
    const taint = new OnlineTaint({ maxHops: 3, hubInDegree: 0 });
    taint.markSource(S, 0.9);
    taint.onTransfer(S, A, 10);
    taint.onTransfer(C, A, 30);
    // A: 10 of 40 came from a 0.9 source.
    expect(taint.estimate(A)).toBeCloseTo((0.9 * 10) / 40, 12);
    taint.onTransfer(A, B, 8);
    expect(taint.estimate(B)).toBeCloseTo((0.9 * 10) / 40, 12);
    expect(taint.hopsFromSource(B)).toBe(2);
    expect(taint.estimate(S)).toBeCloseTo(0.9, 6);
  });

  it('follows only time-respecting flows: funds a node sent before it was tainted stay clean', () => {
    const taint = new OnlineTaint({ maxHops: 3, hubInDegree: 0 });
    taint.markSource(S, 1);
    taint.onTransfer(C, A, 5);
    taint.onTransfer(A, X, 5);
    taint.onTransfer(S, A, 5);
    expect(taint.estimate(X)).toBe(0);
    expect(taint.hopsFromSource(X)).toBeUndefined();
    expect(taint.estimate(A)).toBeCloseTo(0.5, 12);
  });

  it('keeps a poison floor within maxHops even when the traced value is tiny', () => {
    const taint = new OnlineTaint({ maxHops: 2, hubInDegree: 0 });
    taint.markSource(S, 1);
    taint.onTransfer(C, A, 1_000_000);
    taint.onTransfer(S, A, 1);
    // Haircut ~1e-6, poison floor one hop away 0.1.
    expect(taint.estimate(A)).toBeCloseTo(0.1, 12);
    taint.onTransfer(A, B, 10);
    expect(taint.estimate(B)).toBeCloseTo(0.05, 12);
    // Three hops: past maxHops, only the (tiny) haircut is left.
    taint.onTransfer(B, X, 10);
    expect(taint.hopsFromSource(X)).toBeUndefined();
    expect(taint.estimate(X)).toBeLessThan(1e-5);
  });

  it('does not pass poison through a hub, but its haircut still dilutes onward', () => {
    const taint = new OnlineTaint({ maxHops: 3, hubInDegree: 2 });
    taint.markSource(S, 1);
    const hub = 10;
    taint.onTransfer(S, hub, 1);
    for (let i = 0; i < 3; i++) taint.onTransfer(20 + i, hub, 99);
    taint.onTransfer(hub, X, 50);
    expect(taint.hopsFromSource(hub)).toBe(1);
    expect(taint.hopsFromSource(X)).toBeUndefined();
    expect(taint.estimate(X)).toBeCloseTo(1 / 298, 12);
  });

  it('grows with node ids and answers 0 for nodes it never saw', () => {
    const taint = new OnlineTaint({ maxHops: 3, hubInDegree: 0 });
    taint.markSource(5_000, 1);
    taint.onTransfer(5_000, 9_000, 1);
    expect(taint.estimate(9_000)).toBe(1);
    expect(taint.estimate(123_456)).toBe(0);
    expect(taint.estimate(-1)).toBe(0);
    expect(taint.isSource(5_000)).toBe(true);
  });
});
