import { describe, expect, it } from 'vitest';
import { AccountSlots } from './accountSlots.js';

const at = (time: number) => ({ time });

function tracker(maxAccounts: number, idleMs: number, initialCapacity = 2) {
  const resets: number[] = [];
  let capacity = 0;
  const slots = new AccountSlots(
    maxAccounts,
    idleMs,
    {
      reset: (slot) => resets.push(slot),
      grow: (c) => {
        capacity = c;
      },
    },
    initialCapacity,
  );
  return { slots, resets, capacity: () => capacity };
}

describe('AccountSlots', () => {
  it('gives an account the same slot until it is forgotten, and grows up to maxAccounts', () => {
    const { slots, capacity } = tracker(5, 1_000);
    const a = slots.acquire('a', at(0));
    slots.acquire('b', at(1));
    slots.acquire('c', at(2));
    expect(slots.acquire('a', at(3))).toBe(a);
    expect(slots.size).toBe(3);
    expect(capacity()).toBe(4);
    slots.acquire('d', at(4));
    slots.acquire('e', at(5));
    expect(capacity()).toBe(5);
  });

  it('past maxAccounts forgets the least recently active account and reuses its slot', () => {
    const { slots, resets } = tracker(3, 1_000);
    const a = slots.acquire('a', at(0));
    slots.acquire('b', at(1));
    slots.acquire('c', at(2));
    slots.acquire('a', at(3));
    const d = slots.acquire('d', at(4));
    expect(slots.find('b')).toBe(-1);
    expect(slots.find('a')).toBe(a);
    expect(slots.size).toBe(3);
    expect(resets.at(-1)).toBe(d);
  });

  it('forgets accounts idle for longer than idleMs, measured against the newest time seen', () => {
    const { slots } = tracker(100, 1_000);
    slots.acquire('a', at(0));
    slots.acquire('b', at(500));
    slots.acquire('c', at(1_200));
    expect(slots.find('a')).toBe(-1);
    expect(slots.find('b')).not.toBe(-1);
    // A late event counts as activity but does not move the last activity (500) backwards.
    slots.acquire('b', at(100));
    slots.acquire('c', at(1_300));
    slots.acquire('c', at(1_500));
    expect(slots.find('b')).not.toBe(-1);
    slots.acquire('c', at(1_501));
    expect(slots.find('b')).toBe(-1);
  });

  it('stays bounded under a stream of new accounts', () => {
    const { slots, capacity } = tracker(64, 1e12);
    for (let i = 0; i < 10_000; i++) slots.acquire(`acct${i}`, at(i));
    expect(slots.size).toBe(64);
    expect(capacity()).toBe(64);
    expect(slots.find('acct9999')).not.toBe(-1);
    expect(slots.find('acct9935')).toBe(-1);
  });
});
