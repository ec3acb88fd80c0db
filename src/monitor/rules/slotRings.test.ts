import { describe, expect, it } from 'vitest';
import { densestWindow, SlotRings } from './slotRings.js';

function ringOf(width: number, pairs: [number, number][]): SlotRings {
  const rings = new SlotRings(width);
  rings.grow(2);
  rings.reset(1);
  for (const [t, v] of pairs) rings.insert(1, t, v);
  return rings;
}

function timesOf(rings: SlotRings, slot: number): number[] {
  return Array.from({ length: rings.count(slot) }, (_, k) => rings.times[rings.at(slot, k)] as number);
}

describe('SlotRings', () => {
  it('keeps pairs in time order whatever order they arrive in, wrapping around the ring', () => {
    const rings = ringOf(4, [
      [10, 1],
      [30, 1],
      [20, 1],
      [40, 1],
      [35, 1],
      [50, 1],
    ]);
    expect(timesOf(rings, 1)).toEqual([30, 35, 40, 50]);
  });

  it('drops a late pair older than everything a full ring keeps, and reports it', () => {
    const rings = ringOf(3, [
      [10, 1],
      [20, 1],
      [30, 1],
    ]);
    expect(rings.insert(1, 5, 1)).toBe(-1);
    expect(rings.insert(1, 15, 1)).toBe(0);
    expect(timesOf(rings, 1)).toEqual([15, 20, 30]);
  });

  it('keeps slots apart', () => {
    const rings = ringOf(3, [[10, 1]]);
    rings.reset(0);
    rings.insert(0, 99, 2);
    expect(timesOf(rings, 0)).toEqual([99]);
    expect(timesOf(rings, 1)).toEqual([10]);
  });
});

describe('densestWindow', () => {
  const out = { count: 0, sum: 0 };

  it('for the newest pair is the window ending at it, boundary included', () => {
    const rings = ringOf(8, [
      [0, 1],
      [5, 2],
      [10, 4],
      [11, 8],
    ]);
    expect(densestWindow(rings, 1, 3, 10, out)).toEqual({ count: 3, sum: 14 });
    expect(densestWindow(rings, 1, 3, 11, out)).toEqual({ count: 4, sum: 15 });
  });

  it('for an older pair also looks at windows reaching past it', () => {
    const rings = ringOf(8, [
      [0, 1],
      [5, 2],
      [14, 4],
      [15, 8],
    ]);
    // Windows holding t=5: [0,10] has 2 pairs, [5,15] has 3 worth 14.
    expect(densestWindow(rings, 1, 1, 10, out)).toEqual({ count: 3, sum: 14 });
  });
});
