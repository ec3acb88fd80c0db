import { describe, expect, it } from 'vitest';
import { CappedMap } from './cappedMap.js';

describe('CappedMap', () => {
  it('forgets the least recently used entry when full', () => {
    const m = new CappedMap<string, number>(2);
    m.set('a', 1).set('b', 2);
    expect(m.get('a')).toBe(1); // a is now the most recent
    m.set('c', 3);
    expect(m.has('b')).toBe(false);
    expect(m.peek('a')).toBe(1);
    expect(m.peek('c')).toBe(3);
    expect(m.size).toBe(2);
    expect(m.evicted).toBe(1);
  });

  it('stays within capacity under a flood of keys', () => {
    const m = new CappedMap<number, number>(100);
    for (let i = 0; i < 100_000; i++) m.getOrCreate(i, () => i);
    expect(m.size).toBe(100);
    expect(m.evicted).toBe(99_900);
    expect(m.has(99_999)).toBe(true);
    expect(m.has(0)).toBe(false);
  });

  it('refuses a capacity below one', () => {
    expect(() => new CappedMap(0)).toThrow(/capacity/);
  });
});
