import type { TransferGraphView } from '../transferGraphView.js';
import type { ClusteringRun } from './clusteringRun.js';

export interface DepositReuseOptions {
  /** Known exchange hot wallets; when absent they are detected from forwarding patterns. */
  hotWallets?: readonly number[];
  /** Share of its inflow (and of its outflow) a deposit address sends to one hot wallet. */
  minForwardShare?: number;
  /** Longest wait between the first deposit and the first sweep to the hot wallet. */
  maxForwardDelayMs?: number;
  /** Detection: how many distinct forwarders make a node a hot wallet. */
  minForwardersForHotWallet?: number;
}

export interface DepositReuseResult {
  hotWallets: Int32Array;
  depositAddresses: Int32Array;
  /** Links this run added to the log. */
  linksAdded: number;
}

const DAY_MS = 86_400_000;

/**
 * Victor (2020), deposit-address reuse: an exchange gives each customer a deposit address that
 * sweeps what it receives into the exchange's hot wallet. Everyone who pays into the same deposit
 * address is one customer, so the deposit address is joined with each of its senders (and, through
 * union-find, customers who share any deposit address become one entity). Hot wallets themselves
 * are never joined: they are the exchange, not the customer.
 */
export function linkDepositAddressReuse(
  graph: TransferGraphView,
  run: ClusteringRun,
  options: DepositReuseOptions = {},
): DepositReuseResult {
  const minShare = options.minForwardShare ?? 0.9;
  const maxDelay = options.maxForwardDelayMs ?? DAY_MS;
  const minForwarders = options.minForwardersForHotWallet ?? 5;
  const n = graph.nodeCount;
  // Per node: where it forwards nearly all its money promptly (-1: nowhere), and the share.
  const target = new Int32Array(n).fill(-1);
  const share = new Float64Array(n);
  let inflow = 0;
  let firstIn = 0;
  let outflow = 0;
  let bestEdge = -1;
  let bestValue = 0;
  const onIn = (e: number): void => {
    inflow += graph.edgeValue(e);
    const t = graph.edgeFirstTime(e);
    if (t < firstIn) firstIn = t;
  };
  const onOut = (e: number): void => {
    const v = graph.edgeValue(e);
    outflow += v;
    if (v > bestValue) {
      bestValue = v;
      bestEdge = e;
    }
  };
  for (let node = 0; node < n; node++) {
    if (graph.inDegree(node) === 0 || graph.outDegree(node) === 0) continue;
    inflow = 0;
    outflow = 0;
    firstIn = Number.POSITIVE_INFINITY;
    bestEdge = -1;
    bestValue = 0;
    graph.forEachIn(node, onIn);
    graph.forEachOut(node, onOut);
    if (bestEdge < 0 || inflow <= 0) continue;
    const forwarded = Math.min(bestValue / inflow, 1);
    const delay = graph.edgeFirstTime(bestEdge) - firstIn;
    if (forwarded < minShare || bestValue < minShare * outflow || delay < 0 || delay > maxDelay) continue;
    target[node] = graph.edgeTo(bestEdge);
    share[node] = forwarded;
  }

  const isHot = new Uint8Array(n);
  if (options.hotWallets) {
    for (const h of options.hotWallets) if (h >= 0 && h < n) isHot[h] = 1;
  } else {
    const forwarders = new Int32Array(n);
    for (let node = 0; node < n; node++) {
      const t = target[node] as number;
      if (t >= 0) forwarders[t] = (forwarders[t] as number) + 1;
    }
    for (let node = 0; node < n; node++) if ((forwarders[node] as number) >= minForwarders) isHot[node] = 1;
  }

  const deposits: number[] = [];
  const before = run.links.length;
  let deposit = -1;
  const onSender = (e: number): void => {
    const sender = graph.edgeFrom(e);
    if (isHot[sender] === 1 || sender === deposit) return;
    run.unions.union(deposit, sender);
    run.links.add('depositReuse', deposit, sender, deposit, share[deposit] as number);
  };
  for (let node = 0; node < n; node++) {
    const t = target[node] as number;
    if (t < 0 || isHot[t] !== 1 || isHot[node] === 1) continue;
    deposits.push(node);
    deposit = node;
    graph.forEachIn(node, onSender);
  }
  const hotWallets: number[] = [];
  for (let node = 0; node < n; node++) if (isHot[node] === 1) hotWallets.push(node);
  return {
    hotWallets: Int32Array.from(hotWallets),
    depositAddresses: Int32Array.from(deposits),
    linksAdded: run.links.length - before,
  };
}
