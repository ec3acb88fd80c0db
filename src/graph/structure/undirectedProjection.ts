import { ValidationError } from '../../core/errors.js';
import type { TransferGraphView } from '../transferGraphView.js';

/** What an undirected edge weighs: summed transfer value, number of transfers, or 1 per address pair. */
export type EdgeWeighting = 'value' | 'transfers' | 'unit';

/**
 * The graph with directions dropped, in CSR form: a->b and b->a merge into one edge whose weight is
 * their sum, self-transfers become loops. Every undirected edge appears in both endpoints' lists.
 */
export interface UndirectedProjection {
  readonly nodeCount: number;
  /** neighbors/weights of node u live at offsets[u]..offsets[u+1]-1. */
  readonly offsets: Int32Array;
  readonly neighbors: Int32Array;
  readonly weights: Float64Array;
  /** Weight of each node's self-loop (0 when none). */
  readonly loops: Float64Array;
  /** Sum of all undirected edge weights, each edge and each loop counted once (Louvain's m). */
  readonly totalWeight: number;
}

/** The weight of one directed edge under a weighting; rejects negatives and non-finite values. */
export function edgeWeight(graph: TransferGraphView, edge: number, weighting: EdgeWeighting): number {
  if (weighting === 'unit') return 1;
  const w = weighting === 'value' ? graph.edgeValue(edge) : graph.edgeTransfers(edge);
  if (!(w >= 0 && Number.isFinite(w))) {
    throw new ValidationError('INPUT_INVALID', 'graph edge weight', [
      { path: `edges[${edge}]`, message: `weight ${w} is not a finite non-negative number` },
    ]);
  }
  return w;
}

export function undirectedProjection(
  graph: TransferGraphView,
  weighting: EdgeWeighting = 'value',
): UndirectedProjection {
  const n = graph.nodeCount;
  const edges = graph.edgeCount;
  const from = new Int32Array(edges);
  const to = new Int32Array(edges);
  const weight = new Float64Array(edges);
  const degree = new Int32Array(n + 1);
  const loops = new Float64Array(n);
  let totalWeight = 0;
  for (let e = 0; e < edges; e++) {
    const f = graph.edgeFrom(e);
    const t = graph.edgeTo(e);
    const w = edgeWeight(graph, e, weighting);
    from[e] = f;
    to[e] = t;
    weight[e] = w;
    totalWeight += w;
    if (f === t) {
      loops[f] = (loops[f] as number) + w;
      continue;
    }
    degree[f + 1] = (degree[f + 1] as number) + 1;
    degree[t + 1] = (degree[t + 1] as number) + 1;
  }
  for (let u = 0; u < n; u++) degree[u + 1] = (degree[u + 1] as number) + (degree[u] as number);
  // Raw lists hold both directions of every edge; a->b and b->a are merged below.
  const rawOffsets = degree;
  const fill = rawOffsets.slice(0, n);
  const rawNeighbors = new Int32Array(rawOffsets[n] as number);
  const rawWeights = new Float64Array(rawOffsets[n] as number);
  for (let e = 0; e < edges; e++) {
    const f = from[e] as number;
    const t = to[e] as number;
    if (f === t) continue;
    const w = weight[e] as number;
    let at = fill[f] as number;
    rawNeighbors[at] = t;
    rawWeights[at] = w;
    fill[f] = at + 1;
    at = fill[t] as number;
    rawNeighbors[at] = f;
    rawWeights[at] = w;
    fill[t] = at + 1;
  }
  return mergeParallel(n, rawOffsets, rawNeighbors, rawWeights, loops, totalWeight);
}

/** Collapses repeated neighbors within each node's list, summing their weights. */
export function mergeParallel(
  n: number,
  rawOffsets: Int32Array,
  rawNeighbors: Int32Array,
  rawWeights: Float64Array,
  loops: Float64Array,
  totalWeight: number,
): UndirectedProjection {
  const slot = new Int32Array(n).fill(-1);
  const offsets = new Int32Array(n + 1);
  const neighbors = new Int32Array(rawNeighbors.length);
  const weights = new Float64Array(rawNeighbors.length);
  let out = 0;
  for (let u = 0; u < n; u++) {
    const start = out;
    const end = rawOffsets[u + 1] as number;
    for (let i = rawOffsets[u] as number; i < end; i++) {
      const v = rawNeighbors[i] as number;
      const s = slot[v] as number;
      if (s >= start) {
        weights[s] = (weights[s] as number) + (rawWeights[i] as number);
      } else {
        slot[v] = out;
        neighbors[out] = v;
        weights[out] = rawWeights[i] as number;
        out++;
      }
    }
    offsets[u + 1] = out;
  }
  return {
    nodeCount: n,
    offsets,
    neighbors: neighbors.slice(0, out),
    weights: weights.slice(0, out),
    loops,
    totalWeight,
  };
}
