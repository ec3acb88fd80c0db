import type { TransferGraphView } from '../transferGraphView.js';
import { type EdgeWeighting, edgeWeight } from './undirectedProjection.js';

export interface PageRankOptions {
  /** Probability of following an edge rather than jumping to a random node. Default 0.85. */
  damping?: number;
  /** Stop once the L1 change between iterations is below this. Default 1e-10. */
  tolerance?: number;
  /** Default 100. */
  maxIterations?: number;
  /** How an out-edge's share of its node's rank is decided. Default 'value'. */
  weighting?: EdgeWeighting;
}

export interface PageRankResult {
  /** Rank of each node; sums to 1. */
  scores: Float64Array;
  iterations: number;
  converged: boolean;
}

/**
 * Directed PageRank by power iteration. A node passes its rank along its out-edges in proportion to
 * their weight (value moved, by default); nodes with no outgoing weight spread theirs evenly over all
 * nodes, so rank is conserved. Edges are copied once into flat arrays so each iteration is one scan.
 */
export function pageRank(graph: TransferGraphView, options: PageRankOptions = {}): PageRankResult {
  const damping = options.damping ?? 0.85;
  const tolerance = options.tolerance ?? 1e-10;
  const maxIterations = options.maxIterations ?? 100;
  const weighting = options.weighting ?? 'value';
  if (!(damping >= 0 && damping <= 1)) throw new RangeError('damping must be within [0, 1]');
  const n = graph.nodeCount;
  const edges = graph.edgeCount;
  const scores = new Float64Array(n);
  if (n === 0) return { scores, iterations: 0, converged: true };

  const from = new Int32Array(edges);
  const to = new Int32Array(edges);
  const share = new Float64Array(edges);
  const outWeight = new Float64Array(n);
  for (let e = 0; e < edges; e++) {
    const f = graph.edgeFrom(e);
    from[e] = f;
    to[e] = graph.edgeTo(e);
    share[e] = edgeWeight(graph, e, weighting);
    outWeight[f] = (outWeight[f] as number) + (share[e] as number);
  }
  for (let e = 0; e < edges; e++) {
    share[e] = (share[e] as number) / (outWeight[from[e] as number] as number);
  }

  scores.fill(1 / n);
  let next = new Float64Array(n);
  let current = scores;
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    iterations++;
    let dangling = 0;
    for (let u = 0; u < n; u++) if (outWeight[u] === 0) dangling += current[u] as number;
    const base = (1 - damping) / n + (damping * dangling) / n;
    next.fill(base);
    for (let e = 0; e < edges; e++) {
      const t = to[e] as number;
      const s = share[e] as number;
      // share is NaN only for zero-weight edges of a dangling node, which pass nothing.
      if (s > 0) next[t] = (next[t] as number) + damping * (current[from[e] as number] as number) * s;
    }
    let change = 0;
    for (let u = 0; u < n; u++) change += Math.abs((next[u] as number) - (current[u] as number));
    const previous = current;
    current = next;
    next = previous;
    if (change < tolerance) {
      converged = true;
      break;
    }
  }
  if (current !== scores) scores.set(current);
  return { scores, iterations, converged };
}
