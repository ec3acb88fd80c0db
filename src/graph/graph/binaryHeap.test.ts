import { describe, expect, it } from 'vitest';
import { BinaryHeap } from './binaryHeap.js';

describe('BinaryHeap', () => {
  it('pops in comparator order whatever the push order', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const values = Array.from({ length: 500 }, () => Math.floor(random() * 100));
    const heap = new BinaryHeap<number>((a, b) => a > b);
    for (const v of values) heap.push(v);
    expect(heap.size).toBe(500);
    expect(heap.peek()).toBe(Math.max(...values));
    const out: number[] = [];
    for (let v = heap.pop(); v !== undefined; v = heap.pop()) out.push(v);
    expect(out).toEqual([...values].sort((a, b) => b - a));
    expect(heap.size).toBe(0);
    expect(heap.pop()).toBeUndefined();
  });

  it('interleaves pushes and pops', () => {
    const heap = new BinaryHeap<{ k: number }>((a, b) => a.k < b.k);
    heap.push({ k: 5 });
    heap.push({ k: 1 });
    expect(heap.pop()).toEqual({ k: 1 });
    heap.push({ k: 3 });
    heap.push({ k: 9 });
    expect([heap.pop(), heap.pop(), heap.pop()]).toEqual([{ k: 3 }, { k: 5 }, { k: 9 }]);
  });
});
