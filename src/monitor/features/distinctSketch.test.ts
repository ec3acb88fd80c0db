import { describe, expect, it } from 'vitest';
import { hashAddress } from './addressHash.js';
import { SKETCH_REGISTERS, sketchAdd, sketchEstimate } from './distinctSketch.js';

function estimateOf(items: string[]): number {
  const registers = new Uint8Array(3 * SKETCH_REGISTERS);
  const offset = SKETCH_REGISTERS;
  for (const item of items) sketchAdd(registers, offset, hashAddress(item));
  expect(registers.subarray(0, offset).every((r) => r === 0)).toBe(true);
  return sketchEstimate(registers, offset);
}

const hex = (i: number) => `0x${(i * 2654435761).toString(16).padStart(40, '0')}`;

describe('distinct sketch', () => {
  it('is 0 when empty and close to exact for a handful of items', () => {
    expect(estimateOf([])).toBe(0);
    expect(estimateOf(['acct1'])).toBeCloseTo(1, 1);
    const five = estimateOf(['a', 'b', 'c', 'd', 'e']);
    expect(five).toBeGreaterThan(4.5);
    expect(five).toBeLessThan(5.6);
  });

  it('ignores repeats', () => {
    const items = Array.from({ length: 50 }, (_, i) => hex(i));
    expect(estimateOf([...items, ...items, ...items])).toBe(estimateOf(items));
  });

  it('estimates 1,000 and 20,000 distinct items within 25 % (standard error 13 %)', () => {
    for (const n of [1000, 20_000]) {
      const estimate = estimateOf(Array.from({ length: n }, (_, i) => hex(i)));
      expect(Math.abs(estimate - n) / n, `n=${n} estimate=${estimate}`).toBeLessThan(0.25);
    }
  });

  it('reports whether a register grew, so callers can cache the estimate', () => {
    const registers = new Uint8Array(SKETCH_REGISTERS);
    const h = hashAddress('x');
    expect(sketchAdd(registers, 0, h)).toBe(true);
    expect(sketchAdd(registers, 0, h)).toBe(false);
  });
});
