import { ValidationError } from '../../core/errors.js';
import type { TransferGraphView } from '../transferGraphView.js';

export interface RiskyCommunity {
  community: number;
  size: number;
  totalRisk: number;
  meanRisk: number;
  /** Members with risk above zero. */
  riskyMembers: number;
  /** The riskiest member, which explains why the community ranks where it does. */
  topNode: number;
  topAddress: string;
  topRisk: number;
}

export interface RankRiskyCommunitiesOptions {
  /** Sort key. Default 'total': one big laundering cluster outranks a lone flagged address. */
  by?: 'total' | 'mean';
  /** Ignore communities smaller than this. Default 1. */
  minSize?: number;
  /** At most this many, riskiest first. Default: all. */
  limit?: number;
}

/**
 * Ranks communities (from louvain) by the risk of their members; riskOfNode is any per-node score
 * (exposure, label severity) and must be finite and non-negative. Communities without risk are left out.
 */
export function rankRiskyCommunities(
  graph: TransferGraphView,
  communities: Int32Array,
  riskOfNode: (node: number) => number,
  options: RankRiskyCommunitiesOptions = {},
): RiskyCommunity[] {
  const n = graph.nodeCount;
  checkCommunities(communities, n);
  let count = 0;
  for (let u = 0; u < n; u++) count = Math.max(count, (communities[u] as number) + 1);
  const size = new Int32Array(count);
  const total = new Float64Array(count);
  const risky = new Int32Array(count);
  const top = new Int32Array(count).fill(-1);
  const topRisk = new Float64Array(count);
  for (let u = 0; u < n; u++) {
    const c = communities[u] as number;
    const r = riskOfNode(u);
    if (!(r >= 0 && Number.isFinite(r))) {
      throw new ValidationError('INPUT_INVALID', 'node risk', [
        { path: `nodes[${u}]`, message: `risk ${r} is not a finite non-negative number` },
      ]);
    }
    size[c] = (size[c] as number) + 1;
    total[c] = (total[c] as number) + r;
    if (r > 0) risky[c] = (risky[c] as number) + 1;
    if (r > (topRisk[c] as number)) {
      topRisk[c] = r;
      top[c] = u;
    }
  }
  const minSize = options.minSize ?? 1;
  const ranked: RiskyCommunity[] = [];
  for (let c = 0; c < count; c++) {
    const s = size[c] as number;
    const t = total[c] as number;
    if (t <= 0 || s < minSize) continue;
    const topNode = top[c] as number;
    ranked.push({
      community: c,
      size: s,
      totalRisk: t,
      meanRisk: t / s,
      riskyMembers: risky[c] as number,
      topNode,
      topAddress: graph.addressOf(topNode),
      topRisk: topRisk[c] as number,
    });
  }
  const key = options.by === 'mean' ? 'meanRisk' : 'totalRisk';
  ranked.sort((a, b) => b[key] - a[key] || b.size - a.size || a.community - b.community);
  return options.limit === undefined ? ranked : ranked.slice(0, options.limit);
}

export function checkCommunities(communities: Int32Array, nodeCount: number): void {
  if (communities.length !== nodeCount) {
    throw new ValidationError('INPUT_INVALID', 'communities', [
      { path: 'length', message: `has ${communities.length} entries for ${nodeCount} nodes` },
    ]);
  }
  for (let u = 0; u < nodeCount; u++) {
    if ((communities[u] as number) < 0) {
      throw new ValidationError('INPUT_INVALID', 'communities', [
        { path: `[${u}]`, message: 'community ids must be non-negative' },
      ]);
    }
  }
}
