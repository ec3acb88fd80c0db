import { z } from 'zod';
import { ValidationError } from '../../core/errors.js';
import type { Label } from '../../core/label.js';
import { describeZodIssues } from '../../core/zodIssues.js';
import { type ClusterEntitiesOptions, clusterEntities } from '../clustering/clusterEntities.js';
import { labelClusters } from '../clustering/labelClusters.js';
import { categoryWeight, DEFAULT_CATEGORY_WEIGHTS } from '../exposure/riskScore.js';
import { buildScreeningContext } from '../screening/screeningContext.js';
import { betweenness } from '../structure/betweenness.js';
import { bridges } from '../structure/bridges.js';
import { louvain } from '../structure/louvain.js';
import { pageRank } from '../structure/pageRank.js';
import { rankRiskyCommunities } from '../structure/riskyCommunities.js';
import type { TransferGraphView } from '../transferGraphView.js';
import { nodeRisk } from './nodeRisk.js';

export const graphReportOptionsSchema = z.object({
  /** How many labelled clusters, risky communities and bridges are listed (and members per cluster). */
  top: z.number().int().min(1).max(1000).default(10),
  /** Louvain resolution: above 1 gives smaller communities. */
  resolution: z.number().positive().max(1000).default(1),
  /** Betweenness source samples; exact once at least the node count. */
  samples: z.number().int().min(1).max(10_000_000).default(256),
  /** Seeds Louvain's visiting order and the betweenness samples. */
  seed: z.number().int().min(0).max(0xffffffff).default(1),
  /** Hops each risk screen traces back. */
  maxHops: z.number().int().min(1).max(8).default(3),
  /** Nodes with more inflows are not traced through (exchanges, pools); 0 means no limit. */
  hubInDegree: z.number().int().min(0).default(1_000),
  /** Cap on nodes screened for risk, nearest to a source first. */
  maxScreens: z.number().int().min(0).default(100_000),
  /**
   * Category → severity. Exchanges weigh 0 by default, as in the live graph watch: a labelled exchange
   * names an entity, it is no risk source.
   */
  categoryWeights: z
    .record(z.string(), z.number().min(0).max(1))
    .default({ ...DEFAULT_CATEGORY_WEIGHTS, exchange: 0 }),
});
export type GraphReportSettings = z.input<typeof graphReportOptionsSchema>;
export type ResolvedGraphReportSettings = z.output<typeof graphReportOptionsSchema>;

export interface GraphReportOptions extends GraphReportSettings {
  /** Passed to clusterEntities: heuristics on or off, their thresholds, UTXO transactions. */
  clustering?: ClusterEntitiesOptions;
}

export function parseGraphReportOptions(input: unknown): ResolvedGraphReportSettings {
  const parsed = graphReportOptionsSchema.safeParse(input ?? {});
  if (!parsed.success) {
    throw new ValidationError(
      'INPUT_INVALID',
      'graph report options',
      describeZodIssues(parsed.error, input),
    );
  }
  return parsed.data;
}

export interface LabelledMember {
  address: string;
  labels: string[];
}

export interface LabelledCluster {
  cluster: number;
  size: number;
  /** Every label a member carries, so every member's labels now. */
  labels: string[];
  /** Members carrying labels themselves (at most top, earliest seen first). */
  carriers: LabelledMember[];
  /** Members that gain labels they did not carry, and how many there are in all. */
  inheritingMembers: number;
  inheritors: LabelledMember[];
}

export interface ReportedNode {
  address: string;
  risk: number;
  pageRank: number;
  labels: string[];
}

export interface ReportedCommunity {
  community: number;
  size: number;
  totalRisk: number;
  meanRisk: number;
  riskyMembers: number;
  top: ReportedNode;
}

export interface ReportedBridge {
  address: string;
  betweenness: number;
  pageRank: number;
  risk: number;
  community: number;
  /** Ranked risky communities it is in or trades with directly. */
  riskyCommunities: number[];
  /** The other communities it is in or trades with: the first `top` ids, and how many in all. */
  otherCommunities: number[];
  otherCommunityCount: number;
  /** Detected by deposit-address reuse as an exchange hot wallet: a service, not an owner's link. */
  hotWallet: boolean;
  /** Its own labels, then labels it inherits from its entity cluster. */
  labels: string[];
  inheritedLabels: string[];
}

