import { describe, expect, it } from 'vitest';
import { TransferGraph } from '../graph/transferGraph.js';
import { type SmallEdge, smallGraph } from '../smallGraph.fixture.js';
import { louvain, modularity } from './louvain.js';
import { clique, LEFT, RIGHT } from './structure.fixture.js';
import { undirectedProjection } from './undirectedProjection.js';

const sameCommunity = (c: Int32Array, nodes: number[]): boolean =>
  nodes.every((u) => c[u] === c[nodes[0] as number]);

describe('modularity', () => {
  it('matches a hand computation with weights and a loop', () => {
    // m = 4; degrees a=2, b=3, c=1+2*1=3; Q = (2+1)/4 - ((5/8)^2 + (3/8)^2) = 0.21875.
    const g = smallGraph([
      { from: 'a', to: 'b', value: 2 },
      { from: 'b', to: 'c', value: 1 },
      { from: 'c', to: 'c', value: 1 },
    ]);
    const q = modularity(undirectedProjection(g), Int32Array.from([0, 0, 1]));
    expect(q).toBeCloseTo(0.21875, 12);
  });
});

describe('louvain', () => {
  const twoCliques = (): SmallEdge[] => [
    ...clique(LEFT),
    ...clique(RIGHT),
    { from: 'a1', to: 'b1', value: 1 },
  ];

  it('finds two cliques joined by one edge, with the hand-computed modularity', () => {
    const g = smallGraph(twoCliques());
    const result = louvain(g);
    const left = LEFT.map((a) => g.nodeOf(a));
    const right = RIGHT.map((a) => g.nodeOf(a));
    expect(result.communityCount).toBe(2);
    expect(sameCommunity(result.communities, left)).toBe(true);
    expect(sameCommunity(result.communities, right)).toBe(true);
    expect(result.communities[left[0] as number]).not.toBe(result.communities[right[0] as number]);
    // m = 13; each side has 6 internal edges and degree 13: Q = 12/13 - 2 * (13/26)^2.
    expect(result.modularity).toBeCloseTo(12 / 13 - 0.5, 12);
  });

  it('separates a ring of six 4-cliques, which needs more than one level to stay right', () => {
    const edges: SmallEdge[] = [];
    const rings = 6;
    for (let r = 0; r < rings; r++) {
      edges.push(...clique([0, 1, 2, 3].map((i) => `c${r}n${i}`)));
      edges.push({ from: `c${r}n0`, to: `c${(r + 1) % rings}n3`, value: 1 });
    }
    const g = smallGraph(edges);
    for (const seed of [1, 2, 3, 4, 5]) {
      const result = louvain(g, { seed });
      expect(result.communityCount).toBe(rings);
      for (let r = 0; r < rings; r++) {
        expect(
          sameCommunity(
            result.communities,
            [0, 1, 2, 3].map((i) => g.nodeOf(`c${r}n${i}`)),
          ),
        ).toBe(true);
      }
      // m = 42; each clique: 6 internal edges, degree 14.
      expect(result.modularity).toBeCloseTo(36 / 42 - rings * (14 / 84) ** 2, 12);
    }
  });

  it('merges small cliques at resolution 1 (the resolution limit) and keeps them apart above it', () => {
    // 30 4-cliques in a ring, m = 210. Pairs beat singles at gamma 1 (0.862 vs 0.824) but not at 4.
    const rings = 30;
    const edges: SmallEdge[] = [];
    for (let r = 0; r < rings; r++) {
      edges.push(...clique([0, 1, 2, 3].map((i) => `c${r}n${i}`)));
      edges.push({ from: `c${r}n0`, to: `c${(r + 1) % rings}n3`, value: 1 });
    }
    const g = smallGraph(edges);
    const plain = louvain(g);
    expect(plain.communityCount).toBeLessThan(rings);
    expect(plain.modularity).toBeGreaterThan(180 / 210 - rings * (14 / 420) ** 2);
    const fine = louvain(g, { resolution: 4 });
    expect(fine.communityCount).toBe(rings);
    expect(fine.modularity).toBeCloseTo(180 / 210 - 4 * rings * (14 / 420) ** 2, 12);
  });

  it('follows the weighting: heavy value links regroup nodes that transfer counts split', () => {
    // By count, {a,b} and {c,d} pair up; by value the a-c and b-d links dominate.
    const edges: SmallEdge[] = [
      { from: 'a', to: 'b', value: 1, transfers: 10 },
      { from: 'c', to: 'd', value: 1, transfers: 10 },
      { from: 'a', to: 'c', value: 50, transfers: 1 },
      { from: 'b', to: 'd', value: 50, transfers: 1 },
    ];
    const g = smallGraph(edges);
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((x) => g.nodeOf(x)) as [number, number, number, number];
    const byValue = louvain(g, { weighting: 'value' }).communities;
    expect(byValue[a]).toBe(byValue[c]);
    expect(byValue[b]).toBe(byValue[d]);
    expect(byValue[a]).not.toBe(byValue[b]);
    const byCount = louvain(g, { weighting: 'transfers' }).communities;
    expect(byCount[a]).toBe(byCount[b]);
    expect(byCount[c]).toBe(byCount[d]);
    expect(byCount[a]).not.toBe(byCount[c]);
  });

  it('is repeatable for a seed and reports the modularity of what it returns', () => {
    const g = new TransferGraph();
    const edges = [...twoCliques(), ...clique(['p', 'q', 'r']), { from: 'r', to: 'a2', value: 1 }];
    for (const e of edges) g.addTransfer(e.from, e.to, e.value, 0);
    g.compact();
    const first = louvain(g, { seed: 7 });
    const second = louvain(g, { seed: 7 });
    expect(Array.from(second.communities)).toEqual(Array.from(first.communities));
    expect(first.modularity).toBeCloseTo(modularity(undirectedProjection(g), first.communities), 12);
    expect(first.communityCount).toBe(3);
  });

  it('leaves every node alone when there is no weight', () => {
    const g = smallGraph([{ from: 'a', to: 'b', value: 0 }]);
    const result = louvain(g);
    expect(Array.from(result.communities)).toEqual([0, 1]);
    expect(result.modularity).toBe(0);
  });
});
