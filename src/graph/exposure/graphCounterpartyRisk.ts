import type { CounterpartyRisk } from '../../core/counterpartyRisk.js';
import type { TransferGraphView } from '../transferGraphView.js';
import { ExposureScreener, type ExposureSources, type ScreeningOptions } from './exposureScreener.js';

/** One chain's graph and its labelled sources. */
export interface ChainExposure {
  graph: TransferGraphView;
  sources: ExposureSources;
}

export interface GraphCounterpartyRiskOptions {
  /** Screening options; the default work bound is lower than a full screen's since this runs per transfer. */
  screening?: ScreeningOptions;
  /** Most scores kept per chain (least recently used dropped first). */
  cacheSize?: number;
  /** Cached scores are dropped once the graph has gained this many edges since they were filled. */
  refreshAfterEdges?: number;
  /** Maps an address to the graph's canonical form; default lower-cases 0x-hex (EVM) addresses. */
  canonical?: (chain: string, address: string) => string;
}

interface ChainState {
  graph: TransferGraphView;
  sources: ExposureSources;
  screener: ExposureScreener;
  cache: Map<number, number>;
  edgeCountAtFill: number;
}

const EVM_HEX = /^0x[0-9a-fA-F]+$/;

function canonicalAddress(_chain: string, address: string): string {
  return EVM_HEX.test(address) ? address.toLowerCase() : address;
}

/**
 * CounterpartyRisk answered from the transaction graph: the risk of an address is its screening
 * riskScore (see exposureScreener.ts). Scores are cached per node in a bounded LRU; warm() fills it for
 * the labelled nodes and their one-hop neighbours, the addresses a monitor most often asks about and
 * the ones that matter. A miss screens on the spot, bounded by the screener's work limit. Unknown
 * chains and addresses the graph has never seen score 0, as NO_COUNTERPARTY_RISK does.
 */
export class GraphCounterpartyRisk implements CounterpartyRisk {
  private readonly chains = new Map<string, ChainState>();
  private readonly cacheSize: number;
  private readonly refreshAfterEdges: number;
  private readonly canonical: (chain: string, address: string) => string;

  constructor(chains: ReadonlyMap<string, ChainExposure>, options: GraphCounterpartyRiskOptions = {}) {
    this.cacheSize = Math.max(1, Math.floor(options.cacheSize ?? 100_000));
    this.refreshAfterEdges = Math.max(1, Math.floor(options.refreshAfterEdges ?? 10_000));
    this.canonical = options.canonical ?? canonicalAddress;
    const screening = { maxEdges: 20_000, ...options.screening };
    for (const [chain, { graph, sources }] of chains) {
      this.chains.set(chain, {
        graph,
        sources,
        screener: new ExposureScreener(graph, sources, screening),
        cache: new Map(),
        edgeCountAtFill: graph.edgeCount,
      });
    }
  }

  riskOf(chain: string, address: string): number {
    const state = this.chains.get(chain);
    if (state === undefined) return 0;
    const node = state.graph.nodeOf(this.canonical(chain, address));
    return node < 0 ? 0 : this.scoreOf(state, node);
  }

  /**
   * Screens every labelled node and its one-hop neighbours (both directions) into the cache, up to the
   * cache size. Returns how many nodes were screened.
   */
  warm(chain?: string): number {
    let screened = 0;
    for (const [name, state] of this.chains) {
      if (chain !== undefined && name !== chain) continue;
      this.refreshIfStale(state);
      const g = state.graph;
      const want = (node: number): void => {
        if (state.cache.size >= this.cacheSize || state.cache.has(node)) return;
        this.scoreOf(state, node);
        screened++;
      };
      for (const source of state.sources.keys()) {
        if (source < 0 || source >= g.nodeCount) continue;
        want(source);
        g.forEachOut(source, (edge) => want(g.edgeTo(edge)));
        g.forEachIn(source, (edge) => want(g.edgeFrom(edge)));
      }
    }
    return screened;
  }

  /** Drops cached scores (all chains, or one), e.g. after new labels were imported. */
  invalidate(chain?: string): void {
    for (const [name, state] of this.chains) {
      if (chain === undefined || name === chain) {
        state.cache.clear();
        state.edgeCountAtFill = state.graph.edgeCount;
      }
    }
  }

  private scoreOf(state: ChainState, node: number): number {
    this.refreshIfStale(state);
    const cached = state.cache.get(node);
    if (cached !== undefined) {
      // Re-insert to mark it most recently used.
      state.cache.delete(node);
      state.cache.set(node, cached);
      return cached;
    }
    const score = state.screener.screenNode(node).riskScore;
    if (state.cache.size >= this.cacheSize) {
      const oldest = state.cache.keys().next();
      if (!oldest.done) state.cache.delete(oldest.value);
    }
    state.cache.set(node, score);
    return score;
  }

  private refreshIfStale(state: ChainState): void {
    if (state.graph.edgeCount - state.edgeCountAtFill >= this.refreshAfterEdges) {
      state.cache.clear();
      state.edgeCountAtFill = state.graph.edgeCount;
    }
  }
}
