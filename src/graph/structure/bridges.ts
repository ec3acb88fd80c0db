import type { TransferGraphView } from '../transferGraphView.js';
import { checkCommunities } from './riskyCommunities.js';

export interface BridgeNode {
  node: number;
  address: string;
  betweenness: number;
  community: number;
  /** Risky communities the node belongs to or trades with directly. */
  riskyCommunities: number[];
  /** Every other community it belongs to or trades with directly. */
  otherCommunities: number[];
}

export interface BridgesOptions {
  /** At most this many, highest betweenness first. Default 20. */
  limit?: number;
}

/**
 * Nodes that link a risky community to another community (by membership or a direct edge either way),
 * ranked by betweenness: the addresses through which funds most likely leave or enter the cluster.
 * Nodes with zero betweenness are not bridges; only nodes in the ranked prefix are inspected.
 */
export function bridges(
  graph: TransferGraphView,
  communities: Int32Array,
  betweennessScores: Float64Array,
  riskyCommunityIds: Iterable<number>,
  options: BridgesOptions = {},
): BridgeNode[] {
  const n = graph.nodeCount;
  checkCommunities(communities, n);
  if (betweennessScores.length !== n) throw new RangeError('one betweenness score per node expected');
  const limit = options.limit ?? 20;
  const risky = new Set(riskyCommunityIds);
  if (risky.size === 0 || limit <= 0) return [];

  const candidates: number[] = [];
  for (let u = 0; u < n; u++) if ((betweennessScores[u] as number) > 0) candidates.push(u);
  candidates.sort((a, b) => (betweennessScores[b] as number) - (betweennessScores[a] as number) || a - b);

  const found: BridgeNode[] = [];
  const touched = new Set<number>();
  for (const u of candidates) {
    touched.clear();
    touched.add(communities[u] as number);
    const note = (edge: number): void => {
      const other = graph.edgeFrom(edge) === u ? graph.edgeTo(edge) : graph.edgeFrom(edge);
      touched.add(communities[other] as number);
    };
    graph.forEachOut(u, note);
    graph.forEachIn(u, note);
    if (touched.size < 2) continue;
    const riskyHere: number[] = [];
    const others: number[] = [];
    for (const c of touched) (risky.has(c) ? riskyHere : others).push(c);
    if (riskyHere.length === 0) continue;
    // Two risky communities joined by this node also count: the link itself is the finding.
    found.push({
      node: u,
      address: graph.addressOf(u),
      betweenness: betweennessScores[u] as number,
      community: communities[u] as number,
      riskyCommunities: riskyHere.sort((a, b) => a - b),
      otherCommunities: others.sort((a, b) => a - b),
    });
    if (found.length >= limit) break;
  }
  return found;
}
