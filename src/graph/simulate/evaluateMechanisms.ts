import { clusterEntities } from '../clustering/clusterEntities.js';
import { newClusteringRun } from '../clustering/clusteringRun.js';
import { linkCommonFunding } from '../clustering/commonFunding.js';
import { linkDepositAddressReuse } from '../clustering/depositAddressReuse.js';
import { createLinkabilityIndex } from '../clustering/linkability.js';
import type { MixerPair, MixerPairOptions } from '../clustering/mixerPairs.js';
import { type Clusters, UnionFind } from '../clustering/unionFind.js';
import type { TransferGraph } from '../graph/transferGraph.js';
import {
  type MixerPairEvaluation,
  matchScenarioMixer,
  scenarioMixerEvents,
  scenarioMixerPairOptions,
} from './evaluateMixerPairs.js';
import { type ClusteringEvaluation, evaluateClustering } from './evaluateScenario.js';
import type { LaunderingScenario } from './launderingScenario.js';

export type Mechanism =
  | 'depositReuse'
  | 'commonFunding'
  | 'mixerPairs'
  | 'depositReuse+commonFunding'
  | 'all';

export interface MechanismEvaluation extends ClusteringEvaluation {
  mechanism: Mechanism;
}

export interface MechanismsEvaluation {
  /** Pairwise precision/recall of each heuristic alone, of clusterEntities' default, and of all. */
  clustering: MechanismEvaluation[];
  mixerPairs: MixerPairEvaluation;
  linkability: LinkabilityEvaluation;
}

export interface MechanismsOptions {
  mixerPairs?: MixerPairOptions;
  /** A linkability score at or above this flags an address as linked (default 0.3, the monitor's). */
  linkabilityThreshold?: number;
}

/**
 * Scores every clustering mechanism on the scenario against its true entities: deposit-address reuse
 * and common funding each alone (with their own defaults: alone, common funding does not know which
 * funders are exchange hot wallets), mixer deposit/withdrawal pairs alone (each pair joins the
 * depositing and the receiving address), clusterEntities as the monitor runs it (deposit reuse, then
 * common funding without the hot wallets it found), and that plus the mixer pairs. The linkability
 * score built on all of them is scored per address against the share of its activity truly with its
 * own entity.
 */
export function evaluateMechanisms(
  scenario: LaunderingScenario,
  graph: TransferGraph,
  options: MechanismsOptions = {},
): MechanismsEvaluation {
  const n = graph.nodeCount;
  const rows: MechanismEvaluation[] = [];
  const score = (mechanism: Mechanism, clusters: Clusters): void => {
    rows.push({ mechanism, ...evaluateClustering(scenario, clusters) });
  };

  const deposit = newClusteringRun(n);
  linkDepositAddressReuse(graph, deposit);
  score('depositReuse', deposit.unions.clusters());

  const funding = newClusteringRun(n);
  linkCommonFunding(graph, funding);
  score('commonFunding', funding.unions.clusters());

  const { pairs, evaluation: mixerPairs } = matchScenarioMixer(scenario, options.mixerPairs);
  const mixer = new UnionFind(n);
  unitePairs(scenario, mixer, pairs);
  score('mixerPairs', mixer.clusters());

  const combined = clusterEntities(graph);
  score('depositReuse+commonFunding', combined.clusters);
  const all = new UnionFind(n);
  uniteClusters(all, combined.clusters);
  unitePairs(scenario, all, pairs);
  score('all', all.clusters());

  const events = scenarioMixerEvents(scenario);
  const index = createLinkabilityIndex(graph, combined.links, {
    mixer: {
      ...events,
      pairs: scenarioMixerPairOptions(scenario, options.mixerPairs),
      poolAddresses: [scenario.addresses[scenario.mixer.pool] as string],
    },
  });
  const linkability = evaluateLinkability(
    scenario,
    graph,
    (node) => index.linkabilityOf(scenario.addresses[node] as string).score,
    options.linkabilityThreshold ?? 0.3,
  );
  return { clustering: rows, mixerPairs, linkability };
}

