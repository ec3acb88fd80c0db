import type { AlertInput } from '../../core/alert.js';
import { type Chain, isEvmChain, isKnownChain } from '../../core/chain.js';
import type { CounterpartyRisk } from '../../core/counterpartyRisk.js';
import type { Label } from '../../core/label.js';
import type { TransferEvent } from '../../core/transferEvent.js';
import type { TransferObserver } from '../../core/transferObserver.js';
import { ExposureScreener, type ScreeningResult } from '../exposure/exposureScreener.js';
import { categoryWeight, DEFAULT_CATEGORY_WEIGHTS } from '../exposure/riskScore.js';
import { TransferGraph } from '../graph/transferGraph.js';
import { checkAddress } from '../labels/addresses.js';
import type { LabelIndex } from '../labels/labelIndex.js';
import { directExposureAlert, indirectExposureAlert } from './exposureAlerts.js';
import { OnlineTaint } from './onlineTaint.js';

export interface GraphWatchOptions {
  /** Chains to keep a graph of; empty or absent: every known chain seen. */
  chains?: readonly string[];
  directExposure?: boolean;
  indirectExposure?: { enabled: boolean; threshold: number; hops: number; paths: number };
  hubInDegree?: number;
  categoryWeights?: Readonly<Record<string, number>>;
}

export interface GraphWatchStats {
  /** Transfers added to a graph. */
  added: number;
  /** Transfers of a chain not watched (or not known). */
  skippedChain: number;
  /** Transfers whose addresses are not valid on their chain. */
  invalidAddress: number;
  directAlerts: number;
  indirectAlerts: number;
  /** Payments to an address already exposed past the threshold. */
  counterpartyAlerts: number;
  /** Confirming screens run (the estimate crossed the threshold). */
  screens: number;
}

interface ChainState {
  chain: Chain;
  graph: TransferGraph;
  taint: OnlineTaint;
  /** Labelled nodes → the category the screener weighs them by. */
  sources: Map<number, string>;
  screener: ExposureScreener | undefined;
  /** Recent confirming screens by node, with the graph's edge count when each was made. */
  recent: Map<number, { screen: ScreeningResult; edges: number }>;
}

/** A screen stays good for payments to its node until the graph has this many more edges. */
const REUSE_EDGES = 10_000;
/** Screens kept for reuse; the map is simply emptied when full (reuse is an optimisation). */
const RECENT_SCREENS = 10_000;

/**
 * The graph area's live view of the monitor's stream. Each accepted transfer goes onto its chain's
 * transaction graph; one that touches a labelled address raises a direct-exposure alert at once; one
 * that lifts the receiver's running exposure estimate past the threshold is screened (traced back k
 * hops) and, when the screen confirms, raises an indirect-exposure alert with the paths. The same
 * running estimate answers the monitor's counterparty-risk questions in O(1).
 */
export class GraphWatch implements TransferObserver, CounterpartyRisk {
  readonly stats: GraphWatchStats = {
    added: 0,
    skippedChain: 0,
    invalidAddress: 0,
    directAlerts: 0,
    indirectAlerts: 0,
    counterpartyAlerts: 0,
    screens: 0,
  };
  private readonly states = new Map<string, ChainState | null>();
  private readonly allowed: ReadonlySet<string> | undefined;
  private readonly direct: boolean;
  private readonly indirect: NonNullable<GraphWatchOptions['indirectExposure']>;
  private readonly hubInDegree: number;
  private readonly weights: Readonly<Record<string, number>>;

  constructor(
    private readonly labels: LabelIndex,
    options: GraphWatchOptions = {},
    restored: ReadonlyMap<Chain, TransferGraph> = new Map(),
  ) {
    const chains = (options.chains ?? []).map((c) => c.trim().toLowerCase());
    this.allowed = chains.length > 0 ? new Set(chains) : undefined;
    this.direct = options.directExposure ?? true;
    this.indirect = options.indirectExposure ?? { enabled: true, threshold: 0.5, hops: 3, paths: 3 };
    this.hubInDegree = options.hubInDegree ?? 1_000;
    this.weights = options.categoryWeights ?? DEFAULT_CATEGORY_WEIGHTS;
    for (const [chain, graph] of restored) this.restore(chain, graph);
  }

