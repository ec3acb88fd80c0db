import { describe, expect, it } from 'vitest';
import { fnv1a } from './hash32.js';
import { murmurish, RecentKeys } from './recentKeys.js';

describe('RecentKeys', () => {
  it('reports a key as seen the second time only', () => {
    const keys = new RecentKeys(16);
    expect(keys.seenBefore('ethereum:0xabc:1')).toBe(false);
    expect(keys.seenBefore('ethereum:0xabc:2')).toBe(false);
    expect(keys.seenBefore('ethereum:0xabc:1')).toBe(true);
  });

  it('forgets the oldest keys beyond its capacity and keeps the newer ones', () => {
    const keys = new RecentKeys(100);
    for (let i = 0; i < 250; i++) expect(keys.seenBefore(`k${i}`)).toBe(false);
    for (let i = 150; i < 250; i++) expect(keys.seenBefore(`k${i}`)).toBe(true);
    // k0..k149 were evicted, so they count as new again.
    expect(keys.seenBefore('k0')).toBe(false);
  });

  it('stays correct through many evictions (probe chains survive deletions)', () => {
    const keys = new RecentKeys(64);
    const window: string[] = [];
    for (let i = 0; i < 5_000; i++) {
      const key = `tx-${(i * 7919) % 100_003}`;
      const expected = window.includes(key);
      expect(keys.seenBefore(key)).toBe(expected);
      if (!expected) {
        window.push(key);
        if (window.length > 64) window.shift();
      }
    }
  });

  it('survives a save and load, oldest keys still evicted first', () => {
    const keys = new RecentKeys(4);
    for (const k of ['a', 'b', 'c', 'd', 'e']) keys.seenBefore(k);
    const loaded = RecentKeys.load(keys.save());
    expect(['b', 'c', 'd', 'e'].map((k) => loaded.seenBefore(k))).toEqual([true, true, true, true]);
    expect(loaded.seenBefore('a')).toBe(false);
    // 'a' took the oldest place ('b'), so 'b' is new again and 'c' is still remembered.
    expect(loaded.seenBefore('c')).toBe(true);
    expect(loaded.seenBefore('b')).toBe(false);
    expect(() => RecentKeys.load(new Uint8Array(12))).toThrow(/not a saved key set/);
  });

  it('keeps the same two fingerprints per key, so keys saved by earlier builds still match', () => {
    // Values of the original two-pass functions; saved key sets hold these numbers.
    const expected: [string, number, number][] = [
      ['ethereum:0xabc:1', 1591017035, 397255403],
      ['', 2166136261, 232462206],
      ['ключ-€', 78245872, 1755270879],
    ];
    const keys = new RecentKeys(8);
    for (const [key, a, b] of expected) {
      expect([fnv1a(key), murmurish(key)]).toEqual([a, b]);
      keys.seenBefore(key);
    }
    const words = new Uint32Array(keys.save().slice().buffer);
    expect(Array.from(words.subarray(2))).toEqual(expected.flatMap(([, a, b]) => [a, b]));
  });
});