export interface LinkabilityEvaluation {
  threshold: number;
  /** Addresses with any activity, less the mixer pool and the exchange's hot wallets. */
  addresses: number;
  /** Score ≥ threshold and truly ≥ threshold, score only, truth only. */
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  /** Mean |score - true share| over the addresses. */
  meanAbsoluteError: number;
}

/**
 * The truth a linkability score estimates: the share of an address's activity (by value) whose
 * counterparty is the same owner. Mixer pool transfers stand for mixer events, as in the index, and a
 * note's other side is its true counterpart (deposit ↔ the withdrawal that redeemed it).
 */
export function trueLinkability(scenario: LaunderingScenario, graph: TransferGraph): Float64Array {
  const n = graph.nodeCount;
  const total = new Float64Array(n);
  const same = new Float64Array(n);
  const pool = scenario.mixer.pool;
  const owner = scenario.entityOf;
  for (let edge = 0; edge < graph.edgeCount; edge++) {
    const from = graph.edgeFrom(edge);
    const to = graph.edgeTo(edge);
    if (from === pool || to === pool) continue;
    const value = graph.edgeValue(edge);
    const mine = owner[from] === owner[to] ? value : 0;
    total[from] = (total[from] as number) + value;
    total[to] = (total[to] as number) + value;
    same[from] = (same[from] as number) + mine;
    same[to] = (same[to] as number) + mine;
  }
  const { deposits, withdrawals } = scenario.mixer;
  for (const w of withdrawals) {
    const d = deposits[w.deposit] as (typeof deposits)[number];
    const mine = owner[d.address] === owner[w.address];
    total[d.address] = (total[d.address] as number) + d.amount;
    total[w.address] = (total[w.address] as number) + w.amount;
    if (mine) {
      same[d.address] = (same[d.address] as number) + d.amount;
      same[w.address] = (same[w.address] as number) + w.amount;
    }
  }
  const share = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    const t = total[v] as number;
    share[v] = t > 0 ? Math.min(1, (same[v] as number) / t) : 0;
  }
  return share;
}

/** Compares scoreOf(node) ≥ threshold with trueLinkability ≥ threshold over every active address. */
export function evaluateLinkability(
  scenario: LaunderingScenario,
  graph: TransferGraph,
  scoreOf: (node: number) => number,
  threshold: number,
): LinkabilityEvaluation {
  const truth = trueLinkability(scenario, graph);
  const services = new Set([scenario.mixer.pool, ...scenario.hotWallets]);
  let addresses = 0;
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let error = 0;
  for (let node = 0; node < graph.nodeCount; node++) {
    if (services.has(node) || graph.inDegree(node) + graph.outDegree(node) === 0) continue;
    addresses++;
    const score = scoreOf(node);
    const real = truth[node] as number;
    error += Math.abs(score - real);
    const flagged = score >= threshold;
    const linked = real >= threshold;
    if (flagged && linked) tp++;
    else if (flagged) fp++;
    else if (linked) fn++;
  }
  return {
    threshold,
    addresses,
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    precision: tp + fp === 0 ? 1 : tp / (tp + fp),
    recall: tp + fn === 0 ? 1 : tp / (tp + fn),
    meanAbsoluteError: addresses === 0 ? 0 : error / addresses,
  };
}

/** Joins each pair's depositing address with the address its withdrawal paid. */
function unitePairs(scenario: LaunderingScenario, unions: UnionFind, pairs: readonly MixerPair[]): void {
  const { deposits, withdrawals } = scenario.mixer;
  for (const p of pairs) {
    const d = deposits[p.deposit];
    const w = withdrawals[p.withdrawal];
    if (d !== undefined && w !== undefined) unions.union(d.address, w.address);
  }
}

/** Joins every node with the first member of its cluster. */
function uniteClusters(unions: UnionFind, clusters: Clusters): void {
  const first = new Int32Array(clusters.count).fill(-1);
  for (let node = 0; node < clusters.clusterOf.length; node++) {
    const c = clusters.clusterOf[node] as number;
    const head = first[c] as number;
    if (head < 0) first[c] = node;
    else unions.union(head, node);
  }
}