  observe(event: TransferEvent): readonly AlertInput[] {
    const state = this.stateOf(event.chain);
    if (state === null) {
      this.stats.skippedChain++;
      return NONE;
    }
    const from = canonical(state.chain, event.from);
    const to = canonical(state.chain, event.to);
    if (from === undefined || to === undefined) {
      this.stats.invalidAddress++;
      return NONE;
    }
    const { graph, taint } = state;
    const fromNode = this.nodeFor(state, from);
    const toNode = this.nodeFor(state, to);
    const value = event.valueUsd ?? event.amount;
    const before = taint.estimate(toNode);
    graph.addTransferBetween(fromNode, toNode, value, event.time);
    taint.onTransfer(fromNode, toNode, value);
    this.stats.added++;

    let alerts: AlertInput[] | undefined;
    if (this.direct) {
      for (const side of ['to', 'from'] as const) {
        const node = side === 'to' ? toNode : fromNode;
        if (!state.sources.has(node)) continue;
        const labels = this.labels.labelsOfCanonical(state.chain, side === 'to' ? to : from);
        const weighed = this.heaviestFirst(labels);
        if (weighed.weight <= 0) continue;
        alerts ??= [];
        alerts.push(
          directExposureAlert({
            event,
            chain: state.chain,
            side,
            from,
            to,
            labels: weighed.labels,
            weight: weighed.weight,
          }),
        );
        this.stats.directAlerts++;
      }
    }
    const { enabled, threshold } = this.indirect;
    // Straight from or to a source is direct exposure, said above; these are for funds that went through others.
    const indirect = enabled && !state.sources.has(toNode) && !state.sources.has(fromNode);
    let alert: AlertInput | undefined;
    if (indirect && before >= threshold) {
      // A clean sender paying an exposed address; dirty funds moving on between exposed addresses is
      // layering the receiving side already alerted on.
      if (taint.estimate(fromNode) < threshold) alert = this.confirm(state, event, toNode, 'paid');
    } else if (indirect && taint.estimate(toNode) >= threshold)
      alert = this.confirm(state, event, toNode, 'received');
    if (alert) {
      alerts ??= [];
      alerts.push(alert);
    }
    return alerts ?? NONE;
  }

  riskOf(chain: string, address: string): number {
    const state = this.states.get(chain) ?? this.states.get(chain.trim().toLowerCase());
    if (!state) return 0;
    const key = canonical(state.chain, address);
    if (key === undefined) return 0;
    return state.taint.estimate(state.graph.nodeOf(key));
  }

  /** The graphs held, by chain, for saving. */
  graphs(): Map<Chain, TransferGraph> {
    const out = new Map<Chain, TransferGraph>();
    for (const state of this.states.values()) if (state) out.set(state.chain, state.graph);
    return out;
  }

  /** A fresh screener over a chain's live graph and labelled sources, for on-demand screening. */
  screenerFor(
    chain: Chain,
    options: ConstructorParameters<typeof ExposureScreener>[2] = {},
  ): ExposureScreener | undefined {
    const state = this.states.get(chain);
    return state
      ? new ExposureScreener(state.graph, state.sources, { hubInDegree: this.hubInDegree, ...options })
      : undefined;
  }

