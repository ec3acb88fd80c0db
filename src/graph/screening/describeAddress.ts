import type { Label } from '../../core/label.js';
import type { ScreeningResult } from '../exposure/exposureScreener.js';
import { categoryWeight, DEFAULT_CATEGORY_WEIGHTS } from '../exposure/riskScore.js';
import { addressActivity } from './addressActivity.js';
import { type PairLookupGraph, selectNeighbourhood } from './addressNeighbourhood.js';
import type {
  ActivityBucketSize,
  AddressActivity,
  AddressNeighbourhood,
  AddressRisk,
  NodeLabel,
  RiskSource,
} from './addressView.js';

export interface DescribeAddressInput {
  graph: PairLookupGraph;
  node: number;
  /** The labels of every labelled address on the graph. */
  labelsByAddress: ReadonlyMap<string, readonly Label[]>;
  /** The address's own screen; its explaining paths are drawn first. */
  screen: ScreeningResult;
  /** How many hops back that screen traced. */
  screenHops: number;
  /** The screener's risk score of another node of the graph. */
  riskOf(node: number): number;
  hops: number;
  maxNodes: number;
  bucket: ActivityBucketSize | 'auto';
}

const LISTED_SOURCES = 10;
const ON_RISK_PATH = 2;
const LABELLED = 1;

/** Risk summary, activity over time and drawn neighbourhood of one address on a loaded graph. */
export function describeAddress(input: DescribeAddressInput): {
  risk: AddressRisk;
  activity: AddressActivity;
  neighbourhood: AddressNeighbourhood;
} {
  return {
    risk: riskSummary(input.screen, input.screenHops, input.labelsByAddress),
    activity: addressActivity(input.graph, input.node, { bucket: input.bucket }),
    neighbourhood: neighbourhood(input),
  };
}

function neighbourhood(input: DescribeAddressInput): AddressNeighbourhood {
  const { graph, labelsByAddress, screen } = input;
  const onRiskPath = new Set<string>();
  for (const hit of screen.indirect)
    for (const path of hit.paths) for (const a of path.nodes) onRiskPath.add(a);
  const selection = selectNeighbourhood(graph, input.node, {
    hops: input.hops,
    maxNodes: input.maxNodes,
    tierOf: (node) => {
      const address = graph.addressOf(node);
      if (onRiskPath.has(address)) return ON_RISK_PATH;
      return labelsByAddress.has(address) ? LABELLED : 0;
    },
  });
  const nodes = selection.nodes.map((node, i) => {
    const address = graph.addressOf(node);
    const labels = labelsByAddress.get(address) ?? [];
    const category = heaviestCategory(labels);
    return {
      address,
      hops: selection.hops[i] as number,
      isCenter: i === 0,
      labels: labels.map(nodeLabel),
      ...(category === undefined ? {} : { category }),
      risk: i === 0 ? screen.riskScore : input.riskOf(node),
      inDegree: graph.inDegree(node),
      outDegree: graph.outDegree(node),
    };
  });
  const edges = selection.edges.map((edge) => ({
    from: graph.addressOf(graph.edgeFrom(edge)),
    to: graph.addressOf(graph.edgeTo(edge)),
    value: graph.edgeValue(edge),
    transfers: graph.edgeTransfers(edge),
    firstTime: graph.edgeFirstTime(edge),
    lastTime: graph.edgeLastTime(edge),
  }));
  return {
    hops: input.hops,
    maxNodes: input.maxNodes,
    nodes,
    edges,
    truncated: selection.truncated,
    seen: selection.seen,
  };
}

function riskSummary(
  screen: ScreeningResult,
  hops: number,
  labelsByAddress: ReadonlyMap<string, readonly Label[]>,
): AddressRisk {
  const labelOf = (address: string): { label?: string } => {
    const text = labelsByAddress.get(address)?.[0]?.label;
    return text === undefined ? {} : { label: text };
  };
  const weight = (category: string) => categoryWeight(category, DEFAULT_CATEGORY_WEIGHTS);
  const direct: RiskSource[] = [...screen.direct]
    .sort((a, b) => weight(b.category) - weight(a.category) || b.value - a.value)
    .map((d) => ({
      source: d.source,
      category: d.category,
      relation: d.relation,
      hops: d.relation === 'self' ? 0 : 1,
      ...(d.relation === 'self' ? {} : { value: d.value }),
      ...labelOf(d.source),
    }));
  // A source that paid the address directly is also a one-hop trace: one entry, with the traced share.
  const paidDirectly = new Map(direct.filter((d) => d.relation === 'received').map((d) => [d.source, d]));
  const traced: RiskSource[] = [];
  for (const hit of screen.indirect) {
    const same = hit.hops === 1 ? paidDirectly.get(hit.source) : undefined;
    if (same !== undefined) {
      same.share = hit.haircutShare;
      continue;
    }
    const path = hit.paths[0]?.nodes;
    traced.push({
      source: hit.source,
      category: hit.category,
      relation: 'traced',
      hops: hit.hops,
      share: hit.haircutShare,
      ...(path === undefined ? {} : { path }),
      ...labelOf(hit.source),
    });
  }
  const all = [...direct, ...traced];
  return {
    score: screen.riskScore,
    hops,
    sources: all.slice(0, LISTED_SOURCES),
    moreSources: Math.max(0, all.length - LISTED_SOURCES),
    truncated: screen.explored.truncated,
  };
}

function nodeLabel(label: Label): NodeLabel {
  return { category: label.category, label: label.label, source: label.source };
}

/** The category that weighs most (sanctions over hack over scam ... over exchange), first one on ties. */
export function heaviestCategory(labels: readonly Label[]): string | undefined {
  let best: Label | undefined;
  for (const label of labels) {
    if (
      best === undefined ||
      categoryWeight(label.category, DEFAULT_CATEGORY_WEIGHTS) >
        categoryWeight(best.category, DEFAULT_CATEGORY_WEIGHTS)
    ) {
      best = label;
    }
  }
  return best?.category;
}
