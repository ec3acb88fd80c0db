import { describe, expect, it } from 'vitest';
import { dependencyChains } from './lockGraph.js';

describe('dependencyChains', () => {
  it('gives each entry its shortest chain from a root, survives cycles, and leaves unreachable ones out', () => {
    const edges: Record<string, string[]> = {
      a: ['b', 'c'],
      b: ['d', 'e'],
      c: ['d', 'a'],
      d: ['b'],
      orphan: ['a'],
      e: ['d'],
    };
    const chains = dependencyChains({
      roots: ['a', 'c'],
      edges: (id) => edges[id] ?? [],
      name: (id) => id.toUpperCase(),
    });
    expect(Object.fromEntries(chains)).toEqual({ a: [], c: [], b: ['A'], d: ['C'], e: ['A', 'B'] });
    expect(chains.has('orphan')).toBe(false);
  });
});
