import { seededRandom } from '../../ml/random.js';
import type { TransferGraphView } from '../transferGraphView.js';
import {
  type EdgeWeighting,
  mergeParallel,
  type UndirectedProjection,
  undirectedProjection,
} from './undirectedProjection.js';

export interface LouvainOptions {
  /** Default 'value' (summed transfer value); 'transfers' weighs by transfer count. */
  weighting?: EdgeWeighting;
  /** Seeds the node visiting order; same seed, same communities. Default 1. */
  seed?: number;
  /** A level stops once a full pass raises modularity by less than this. Default 1e-7. */
  minGain?: number;
  /** Cap on aggregation levels. Default 20. */
  maxLevels?: number;
  /**
   * Resolution gamma of the null-model term (Reichardt & Bornholdt). Above 1 favours smaller
   * communities: plain modularity (1) merges groups smaller than about sqrt(2m), the resolution limit.
   */
  resolution?: number;
}

export interface LouvainResult {
  /** Community of each node, dense ids 0..communityCount-1. */
  communities: Int32Array;
  communityCount: number;
  /** Modularity (at the chosen resolution) of the final partition on the undirected, weighted graph. */
  modularity: number;
  levels: number;
}

/**
 * Louvain community detection (Blondel et al. 2008): nodes move greedily to the neighbouring
 * community with the best modularity gain until nothing improves, then each community collapses into
 * one node (internal weight becomes a loop) and the moves repeat on the smaller graph.
 */
export function louvain(graph: TransferGraphView, options: LouvainOptions = {}): LouvainResult {
  return louvainOnProjection(undirectedProjection(graph, options.weighting ?? 'value'), options);
}

export function louvainOnProjection(
  projection: UndirectedProjection,
  options: LouvainOptions = {},
): LouvainResult {
  const n = projection.nodeCount;
  const minGain = options.minGain ?? 1e-7;
  const maxLevels = options.maxLevels ?? 20;
  const random = seededRandom(options.seed ?? 1);
  const resolution = options.resolution ?? 1;
  if (!(resolution > 0 && Number.isFinite(resolution))) throw new RangeError('resolution must be > 0');
  const communities = new Int32Array(n);
  for (let u = 0; u < n; u++) communities[u] = u;
  if (projection.totalWeight <= 0) {
    return { communities, communityCount: n, modularity: 0, levels: 0 };
  }
  let level = projection;
  let levels = 0;
  while (levels < maxLevels) {
    const { assignment, count, moved } = moveNodes(level, random, minGain, resolution);
    if (!moved) break;
    levels++;
    for (let u = 0; u < n; u++) communities[u] = assignment[communities[u] as number] as number;
    if (count === level.nodeCount) break;
    level = aggregate(level, assignment, count);
  }
  const communityCount = renumber(communities);
  return { communities, communityCount, modularity: modularity(projection, communities, resolution), levels };
}

/** Local moving phase on one level; returns dense community ids per level node. */
function moveNodes(
  g: UndirectedProjection,
  random: { int(n: number): number },
  minGain: number,
  resolution: number,
): { assignment: Int32Array; count: number; moved: boolean } {
  const n = g.nodeCount;
  // Gain of joining community c: linkTo[c] - resolution * total[c] * k / 2m (common factor 1/m dropped).
  const scale = resolution / (2 * g.totalWeight);
  const community = new Int32Array(n);
  const degree = new Float64Array(n);
  const total = new Float64Array(n);
  for (let u = 0; u < n; u++) {
    community[u] = u;
    let k = 2 * (g.loops[u] as number);
    for (let i = g.offsets[u] as number; i < (g.offsets[u + 1] as number); i++) k += g.weights[i] as number;
    degree[u] = k;
    total[u] = k;
  }
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = random.int(i + 1);
    const t = order[i] as number;
    order[i] = order[j] as number;
    order[j] = t;
  }
  // Weight from the moving node to each neighbouring community, reset after each node.
  const linkTo = new Float64Array(n).fill(-1);
  const touched = new Int32Array(n);
  let movedAny = false;
  let current = modularityOfLevel(g, community, total, resolution);
  for (;;) {
    let moves = 0;
    for (let o = 0; o < n; o++) {
      const u = order[o] as number;
      const own = community[u] as number;
      const k = degree[u] as number;
      let touchedCount = 0;
      linkTo[own] = 0;
      touched[touchedCount++] = own;
      for (let i = g.offsets[u] as number; i < (g.offsets[u + 1] as number); i++) {
        const c = community[g.neighbors[i] as number] as number;
        if ((linkTo[c] as number) < 0) {
          linkTo[c] = 0;
          touched[touchedCount++] = c;
        }
        linkTo[c] = (linkTo[c] as number) + (g.weights[i] as number);
      }
      total[own] = (total[own] as number) - k;
      let best = own;
      let bestGain = (linkTo[own] as number) - (total[own] as number) * k * scale;
      for (let t = 1; t < touchedCount; t++) {
        const c = touched[t] as number;
        const gain = (linkTo[c] as number) - (total[c] as number) * k * scale;
        // Relative margin: float noise must not shuffle a node between equally good communities.
        if (gain > bestGain + 1e-12 * k) {
          bestGain = gain;
          best = c;
        }
      }
      total[best] = (total[best] as number) + k;
      if (best !== own) {
        community[u] = best;
        moves++;
      }
      for (let t = 0; t < touchedCount; t++) linkTo[touched[t] as number] = -1;
    }
    if (moves === 0) break;
    movedAny = true;
    const next = modularityOfLevel(g, community, total, resolution);
    const gained = next - current;
    current = next;
    if (gained < minGain) break;
  }
  const assignment = community;
  const count = renumber(assignment);
  return { assignment, count, moved: movedAny };
}

