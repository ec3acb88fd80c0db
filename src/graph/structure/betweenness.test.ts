import { describe, expect, it } from 'vitest';
import { smallGraph } from '../smallGraph.fixture.js';
import { betweenness } from './betweenness.js';
import { clique, twoCliquesThroughBridge } from './structure.fixture.js';

describe('betweenness', () => {
  it('is exact on a path when every node is a source', () => {
    // a-b-c-d: b lies on a-c and a-d, c on a-d and b-d.
    const g = smallGraph([
      { from: 'a', to: 'b', value: 1 },
      { from: 'c', to: 'b', value: 1 },
      { from: 'c', to: 'd', value: 1 },
    ]);
    const { scores, samples } = betweenness(g, { samples: 4 });
    expect(samples).toBe(4);
    expect(Array.from(scores)).toEqual([0, 2, 2, 0]);
  });

  it('gives a star centre every pair of leaves', () => {
    const g = smallGraph(['l1', 'l2', 'l3', 'l4'].map((leaf) => ({ from: 'hub', to: leaf, value: 1 })));
    expect(Array.from(betweenness(g, { samples: 100 }).scores)).toEqual([6, 0, 0, 0, 0]);
  });

  it('splits a pair between equally short paths', () => {
    // Square a-b-c-d-a: each opposite pair has two paths, so every node gets 1/2.
    const g = smallGraph([
      { from: 'a', to: 'b', value: 1 },
      { from: 'b', to: 'c', value: 1 },
      { from: 'c', to: 'd', value: 1 },
      { from: 'd', to: 'a', value: 1 },
    ]);
    for (const s of betweenness(g, { samples: 4 }).scores) expect(s).toBeCloseTo(0.5, 12);
  });

  it('ranks the node joining two communities first, exactly and from samples', () => {
    // x separates the 4 left nodes from the 4 right ones (16 pairs); a1 serves 3 x 5 = 15 pairs.
    const g = smallGraph(twoCliquesThroughBridge());
    const exact = betweenness(g, { samples: g.nodeCount }).scores;
    expect(exact[g.nodeOf('x')]).toBe(16);
    expect(exact[g.nodeOf('a1')]).toBe(15);
    expect(exact[g.nodeOf('a2')]).toBe(0);
  });

  it('still ranks the joining node first from a few sampled sources', () => {
    // x trades with two members of each 5-clique, so every left-right path crosses it.
    const left = ['a1', 'a2', 'a3', 'a4', 'a5'];
    const right = ['b1', 'b2', 'b3', 'b4', 'b5'];
    const g = smallGraph([
      ...clique(left),
      ...clique(right),
      ...['a1', 'a2', 'b1', 'b2'].map((n) => ({ from: 'x', to: n, value: 1 })),
    ]);
    expect(betweenness(g, { samples: g.nodeCount }).scores[g.nodeOf('x')]).toBe(25);
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const sampled = betweenness(g, { samples: 3, seed });
      expect(sampled.samples).toBe(3);
      const top = sampled.scores.indexOf(Math.max(...sampled.scores));
      expect(g.addressOf(top)).toBe('x');
    }
  });

  it('averages to the exact values over many seeds, as an unbiased estimate should', () => {
    const g = smallGraph(twoCliquesThroughBridge());
    const exact = betweenness(g, { samples: g.nodeCount }).scores;
    const mean = new Float64Array(g.nodeCount);
    const runs = 400;
    for (let seed = 1; seed <= runs; seed++) {
      const { scores } = betweenness(g, { samples: 3, seed });
      for (let v = 0; v < g.nodeCount; v++) mean[v] = (mean[v] as number) + (scores[v] as number) / runs;
    }
    for (let v = 0; v < g.nodeCount; v++)
      expect(Math.abs((mean[v] as number) - (exact[v] as number))).toBeLessThan(1.5);
  });
});
