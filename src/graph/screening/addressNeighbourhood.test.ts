import { describe, expect, it } from 'vitest';
import { TransferGraph } from '../graph/transferGraph.js';
import { selectNeighbourhood } from './addressNeighbourhood.js';

function graphOf(edges: [string, string, number][]): TransferGraph {
  const graph = new TransferGraph();
  edges.forEach(([from, to, value], i) => {
    graph.addTransfer(from, to, value, i * 1000);
  });
  return graph;
}

const names = (graph: TransferGraph, nodes: number[]) => nodes.map((n) => graph.addressOf(n));

describe('selectNeighbourhood', () => {
  it('reaches no further than hops, in either direction', () => {
    // a chain c → a → b → d, with e paying c.
    const graph = graphOf([
      ['c', 'a', 10],
      ['a', 'b', 10],
      ['b', 'd', 10],
      ['e', 'c', 1],
    ]);
    const c = graph.nodeOf('c');
    const one = selectNeighbourhood(graph, c, { hops: 1, maxNodes: 50 });
    expect(names(graph, one.nodes).sort()).toEqual(['a', 'c', 'e']);
    expect(one.hops).toEqual([0, 1, 1]);
    expect(one.truncated).toBe(false);

    const two = selectNeighbourhood(graph, c, { hops: 2, maxNodes: 50 });
    expect(names(graph, two.nodes).sort()).toEqual(['a', 'b', 'c', 'e']);
    expect(two.hops[two.nodes.indexOf(graph.nodeOf('b'))]).toBe(2);

    const three = selectNeighbourhood(graph, c, { hops: 3, maxNodes: 50 });
    expect(three.nodes).toHaveLength(5);
    expect(three.hops[three.nodes.indexOf(graph.nodeOf('d'))]).toBe(3);
  });

  it('keeps the heaviest flows within maxNodes and says it pruned', () => {
    const graph = graphOf(
      Array.from({ length: 10 }, (_, i): [string, string, number] => ['c', `n${i}`, i + 1]),
    );
    const result = selectNeighbourhood(graph, graph.nodeOf('c'), { hops: 2, maxNodes: 4 });
    expect(names(graph, result.nodes)).toEqual(['c', 'n9', 'n8', 'n7']);
    expect(result.truncated).toBe(true);
    expect(result.seen).toBe(11);
    expect(result.edges).toHaveLength(3);
  });

  it('follows a heavy flow two hops out before a light direct counterparty', () => {
    const graph = graphOf([
      ['c', 'a', 100],
      ['a', 'x', 90],
      ['b', 'c', 5],
    ]);
    const result = selectNeighbourhood(graph, graph.nodeOf('c'), { hops: 2, maxNodes: 3 });
    expect(names(graph, result.nodes)).toEqual(['c', 'a', 'x']);
    expect(result.hops).toEqual([0, 1, 2]);
    expect(result.truncated).toBe(true);
  });

  it('draws a higher tier (a labelled counterparty) before heavier unlabelled ones', () => {
    const graph = graphOf([
      ['c', 'big1', 1000],
      ['c', 'big2', 900],
      ['mixer', 'c', 1],
    ]);
    const mixer = graph.nodeOf('mixer');
    const result = selectNeighbourhood(graph, graph.nodeOf('c'), {
      hops: 1,
      maxNodes: 2,
      tierOf: (node) => (node === mixer ? 1 : 0),
    });
    expect(names(graph, result.nodes)).toEqual(['c', 'mixer']);
  });

  it('gives every drawn edge, both directions, and hops over drawn edges', () => {
    // a is reached first (heaviest), b through a's heavier edge; b also pays c directly, so b is 1 hop.
    const graph = graphOf([
      ['c', 'a', 500],
      ['a', 'b', 1000],
      ['b', 'c', 1],
      ['a', 'c', 7],
    ]);
    const result = selectNeighbourhood(graph, graph.nodeOf('c'), { hops: 2, maxNodes: 3 });
    expect(names(graph, result.nodes)).toEqual(['c', 'a', 'b']);
    expect(result.hops).toEqual([0, 1, 1]);
    const drawn = result.edges.map(
      (e) => `${graph.addressOf(graph.edgeFrom(e))}>${graph.addressOf(graph.edgeTo(e))}`,
    );
    expect(drawn.sort()).toEqual(['a>b', 'a>c', 'b>c', 'c>a']);
  });

  it('does not expand a hub past the work bound, but still draws it', () => {
    const edges: [string, string, number][] = [['c', 'hub', 50]];
    for (let i = 0; i < 100; i++) edges.push([`u${i}`, 'hub', 1]);
    const graph = graphOf(edges);
    const result = selectNeighbourhood(graph, graph.nodeOf('c'), { hops: 2, maxNodes: 50, maxEdges: 20 });
    expect(names(graph, result.nodes)).toEqual(['c', 'hub']);
    expect(result.truncated).toBe(true);

    const unbounded = selectNeighbourhood(graph, graph.nodeOf('c'), { hops: 2, maxNodes: 50 });
    expect(unbounded.nodes).toHaveLength(50);
    expect(unbounded.seen).toBe(102);
  });
});
