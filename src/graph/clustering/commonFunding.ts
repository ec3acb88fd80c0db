import type { TransferGraphView } from '../transferGraphView.js';
import type { ClusteringRun } from './clusteringRun.js';

export interface CommonFundingOptions {
  /** Two fundings by the same funder at most this far apart join the funded addresses. */
  windowMs?: number;
  /** Funders with more outgoing counterparties than this are services (exchanges, bridges): skipped. */
  maxFunderOutDegree?: number;
  /** Funders never used, e.g. known exchange hot wallets. */
  excludedFunders?: readonly number[];
  /** A burst of fundings must reach this many addresses to count (2 = any pair). */
  minGroupSize?: number;
}

export interface CommonFundingResult {
  /** Funders whose bursts produced links. */
  funders: Int32Array;
  /** Funders skipped by the out-degree cap or the exclusion list, that had fresh addresses. */
  skippedFunders: Int32Array;
  linksAdded: number;
}

const HOUR_MS = 3_600_000;

/**
 * Common funding source: a fresh address's first incoming transfer names who set it up. When one
 * funder sets up several fresh addresses within a short window (airdrop farming, sybil swarms)
 * they are one operator. Services fund thousands of unrelated users, hence the out-degree cap and
 * the exclusion list.
 */
export function linkCommonFunding(
  graph: TransferGraphView,
  run: ClusteringRun,
  options: CommonFundingOptions = {},
): CommonFundingResult {
  const windowMs = options.windowMs ?? HOUR_MS;
  const maxOut = options.maxFunderOutDegree ?? 100;
  const minGroup = Math.max(2, options.minGroupSize ?? 2);
  const n = graph.nodeCount;
  const excluded = new Uint8Array(n);
  for (const f of options.excludedFunders ?? []) if (f >= 0 && f < n) excluded[f] = 1;

  // The first funding of every fresh node: the earliest incoming edge, not preceded by any spend.
  const funder = new Int32Array(n).fill(-1);
  const fundTime = new Float64Array(n);
  let earliestEdge = -1;
  let earliest = 0;
  let firstSpend = 0;
  const onIn = (e: number): void => {
    const t = graph.edgeFirstTime(e);
    if (t < earliest) {
      earliest = t;
      earliestEdge = e;
    }
  };
  const onOut = (e: number): void => {
    const t = graph.edgeFirstTime(e);
    if (t < firstSpend) firstSpend = t;
  };
  const skipped = new Uint8Array(n);
  const perFunder = new Int32Array(n + 1);
  for (let node = 0; node < n; node++) {
    earliestEdge = -1;
    earliest = Number.POSITIVE_INFINITY;
    firstSpend = Number.POSITIVE_INFINITY;
    graph.forEachIn(node, onIn);
    if (earliestEdge < 0) continue;
    graph.forEachOut(node, onOut);
    if (firstSpend < earliest) continue;
    const f = graph.edgeFrom(earliestEdge);
    if (f === node) continue;
    if (excluded[f] === 1 || graph.outDegree(f) > maxOut) {
      skipped[f] = 1;
      continue;
    }
    funder[node] = f;
    fundTime[node] = earliest;
    perFunder[f + 1] = (perFunder[f + 1] as number) + 1;
  }

  // Counting sort of funded nodes by funder, then by funding time inside each funder's slice.
  for (let f = 0; f < n; f++) perFunder[f + 1] = (perFunder[f + 1] as number) + (perFunder[f] as number);
  const order = new Int32Array(perFunder[n] as number);
  const cursor = perFunder.slice(0, n);
  for (let node = 0; node < n; node++) {
    const f = funder[node] as number;
    if (f < 0) continue;
    order[cursor[f] as number] = node;
    cursor[f] = (cursor[f] as number) + 1;
  }
  const byTime = (a: number, b: number): number => (fundTime[a] as number) - (fundTime[b] as number) || a - b;

  const before = run.links.length;
  const linkedFunders: number[] = [];
  for (let f = 0; f < n; f++) {
    const start = perFunder[f] as number;
    const end = perFunder[f + 1] as number;
    if (end - start < minGroup) continue;
    const slice = order.subarray(start, end).sort(byTime);
    let linked = false;
    let burstStart = 0;
    for (let i = 1; i <= slice.length; i++) {
      const gap =
        i < slice.length
          ? (fundTime[slice[i] as number] as number) - (fundTime[slice[i - 1] as number] as number)
          : -1;
      if (i < slice.length && gap <= windowMs) continue;
      // slice[burstStart..i) is one burst: fundings each within the window of the previous one.
      if (i - burstStart >= minGroup) {
        linked = true;
        for (let k = burstStart + 1; k < i; k++) {
          const a = slice[k - 1] as number;
          const b = slice[k] as number;
          run.unions.union(a, b);
          run.links.add('commonFunding', a, b, f, (fundTime[b] as number) - (fundTime[a] as number));
        }
      }
      burstStart = i;
    }
    if (linked) linkedFunders.push(f);
  }
  const skippedFunders: number[] = [];
  for (let f = 0; f < n; f++) if (skipped[f] === 1) skippedFunders.push(f);
  return {
    funders: Int32Array.from(linkedFunders),
    skippedFunders: Int32Array.from(skippedFunders),
    linksAdded: run.links.length - before,
  };
}
