import { describe, expect, it } from 'vitest';
import { simulationRandom } from '../../ml/simulationRandom.js';
import { MinHeap } from './minHeap.js';

describe('MinHeap', () => {
  it('pops by priority, equal priorities in insertion order', () => {
    const heap = new MinHeap<string>();
    const random = simulationRandom(3);
    const pushed: [number, string][] = [];
    for (let i = 0; i < 500; i++) {
      const p = random.int(40);
      pushed.push([p, `item-${i}`]);
      heap.push(p, `item-${i}`);
    }
    expect(heap.peekPriority()).toBe(Math.min(...pushed.map(([p]) => p)));
    const expected = [...pushed].sort((a, b) => a[0] - b[0]).map(([, item]) => item); // stable sort
    const popped: string[] = [];
    while (heap.size > 0) popped.push(heap.pop() as string);
    expect(popped).toEqual(expected);
    expect(heap.pop()).toBeUndefined();
    expect(heap.peekPriority()).toBe(Number.POSITIVE_INFINITY);
  });
});