  /**
   * Screens the receiving node to confirm the running estimate, then builds the alert. A screen is
   * reused for later payments to the same node until the graph has grown by REUSE_EDGES edges, so a
   * busy exposed address costs one screen, not one per payment.
   */
  private confirm(
    state: ChainState,
    event: TransferEvent,
    node: number,
    kind: 'received' | 'paid',
  ): AlertInput | undefined {
    const { hops, paths, threshold } = this.indirect;
    let result = kind === 'paid' ? state.recent.get(node) : undefined;
    if (result === undefined || state.graph.edgeCount - result.edges > REUSE_EDGES) {
      state.screener ??= new ExposureScreener(state.graph, state.sources, {
        maxHops: hops,
        maxPaths: paths,
        hubInDegree: this.hubInDegree,
        categoryWeights: { ...this.weights },
      });
      this.stats.screens++;
      result = { screen: state.screener.screenNode(node), edges: state.graph.edgeCount };
      if (state.recent.size >= RECENT_SCREENS) state.recent.clear();
      state.recent.set(node, result);
    }
    const screen = result.screen;
    if (screen.riskScore < threshold || screen.indirect.length === 0) return undefined;
    if (kind === 'paid') this.stats.counterpartyAlerts++;
    else this.stats.indirectAlerts++;
    return indirectExposureAlert({
      kind,
      event,
      chain: state.chain,
      result: screen,
      labelsOf: (address) => this.labels.labelsOfCanonical(state.chain, address),
      maxHops: hops,
    });
  }

  private stateOf(name: string): ChainState | null {
    const known = this.states.get(name);
    if (known !== undefined) return known;
    const chain = name.trim().toLowerCase();
    const state: ChainState | null =
      isKnownChain(chain) && (this.allowed === undefined || this.allowed.has(chain))
        ? this.newState(chain)
        : null;
    this.states.set(name, state);
    if (state) this.states.set(chain, state);
    return state;
  }

  private newState(chain: Chain, graph = new TransferGraph()): ChainState {
    return {
      chain,
      graph,
      taint: new OnlineTaint({ maxHops: this.indirect.hops, hubInDegree: this.hubInDegree }),
      sources: new Map(),
      screener: undefined,
      recent: new Map(),
    };
  }

  /**
   * A restored graph comes without the running estimate; it is rebuilt by replaying each edge once at
   * its first transfer's time, in time order. Edges aggregate repeats, so this is an approximation of
   * the estimate a continuous run would hold; the confirming screens are exact either way.
   */
  private restore(chain: Chain, graph: TransferGraph): void {
    const state = this.newState(chain, graph);
    this.states.set(chain, state);
    for (let node = 0; node < graph.nodeCount; node++)
      this.markIfLabelled(state, node, graph.addressOf(node));
    const order = new Int32Array(graph.edgeCount);
    for (let e = 0; e < order.length; e++) order[e] = e;
    order.sort((a, b) => graph.edgeFirstTime(a) - graph.edgeFirstTime(b));
    for (const e of order) state.taint.onTransfer(graph.edgeFrom(e), graph.edgeTo(e), graph.edgeValue(e));
  }

  private nodeFor(state: ChainState, address: string): number {
    const before = state.graph.nodeCount;
    const node = state.graph.nodeFor(address);
    if (node >= before) this.markIfLabelled(state, node, address);
    return node;
  }

  private markIfLabelled(state: ChainState, node: number, address: string): void {
    const labels = this.labels.labelsOfCanonical(state.chain, address);
    if (labels.length === 0) return;
    const { labels: sorted, weight } = this.heaviestFirst(labels);
    if (weight <= 0) return;
    state.sources.set(node, (sorted[0] as Label).category);
    state.taint.markSource(node, weight);
  }

  private heaviestFirst(labels: readonly Label[]): { labels: Label[]; weight: number } {
    const sorted = [...labels].sort(
      (a, b) => categoryWeight(b.category, this.weights) - categoryWeight(a.category, this.weights),
    );
    const first = sorted[0];
    return { labels: sorted, weight: first ? categoryWeight(first.category, this.weights) : 0 };
  }
}

const NONE: readonly AlertInput[] = Object.freeze([]);

/** 0x and 40 lower-case hex digits, by char codes: a regex here cost 6% of the graph's per-transfer time. */
function isLowerEvmAddress(address: string): boolean {
  if (address.length !== 42 || address.charCodeAt(0) !== 48 || address.charCodeAt(1) !== 120) return false;
  for (let i = 2; i < 42; i++) {
    const c = address.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}

/** Canonical form without allocating for the common case of an already lower-case EVM address. */
function canonical(chain: Chain, address: string): string | undefined {
  if (isEvmChain(chain) && isLowerEvmAddress(address)) return address;
  const check = checkAddress(chain, address);
  return check.ok ? check.address : undefined;
}