export interface GraphReportTimings {
  labels: number;
  clustering: number;
  clusterLabels: number;
  risk: number;
  louvain: number;
  riskyCommunities: number;
  betweenness: number;
  pageRank: number;
  bridges: number;
  total: number;
}

export interface GraphReport {
  settings: ResolvedGraphReportSettings;
  graph: { nodes: number; edges: number; labelledAddresses: number; riskSources: number };
  clusters: {
    count: number;
    /** Clusters of two or more addresses: the ones a heuristic formed. */
    multiAddress: number;
    largest: number;
    /** Multi-address clusters with a labelled member; `list` keeps the top by size. */
    labelled: number;
    inheritingAddresses: number;
    list: LabelledCluster[];
  };
  risk: {
    candidates: number;
    screened: number;
    notScreened: number;
    truncatedScreens: number;
    riskyNodes: number;
  };
  communities: {
    count: number;
    modularity: number;
    levels: number;
    /** Communities holding any risk; `list` keeps the top by total risk. */
    risky: number;
    list: ReportedCommunity[];
  };
  centrality: { betweennessSamples: number; pageRankIterations: number; pageRankConverged: boolean };
  bridges: ReportedBridge[];
  timingsMs: GraphReportTimings;
}

/** How a label reads in a report: "Lazarus Group (sanctions)". */
export function labelText(label: Label): string {
  return `${label.label} (${label.category})`;
}

/**
 * The structure report over one chain's graph: entity clusters that carry labels and who inherits
 * them, the communities (Louvain) where risk concentrates, and the addresses with the highest sampled
 * betweenness that join those communities to the rest, each with its PageRank.
 *
 * Per-node risk is the exposure screener's score (backward haircut and poison taint over maxHops,
 * labelled categories weighted), computed only where it can be non-zero (see nodeRisk): forward of
 * the labelled sources. Bridges are looked for between the listed (top) risky communities and the
 * others. Labels of addresses not on the graph are ignored. Deterministic for a given seed.
 */
