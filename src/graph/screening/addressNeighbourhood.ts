import { BinaryHeap } from '../graph/binaryHeap.js';
import type { TransferGraphView } from '../transferGraphView.js';

/** A graph that can also find the edge between two nodes in O(1) (TransferGraph can). */
export interface PairLookupGraph extends TransferGraphView {
  /** The edge from one node to another, or -1. */
  edgeBetween(fromNode: number, toNode: number): number;
}

export interface NeighbourhoodOptions {
  /** Only nodes at most this many transfers from the centre (either direction) are drawn. */
  hops: number;
  /** At most this many nodes, the centre included. */
  maxNodes: number;
  /**
   * Nodes of a higher tier are drawn before any node of a lower one that is reachable at the same
   * time (e.g. 2 for nodes on a risk path, 1 for labelled ones, 0 for the rest); default all 0.
   */
  tierOf?: (node: number) => number;
  /**
   * Work bound: edges scanned while expanding nodes. A node (other than the centre) whose edges would
   * pass it is drawn but not expanded, and the result says truncated. Default 200,000.
   */
  maxEdges?: number;
}

export interface NeighbourhoodSelection {
  /** Drawn nodes, the centre first, then in the order they were chosen. */
  nodes: number[];
  /** hops[i]: fewest edges from the centre to nodes[i] over edges between drawn nodes. */
  hops: number[];
  /** Every edge between two drawn nodes, in the order of their from-node's and to-node's positions. */
  edges: number[];
  /** Some node within `hops` was left out (maxNodes, or a node not expanded for the work bound). */
  truncated: boolean;
  /** Distinct nodes met while choosing, the centre included. */
  seen: number;
}

interface Candidate {
  node: number;
  /** Position in the drawn list of the node it was reached from. */
  via: number;
  tier: number;
  /** Value moved between the two, both directions. */
  weight: number;
  order: number;
}

const better = (a: Candidate, b: Candidate): boolean =>
  a.tier !== b.tier ? a.tier > b.tier : a.weight !== b.weight ? a.weight > b.weight : a.order < b.order;
const worse = (a: Candidate, b: Candidate): boolean => better(b, a);

/**
 * The part of the graph around one node worth drawing: grown best-first from the centre, always
 * taking next the undrawn neighbour of a drawn node (within hops) with the highest tier and, among
 * those, the most value moved with it, so the heaviest flows stay connected to the centre and a
 * labelled counterparty two hops out is not crowded out by busy unlabelled ones. Each expansion scans
 * the node's edges once and keeps only the candidates that could still fit, so a hub costs its degree,
 * not its degree in memory.
 */
export function selectNeighbourhood(
  graph: PairLookupGraph,
  center: number,
  options: NeighbourhoodOptions,
): NeighbourhoodSelection {
  const { hops, maxNodes } = options;
  const tierOf = options.tierOf ?? (() => 0);
  const maxEdges = options.maxEdges ?? 200_000;
  const nodes = [center];
  const reachedAt = [0];
  const drawn = new Map<number, number>([[center, 0]]);
  const seen = new Set<number>([center]);
  const queue = new BinaryHeap<Candidate>(better);
  let examined = 0;
  let notExpanded = false;
  let order = 0;

  const expand = (index: number): void => {
    const node = nodes[index] as number;
    if ((reachedAt[index] as number) >= hops) return;
    const degree = graph.inDegree(node) + graph.outDegree(node);
    // The centre is always expanded: its own counterparties are the point of the page.
    if (index > 0 && examined + degree > maxEdges) {
      notExpanded = true;
      return;
    }
    examined += degree;
    const weights = new Map<number, number>();
    const meet = (other: number, edge: number): void => {
      if (other === node) return;
      seen.add(other);
      if (drawn.has(other)) return;
      weights.set(other, (weights.get(other) ?? 0) + Math.max(0, graph.edgeValue(edge)));
    };
    graph.forEachOut(node, (edge) => meet(graph.edgeTo(edge), edge));
    graph.forEachIn(node, (edge) => meet(graph.edgeFrom(edge), edge));
    // Room only shrinks, so no candidate past the best `room` of this node can ever be drawn from it.
    const room = maxNodes - nodes.length;
    const best = new BinaryHeap<Candidate>(worse);
    for (const [other, weight] of weights) {
      best.push({ node: other, via: index, tier: tierOf(other), weight, order: order++ });
      if (best.size > room) best.pop();
    }
    for (let c = best.pop(); c !== undefined; c = best.pop()) queue.push(c);
  };

  expand(0);
  while (nodes.length < maxNodes) {
    const next = queue.pop();
    if (next === undefined) break;
    if (drawn.has(next.node)) continue;
    drawn.set(next.node, nodes.length);
    nodes.push(next.node);
    reachedAt.push((reachedAt[next.via] as number) + 1);
    expand(nodes.length - 1);
  }

  const edges: number[] = [];
  for (const from of nodes) {
    for (const to of nodes) {
      const edge = graph.edgeBetween(from, to);
      if (edge >= 0) edges.push(edge);
    }
  }
  return {
    nodes,
    hops: hopsWithin(graph, nodes, drawn, edges),
    edges,
    truncated: notExpanded || seen.size > nodes.length,
    seen: seen.size,
  };
}

/** Breadth-first distances from nodes[0] over the drawn edges, ignoring direction. */
function hopsWithin(
  graph: TransferGraphView,
  nodes: readonly number[],
  position: ReadonlyMap<number, number>,
  edges: readonly number[],
): number[] {
  const adjacent: number[][] = nodes.map(() => []);
  for (const edge of edges) {
    const a = position.get(graph.edgeFrom(edge)) as number;
    const b = position.get(graph.edgeTo(edge)) as number;
    (adjacent[a] as number[]).push(b);
    (adjacent[b] as number[]).push(a);
  }
  const hops = nodes.map(() => -1);
  hops[0] = 0;
  const queue = [0];
  for (let head = 0; head < queue.length; head++) {
    const at = queue[head] as number;
    for (const next of adjacent[at] as number[]) {
      if (hops[next] !== -1) continue;
      hops[next] = (hops[at] as number) + 1;
      queue.push(next);
    }
  }
  return hops;
}
