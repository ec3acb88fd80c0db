import type { Clusters } from '../clustering/unionFind.js';
import {
  ExposureScreener,
  type ExposureSources,
  type ScreeningOptions,
} from '../exposure/exposureScreener.js';
import { TransferGraph } from '../graph/transferGraph.js';
import type { LaunderingScenario } from './launderingScenario.js';

/**
 * The scenario's transfers as a TransferGraph whose node ids equal the scenario's address indices
 * (every address is registered first, in order), so ground truth indexes the graph directly.
 */
export function buildScenarioGraph(scenario: LaunderingScenario): TransferGraph {
  const graph = new TransferGraph({ nodes: scenario.addresses.length, edges: scenario.transfers.length });
  for (const address of scenario.addresses) graph.nodeFor(address);
  for (const t of scenario.transfers) graph.addTransferBetween(t.from, t.to, t.value, t.time);
  return graph;
}

export function scenarioSources(scenario: LaunderingScenario): ExposureSources {
  return new Map(scenario.sources.map((s) => [s.address, s.category]));
}

export interface ExposureEvaluationOptions {
  /** riskScore strictly above this flags an address as exposed. */
  threshold: number;
  screening?: ScreeningOptions;
}

export interface ExposureEvaluation {
  threshold: number;
  maxHops: number;
  /** Addresses screened: every address but the labelled sources. */
  screened: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  /** Recall over tainted addresses at most maxHops laundering hops from a source (what k can reach). */
  recallWithinHops: number;
  /** Flagged, truly tainted, and the top indirect source is one that truly fed the address. */
  attributedCorrectly: number;
  truncatedScreens: number;
}

/** Screens every non-source address and compares "riskScore > threshold" with the taint truth. */
export function evaluateExposure(
  scenario: LaunderingScenario,
  graph: TransferGraph,
  options: ExposureEvaluationOptions,
): ExposureEvaluation {
  const sources = scenarioSources(scenario);
  const screener = new ExposureScreener(graph, sources, options.screening ?? {});
  const maxHops = options.screening?.maxHops ?? 3;
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let reachable = 0;
  let reachableHit = 0;
  let attributed = 0;
  let truncated = 0;
  let screened = 0;
  for (let node = 0; node < scenario.addresses.length; node++) {
    if (sources.has(node)) continue;
    screened++;
    const result = screener.screenNode(node);
    if (result.explored.truncated) truncated++;
    const flagged = result.riskScore > options.threshold;
    const truth = scenario.taint.get(node);
    if (truth !== undefined && truth.hops <= maxHops) {
      reachable++;
      if (flagged) reachableHit++;
    }
    if (flagged && truth !== undefined) {
      tp++;
      const top = result.indirect[0];
      if (top !== undefined && truth.sources.includes(graph.nodeOf(top.source))) attributed++;
    } else if (flagged) fp++;
    else if (truth !== undefined) fn++;
  }
  return {
    threshold: options.threshold,
    maxHops,
    screened,
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    precision: ratio(tp, tp + fp),
    recall: ratio(tp, tp + fn),
    recallWithinHops: ratio(reachableHit, reachable),
    attributedCorrectly: attributed,
    truncatedScreens: truncated,
  };
}

export interface ClusteringEvaluation {
  addresses: number;
  clusters: number;
  entities: number;
  /** Address pairs in one true entity / in one found cluster / in both. */
  truePairs: number;
  predictedPairs: number;
  truePositivePairs: number;
  precision: number;
  recall: number;
}

/**
 * Pairwise precision and recall of found clusters against the true entities, over every scenario
 * address, from the cluster × entity contingency counts (no pair is enumerated).
 */
export function evaluateClustering(scenario: LaunderingScenario, clusters: Clusters): ClusteringEvaluation {
  const n = scenario.addresses.length;
  const cells = new Map<number, number>();
  const entitySizes = new Int32Array(scenario.entityCount);
  const clusterSizes = new Map<number, number>();
  for (let node = 0; node < n; node++) {
    const cluster = clusters.clusterOf[node] as number;
    const entity = scenario.entityOf[node] as number;
    entitySizes[entity] = (entitySizes[entity] as number) + 1;
    clusterSizes.set(cluster, (clusterSizes.get(cluster) ?? 0) + 1);
    const key = cluster * scenario.entityCount + entity;
    cells.set(key, (cells.get(key) ?? 0) + 1);
  }
  const pairs = (k: number): number => (k * (k - 1)) / 2;
  let truePairs = 0;
  for (const size of entitySizes) truePairs += pairs(size);
  let predictedPairs = 0;
  for (const size of clusterSizes.values()) predictedPairs += pairs(size);
  let both = 0;
  for (const size of cells.values()) both += pairs(size);
  return {
    addresses: n,
    clusters: clusterSizes.size,
    entities: scenario.entityCount,
    truePairs,
    predictedPairs,
    truePositivePairs: both,
    precision: ratio(both, predictedPairs),
    recall: ratio(both, truePairs),
  };
}

/** 0/0 counts as 1: no predictions made means none were wrong (and nothing to find means none missed). */
function ratio(numerator: number, denominator: number): number {
  return denominator === 0 ? 1 : numerator / denominator;
}
