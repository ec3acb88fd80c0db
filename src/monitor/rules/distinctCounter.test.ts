import { describe, expect, it } from 'vitest';
import { DistinctCounter } from './distinctCounter.js';

describe('DistinctCounter', () => {
  it('counts distinct strings, forgetting one only when all its additions are removed', () => {
    const c = new DistinctCounter();
    c.add('a');
    c.add('b');
    c.add('a');
    expect(c.size).toBe(2);
    c.remove('a');
    expect(c.size).toBe(2);
    c.remove('a');
    expect(c.list()).toEqual(['b']);
    c.remove('zzz');
    expect(c.size).toBe(1);
  });

  it('keeps counting right as it grows and empties again', () => {
    const c = new DistinctCounter();
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 40; i++) c.add(`k${i % 20}`);
      expect(c.size).toBe(20);
      expect(c.list()).toHaveLength(20);
      for (let i = 0; i < 20; i++) c.remove(`k${i}`);
      expect(c.size).toBe(20);
      for (let i = 0; i < 19; i++) c.remove(`k${i}`);
      expect(c.list()).toEqual(['k19']);
      c.remove('k19');
      expect(c.size).toBe(0);
    }
    c.add('x');
    c.clear();
    expect(c.size).toBe(0);
  });
});
