import { describe, expect, it } from 'vitest';
import { Slab, SlotMap } from './slotMap.js';

describe('SlotMap', () => {
  it('hands out slots, then recycles the least recently used key’s slot', () => {
    const m = new SlotMap(2);
    expect(m.acquire('a')).toEqual({ slot: 0, fresh: true });
    expect(m.acquire('b')).toEqual({ slot: 1, fresh: true });
    expect(m.acquire('a')).toEqual({ slot: 0, fresh: false }); // a is now the most recent
    expect(m.acquire('c')).toEqual({ slot: 1, fresh: true }); // b was evicted
    expect(m.peek('b')).toBe(-1);
    expect(m.peek('c')).toBe(1);
    expect(m.size).toBe(2);
    expect(m.evicted).toBe(1);
  });

  it('never uses more slots than its capacity', () => {
    const m = new SlotMap(100);
    for (let i = 0; i < 10_000; i++) m.acquire(`k${i}`);
    expect(m.used).toBe(100);
    expect(m.size).toBe(100);
  });
});

describe('Slab', () => {
  it('grows by doubling and keeps what it holds', () => {
    const s = new Slab(3, 2);
    s.data[s.ensure(1) + 2] = 7;
    const o = s.ensure(10);
    expect(o).toBe(30);
    expect(s.data.length).toBeGreaterThanOrEqual(33);
    expect(s.data[5]).toBe(7);
  });
});
