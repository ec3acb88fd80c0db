import { sampleIndices, seededRandom } from '../../ml/random.js';
import type { TransferGraphView } from '../transferGraphView.js';
import { type UndirectedProjection, undirectedProjection } from './undirectedProjection.js';

export interface BetweennessOptions {
  /** How many source nodes to run Brandes from; all nodes (exact) when >= nodeCount. Default 256. */
  samples?: number;
  /** Seeds the choice of sources. Default 1. */
  seed?: number;
}

export interface BetweennessResult {
  /**
   * Estimated betweenness of each node on the undirected graph in hops: the number of unordered
   * node pairs whose shortest paths pass through it (fractionally when there are several).
   */
  scores: Float64Array;
  /** Sources actually used. */
  samples: number;
}

/**
 * Betweenness centrality by Brandes' algorithm from k sampled sources (Brandes & Pich 2007): each
 * source's dependencies are summed and scaled by n/k, an unbiased estimate that is exact when k = n.
 * Directions and weights are ignored; what matters is which addresses sit between others.
 */
export function betweenness(graph: TransferGraphView, options: BetweennessOptions = {}): BetweennessResult {
  return betweennessOnProjection(undirectedProjection(graph, 'unit'), options);
}

export function betweennessOnProjection(
  g: UndirectedProjection,
  options: BetweennessOptions = {},
): BetweennessResult {
  const n = g.nodeCount;
  const scores = new Float64Array(n);
  const k = Math.min(n, Math.max(0, Math.floor(options.samples ?? 256)));
  if (k === 0) return { scores, samples: 0 };
  const sources = k === n ? null : sampleIndices(n, k, seededRandom(options.seed ?? 1));

  const dist = new Int32Array(n).fill(-1);
  const sigma = new Float64Array(n);
  const delta = new Float64Array(n);
  // BFS order doubles as the stack: dependencies accumulate in reverse visiting order.
  const order = new Int32Array(n);
  const { offsets, neighbors } = g;
  for (let s = 0; s < k; s++) {
    const source = sources ? (sources[s] as number) : s;
    let head = 0;
    let tail = 0;
    order[tail++] = source;
    dist[source] = 0;
    sigma[source] = 1;
    while (head < tail) {
      const v = order[head++] as number;
      const dv = dist[v] as number;
      for (let i = offsets[v] as number; i < (offsets[v + 1] as number); i++) {
        const w = neighbors[i] as number;
        if (dist[w] === -1) {
          dist[w] = dv + 1;
          order[tail++] = w;
        }
        if (dist[w] === dv + 1) sigma[w] = (sigma[w] as number) + (sigma[v] as number);
      }
    }
    for (let j = tail - 1; j > 0; j--) {
      const w = order[j] as number;
      const dw = dist[w] as number;
      const coefficient = (1 + (delta[w] as number)) / (sigma[w] as number);
      for (let i = offsets[w] as number; i < (offsets[w + 1] as number); i++) {
        const v = neighbors[i] as number;
        if (dist[v] === dw - 1) delta[v] = (delta[v] as number) + (sigma[v] as number) * coefficient;
      }
      scores[w] = (scores[w] as number) + (delta[w] as number);
    }
    for (let j = 0; j < tail; j++) {
      const v = order[j] as number;
      dist[v] = -1;
      sigma[v] = 0;
      delta[v] = 0;
    }
  }
  // Every unordered pair is reached from both of its ends, hence the half.
  const scale = n / k / 2;
  for (let v = 0; v < n; v++) scores[v] = (scores[v] as number) * scale;
  return { scores, samples: k };
}
