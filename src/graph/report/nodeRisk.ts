import { ExposureScreener, type ExposureSources } from '../exposure/exposureScreener.js';
import type { TransferGraphView } from '../transferGraphView.js';

export interface NodeRiskOptions {
  /** How far back each screen traces, and so how far forward from a source candidates are looked for. */
  maxHops: number;
  /** Nodes with more inflows than this are not traced through (0: no limit); see ExposureScreener. */
  hubInDegree: number;
  /** At most this many nodes are screened, nearest to a source first; the rest keep risk 0. */
  maxScreens: number;
  /** Category → severity in [0, 1], as the screener takes it. */
  categoryWeights: Readonly<Record<string, number>>;
}

export interface NodeRisk {
  /** The screener's riskScore of every node, 0 for nodes no source can reach. */
  risk: Float64Array;
  /** Nodes that could have a risk above zero (see nodeRisk). */
  candidates: number;
  screened: number;
  /** Candidates left unscreened (risk 0) because of maxScreens. */
  notScreened: number;
  /** Screens stopped at the screener's work bound, whose risk may be too low. */
  truncatedScreens: number;
  riskyNodes: number;
}

/**
 * The exposure screener's risk score for every node, screening only the nodes it can be non-zero for.
 *
 * A node's score is above zero only if it is a source, paid a source directly, or can be traced back
 * to a source over at most maxHops transfers whose intermediate nodes the screener expands (not a
 * source, not a hub). Every such node lies at most maxHops transfers forward of a source along a walk
 * that passes only through non-hub nodes, so a forward breadth-first walk from all sources (not
 * expanding hubs) plus the sources' direct payers finds all of them. The walk ignores transfer times,
 * which only adds candidates the screen then scores 0; the scores are therefore exactly what screening
 * each node alone gives, at a cost proportional to the sources' neighbourhoods, not the graph. One
 * screener is reused for all screens. Past maxScreens candidates the farthest are left at 0 and
 * counted in notScreened.
 */
export function nodeRisk(
  graph: TransferGraphView,
  sources: ExposureSources,
  options: NodeRiskOptions,
): NodeRisk {
  const n = graph.nodeCount;
  const risk = new Float64Array(n);
  const empty = { risk, candidates: 0, screened: 0, notScreened: 0, truncatedScreens: 0, riskyNodes: 0 };
  if (sources.size === 0 || n === 0) return empty;

  const { maxHops, hubInDegree } = options;
  const depth = new Int8Array(n).fill(-1);
  const queue = new Int32Array(n);
  let tail = 0;
  for (const node of sources.keys()) {
    if (node < 0 || node >= n || depth[node] !== -1) continue;
    depth[node] = 0;
    queue[tail++] = node;
  }
  let from = 0;
  const onOut = (edge: number): void => {
    const next = graph.edgeTo(edge);
    if (depth[next] !== -1) return;
    depth[next] = (depth[from] as number) + 1;
    queue[tail++] = next;
  };
  for (let head = 0; head < tail; head++) {
    from = queue[head] as number;
    const d = depth[from] as number;
    if (d >= maxHops) continue;
    // The screener never traces through a hub, so nothing beyond one is reached through it.
    const isSource = sources.has(from);
    if (!isSource && hubInDegree > 0 && graph.inDegree(from) > hubInDegree) continue;
    graph.forEachOut(from, onOut);
  }
  // Direct payers of a source score OUTBOUND_ONLY_EXPOSURE; they come last, after the forward walk.
  const onIn = (edge: number): void => {
    const payer = graph.edgeFrom(edge);
    if (depth[payer] !== -1) return;
    depth[payer] = maxHops;
    queue[tail++] = payer;
  };
  for (const node of sources.keys()) if (node >= 0 && node < n) graph.forEachIn(node, onIn);

  const screens = Math.min(tail, Math.max(0, options.maxScreens));
  const screener = new ExposureScreener(graph, sources, {
    maxHops,
    maxPaths: 1,
    hubInDegree,
    categoryWeights: { ...options.categoryWeights },
  });
  let truncatedScreens = 0;
  let riskyNodes = 0;
  for (let i = 0; i < screens; i++) {
    const node = queue[i] as number;
    const result = screener.screenNode(node);
    if (result.explored.truncated) truncatedScreens++;
    risk[node] = result.riskScore;
    if (result.riskScore > 0) riskyNodes++;
  }
  return {
    risk,
    candidates: tail,
    screened: screens,
    notScreened: tail - screens,
    truncatedScreens,
    riskyNodes,
  };
}
