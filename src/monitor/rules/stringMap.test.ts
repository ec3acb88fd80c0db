import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../ml/random.js';
import { StringMap, stringHash } from './stringMap.js';

describe('StringMap', () => {
  it('gets, sets, overwrites and deletes', () => {
    const m = new StringMap<number>();
    m.set('a', 1);
    m.set('b', 2);
    m.set('a', 3);
    expect([m.get('a'), m.get('b'), m.get('c'), m.size]).toEqual([3, 2, undefined, 2]);
    expect(m.delete('a')).toBe(true);
    expect(m.delete('a')).toBe(false);
    expect([m.get('a'), m.get('b'), m.size]).toEqual([undefined, 2, 1]);
    m.clear();
    expect(m.size).toBe(0);
    expect(m.keyList()).toEqual([]);
  });

  it.each([
    ['many keys, with growth', 300],
    ['few keys in a small table, so probe runs wrap around its end', 12],
  ])('agrees with a Map through heavy random churn: %s', (_, keys) => {
    const rng = seededRandom(7);
    const ours = new StringMap<number>(4);
    const reference = new Map<string, number>();
    for (let step = 0; step < 20_000; step++) {
      const key = `k${rng.int(keys)}`;
      if (rng.next() < 0.55) {
        ours.set(key, step);
        reference.set(key, step);
      } else {
        expect(ours.delete(key)).toBe(reference.delete(key));
      }
      if (step % 199 === 0) {
        expect(ours.size).toBe(reference.size);
        for (const [k, v] of reference) expect(ours.get(k)).toBe(v);
        expect(ours.keyList().sort()).toEqual([...reference.keys()].sort());
      }
    }
  });

  it('keeps an entry that sits at its home slot when a probe run wrapping the table end closes a gap', () => {
    // Capacity 64: keys whose home slot is 62 and 0, so one run covers 62, 63, 0, 1.
    const withHome = (home: number, skip = 0): string => {
      for (let n = 0, seen = 0; ; n++) {
        if ((stringHash(`k${n}`) & 63) === home && seen++ === skip) return `k${n}`;
      }
    };
    const [a, b, c, d] = [withHome(62), withHome(62, 1), withHome(0), withHome(62, 2)];
    const m = new StringMap<string>(32);
    for (const key of [a, b, c, d]) m.set(key, key);
    m.delete(a);
    expect([m.get(a), m.get(b), m.get(c), m.get(d)]).toEqual([undefined, b, c, d]);
  });
});