/** Collapses each community into one node; edges inside a community become its loop. */
function aggregate(g: UndirectedProjection, assignment: Int32Array, count: number): UndirectedProjection {
  const loops = new Float64Array(count);
  const degree = new Int32Array(count + 1);
  for (let u = 0; u < g.nodeCount; u++) {
    const cu = assignment[u] as number;
    loops[cu] = (loops[cu] as number) + (g.loops[u] as number);
    for (let i = g.offsets[u] as number; i < (g.offsets[u + 1] as number); i++) {
      const cv = assignment[g.neighbors[i] as number] as number;
      // Each internal edge is seen from both ends, so half its weight per visit.
      if (cv === cu) loops[cu] = (loops[cu] as number) + (g.weights[i] as number) / 2;
      else degree[cu + 1] = (degree[cu + 1] as number) + 1;
    }
  }
  for (let c = 0; c < count; c++) degree[c + 1] = (degree[c + 1] as number) + (degree[c] as number);
  const fill = degree.slice(0, count);
  const neighbors = new Int32Array(degree[count] as number);
  const weights = new Float64Array(degree[count] as number);
  for (let u = 0; u < g.nodeCount; u++) {
    const cu = assignment[u] as number;
    for (let i = g.offsets[u] as number; i < (g.offsets[u + 1] as number); i++) {
      const cv = assignment[g.neighbors[i] as number] as number;
      if (cv === cu) continue;
      const at = fill[cu] as number;
      neighbors[at] = cv;
      weights[at] = g.weights[i] as number;
      fill[cu] = at + 1;
    }
  }
  return mergeParallel(count, degree, neighbors, weights, loops, g.totalWeight);
}

/** Rewrites ids to 0..count-1 in order of first appearance; returns count. */
function renumber(ids: Int32Array): number {
  const map = new Map<number, number>();
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i] as number;
    let dense = map.get(id);
    if (dense === undefined) {
      dense = map.size;
      map.set(id, dense);
    }
    ids[i] = dense;
  }
  return map.size;
}

function modularityOfLevel(
  g: UndirectedProjection,
  community: Int32Array,
  total: Float64Array,
  resolution: number,
): number {
  const m = g.totalWeight;
  let internal = 0;
  for (let u = 0; u < g.nodeCount; u++) {
    internal += g.loops[u] as number;
    const cu = community[u] as number;
    for (let i = g.offsets[u] as number; i < (g.offsets[u + 1] as number); i++) {
      if (community[g.neighbors[i] as number] === cu) internal += (g.weights[i] as number) / 2;
    }
  }
  let expected = 0;
  for (let c = 0; c < total.length; c++) expected += ((total[c] as number) / (2 * m)) ** 2;
  return internal / m - resolution * expected;
}

/**
 * Newman's modularity of a partition: Q = sum over communities of internal/m - (degree/2m)^2, with m
 * the total edge weight and a loop counting twice towards its node's degree; resolution scales the
 * second term.
 */
export function modularity(
  projection: UndirectedProjection,
  communities: Int32Array,
  resolution = 1,
): number {
  const n = projection.nodeCount;
  if (projection.totalWeight <= 0) return 0;
  let max = 0;
  for (let u = 0; u < n; u++) max = Math.max(max, communities[u] as number);
  const total = new Float64Array(Math.max(n, max + 1));
  for (let u = 0; u < n; u++) {
    let k = 2 * (projection.loops[u] as number);
    for (let i = projection.offsets[u] as number; i < (projection.offsets[u + 1] as number); i++) {
      k += projection.weights[i] as number;
    }
    const c = communities[u] as number;
    total[c] = (total[c] as number) + k;
  }
  return modularityOfLevel(projection, communities, total, resolution);
}
