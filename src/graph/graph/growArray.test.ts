import { describe, expect, it } from 'vitest';
import { grownTo } from './growArray.js';

describe('grownTo', () => {
  it('keeps the array when it is big enough', () => {
    const a = new Int32Array(20);
    expect(grownTo(a, 20)).toBe(a);
  });

  it('doubles into the same kind of array and keeps the contents', () => {
    const a = new Float64Array([1.5, 2.5]);
    const b = grownTo(a, 40);
    expect(b).toBeInstanceOf(Float64Array);
    expect(b.length).toBe(64);
    expect([b[0], b[1], b[2]]).toEqual([1.5, 2.5, 0]);
  });
});