export function buildGraphReport(
  graph: TransferGraphView,
  labels: Iterable<Label>,
  options: GraphReportOptions = {},
): GraphReport {
  const { clustering: clusteringOptions, ...rest } = options;
  const settings = parseGraphReportOptions(rest);
  const { top } = settings;
  const started = performance.now();
  let mark = started;
  const lap = (): number => {
    const now = performance.now();
    const ms = now - mark;
    mark = now;
    return round(ms, 1);
  };

  const context = buildScreeningContext({ graph, labels, categoryWeights: settings.categoryWeights });
  const textByNode = new Map<number, string[]>();
  for (const [address, list] of context.labelsByAddress) {
    textByNode.set(graph.nodeOf(address), [...new Set(list.map(labelText))].sort());
  }
  const ownLabels = (node: number): string[] => [...(textByNode.get(node) ?? [])];
  // Sources whose category weighs nothing would only stop the screener's traces.
  const sources = new Map<number, string>();
  for (const [node, category] of context.sources) {
    if (categoryWeight(category, settings.categoryWeights) > 0) sources.set(node, category);
  }
  const timeLabels = lap();

  const entities = clusterEntities(graph, clusteringOptions);
  const timeClustering = lap();
  const clusterLabels = labelClusters(entities.clusters, textByNode);
  const { clusters } = entities;
  const members = new Map<number, { carriers: number[]; inheritors: number[]; inheriting: number }>();
  for (const cluster of clusterLabels.byCluster.keys()) {
    if ((clusters.sizes[cluster] as number) >= 2)
      members.set(cluster, { carriers: [], inheritors: [], inheriting: 0 });
  }
  for (let node = 0; node < graph.nodeCount; node++) {
    const entry = members.get(clusters.clusterOf[node] as number);
    if (!entry) continue;
    if (textByNode.has(node) && entry.carriers.length < top) entry.carriers.push(node);
    if (clusterLabels.inheritedBy.has(node)) {
      entry.inheriting++;
      if (entry.inheritors.length < top) entry.inheritors.push(node);
    }
  }
  let multiAddress = 0;
  let largest = 0;
  for (let c = 0; c < clusters.count; c++) {
    const size = clusters.sizes[c] as number;
    if (size >= 2) multiAddress++;
    largest = Math.max(largest, size);
  }
  let inheritingAddresses = 0;
  for (const entry of members.values()) inheritingAddresses += entry.inheriting;
  const clusterList: LabelledCluster[] = [...members.entries()]
    .sort(([a], [b]) => (clusters.sizes[b] as number) - (clusters.sizes[a] as number) || a - b)
    .slice(0, top)
    .map(([cluster, entry]) => ({
      cluster,
      size: clusters.sizes[cluster] as number,
      labels: [...(clusterLabels.byCluster.get(cluster) ?? [])],
      carriers: entry.carriers.map((node) => ({ address: graph.addressOf(node), labels: ownLabels(node) })),
      inheritingMembers: entry.inheriting,
      inheritors: entry.inheritors.map((node) => ({
        address: graph.addressOf(node),
        labels: [...(clusterLabels.inheritedBy.get(node) ?? [])],
      })),
    }));
  const timeClusterLabels = lap();

  const risk = nodeRisk(graph, sources, settings);
  const timeRisk = lap();
  const communities = louvain(graph, { resolution: settings.resolution, seed: settings.seed });
  const timeLouvain = lap();
  const riskOf = (node: number): number => risk.risk[node] as number;
  const allRisky = rankRiskyCommunities(graph, communities.communities, riskOf);
  const ranked = allRisky.slice(0, top);
  const timeRanking = lap();
  const between = betweenness(graph, { samples: settings.samples, seed: settings.seed });
  const timeBetweenness = lap();
  const rank = pageRank(graph);
  const timePageRank = lap();
  const found = bridges(
    graph,
    communities.communities,
    between.scores,
    ranked.map((c) => c.community),
    { limit: top },
  );
  const hotWallets = new Set(entities.hotWallets);
  const reportedBridges: ReportedBridge[] = found.map((b) => {
    const own = textByNode.get(b.node) ?? [];
    return {
      address: b.address,
      betweenness: round(b.betweenness, 3),
      pageRank: rank.scores[b.node] as number,
      risk: round(riskOf(b.node), 6),
      community: b.community,
      riskyCommunities: b.riskyCommunities,
      otherCommunities: b.otherCommunities.slice(0, top),
      otherCommunityCount: b.otherCommunities.length,
      hotWallet: hotWallets.has(b.node),
      labels: [...own],
      inheritedLabels: [...(clusterLabels.inheritedBy.get(b.node) ?? [])],
    };
  });
  const timeBridges = lap();

  return {
    settings,
    graph: {
      nodes: graph.nodeCount,
      edges: graph.edgeCount,
      labelledAddresses: textByNode.size,
      riskSources: sources.size,
    },
    clusters: {
      count: clusters.count,
      multiAddress,
      largest,
      labelled: members.size,
      inheritingAddresses,
      list: clusterList,
    },
    risk: {
      candidates: risk.candidates,
      screened: risk.screened,
      notScreened: risk.notScreened,
      truncatedScreens: risk.truncatedScreens,
      riskyNodes: risk.riskyNodes,
    },
    communities: {
      count: communities.communityCount,
      modularity: round(communities.modularity, 6),
      levels: communities.levels,
      risky: allRisky.length,
      list: ranked.map((c) => ({
        community: c.community,
        size: c.size,
        totalRisk: round(c.totalRisk, 6),
        meanRisk: round(c.meanRisk, 6),
        riskyMembers: c.riskyMembers,
        top: {
          address: c.topAddress,
          risk: round(c.topRisk, 6),
          pageRank: rank.scores[c.topNode] as number,
          labels: ownLabels(c.topNode),
        },
      })),
    },
    centrality: {
      betweennessSamples: between.samples,
      pageRankIterations: rank.iterations,
      pageRankConverged: rank.converged,
    },
    bridges: reportedBridges,
    timingsMs: {
      labels: timeLabels,
      clustering: timeClustering,
      clusterLabels: timeClusterLabels,
      risk: timeRisk,
      louvain: timeLouvain,
      riskyCommunities: timeRanking,
      betweenness: timeBetweenness,
      pageRank: timePageRank,
      bridges: timeBridges,
      total: round(performance.now() - started, 1),
    },
  };
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
