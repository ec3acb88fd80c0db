import { type Chain, parseChain } from '../../core/chain.js';
import { ArgusError } from '../../core/errors.js';
import type { Label } from '../../core/label.js';
import type { GraphSnapshotMeta, GraphSnapshotRepository, LabelRepository } from '../../store/types.js';
import { clusterEntities, type EntityClustering } from '../clustering/clusterEntities.js';
import {
  createLinkabilityIndex,
  type Linkability,
  type LinkabilityIndex,
} from '../clustering/linkability.js';
import {
  type DirectExposure,
  ExposureScreener,
  parseScreeningOptions,
  type ScreeningResult,
} from '../exposure/exposureScreener.js';
import { categoryWeight, combineRisk, DEFAULT_CATEGORY_WEIGHTS } from '../exposure/riskScore.js';
import { graphSnapshotName } from '../graph/graphSnapshotName.js';
import { TransferGraph } from '../graph/transferGraph.js';
import { canonicalAddress } from '../labels/addresses.js';
import { addressCluster } from './addressCluster.js';
import type { AddressView, AddressViewRequest } from './addressView.js';
import { describeAddress } from './describeAddress.js';
import { buildScreeningContext, type ScreeningContext } from './screeningContext.js';

export interface GraphScreeningDeps {
  graphs: Pick<GraphSnapshotRepository, 'load' | 'info'>;
  labels: Pick<LabelRepository, 'all' | 'count' | 'forAddress'>;
}

export interface GraphScreeningOptions {
  /** How often at most the store is asked whether a newer snapshot or new labels exist (ms). */
  recheckMs?: number;
  now?: () => number;
}

/** Which snapshot answered: absent (null) when the chain has no stored graph yet. */
export interface GraphInfo {
  revision: number;
  savedAt: number;
  nodes: number;
  edges: number;
}

export interface ScreenRequest {
  chain: string;
  address: string;
  hops?: number;
  paths?: number;
}

export interface ScreenResponse {
  chain: Chain;
  address: string;
  result: ScreeningResult;
  /** Labels of the target, its direct sources and every node on a returned path. */
  labels: Label[];
  graph: GraphInfo | null;
  /** Why the answer rests on less than a graph trace, when it does. */
  note?: string;
}

export interface LinkabilityResponse extends Linkability {
  chain: Chain;
  graph: GraphInfo | null;
  note?: string;
}

/** Screeners kept per loaded graph, one per (hops, paths): each holds O(nodes) scratch arrays. */
const KEPT_SCREENERS = 4;

/** One chain's snapshot as loaded, with what was derived from it. */
interface LoadedGraph {
  meta: GraphSnapshotMeta;
  graph: TransferGraph;
  context: ScreeningContext;
  /** The chain's label count when context was built; a different count means rebuild it. */
  labelCount: number;
  screeners: Map<string, ExposureScreener>;
  clustering?: EntityClustering;
  linkability?: LinkabilityIndex;
}

/** An address page clusters the graph on first request only up to this size (about a second beyond). */
const CHEAP_CLUSTERING_EDGES = 250_000;
/** The address page's risk is the default screen's: as far back as /v1/screen traces. */
const ADDRESS_SCREEN_HOPS = 3;

interface ChainState {
  /** undefined: never checked; null: no snapshot stored at the last check. */
  loaded: LoadedGraph | null | undefined;
  checkedAt: number;
  /** The refresh under way, shared by every request that arrives meanwhile. */
  pending?: Promise<LoadedGraph | null>;
  /** The last refresh's failure, repeated until recheckMs passes so a broken snapshot is not reread per request. */
  failure?: unknown;
}

/**
 * Screening and linkability over the transfer graphs the monitor persists in the store. A chain's snapshot
 * is loaded on first use and kept, with the chain's labels that sit on the graph, until the stored revision
 * or the chain's label count changes; the store is asked at most every recheckMs. A relabelled address
 * whose label count does not change is picked up with the next snapshot.
 */
export class GraphScreeningService {
  private readonly recheckMs: number;
  private readonly now: () => number;
  private readonly chains = new Map<Chain, ChainState>();

  constructor(
    private readonly deps: GraphScreeningDeps,
    options: GraphScreeningOptions = {},
  ) {
    this.recheckMs = options.recheckMs ?? 5000;
    this.now = options.now ?? Date.now;
  }

  async screen(request: ScreenRequest): Promise<ScreenResponse> {
    const chain = parseChain(request.chain);
    const address = canonicalAddress(chain, request.address);
    const options = parseScreeningOptions({
      ...(request.hops === undefined ? {} : { maxHops: request.hops }),
      ...(request.paths === undefined ? {} : { maxPaths: request.paths }),
    });
    const loaded = await this.current(chain);
    if (loaded === null || loaded.graph.nodeOf(address) < 0) {
      return {
        chain,
        ...(await this.screenByLabelsAlone(chain, address)),
        graph: loaded === null ? null : graphInfo(loaded.meta),
        note:
          loaded === null
            ? `no ${chain} transfer graph is stored yet; only the address's own labels were checked`
            : `the address is not on the ${chain} transfer graph; only its own labels were checked`,
      };
    }
    const result = this.screenerFor(loaded, options.maxHops, options.maxPaths).screen(address);
    const named = new Set([result.address, ...result.direct.map((d) => d.source)]);
    for (const hit of result.indirect) for (const p of hit.paths) for (const n of p.nodes) named.add(n);
    const labels = [...named].flatMap((a) => loaded.context.labelsByAddress.get(a) ?? []);
    return { chain, address, result, labels, graph: graphInfo(loaded.meta) };
  }

  async linkability(request: { chain: string; address: string }): Promise<LinkabilityResponse> {
    const chain = parseChain(request.chain);
    const address = canonicalAddress(chain, request.address);
    const loaded = await this.current(chain);
    if (loaded === null) {
      return {
        chain,
        address,
        score: 0,
        linkedActivity: 0,
        totalActivity: 0,
        links: [],
        graph: null,
        note: `no ${chain} transfer graph is stored yet`,
      };
    }
    return { chain, ...linkabilityOf(loaded).linkabilityOf(address), graph: graphInfo(loaded.meta) };
  }

  /**
   * What the dashboard's address page shows: labels, risk, activity over time, the drawn neighbourhood
   * and, when cheap, the entity cluster. A NOT_FOUND error (404) when the chain has no stored graph or
   * the address is not on it, saying which.
   */
  async address(request: AddressViewRequest): Promise<AddressView> {
    const chain = parseChain(request.chain);
    const address = canonicalAddress(chain, request.address);
    const loaded = await this.current(chain);
    if (loaded === null) {
      throw new ArgusError(
        'NOT_FOUND',
        `no ${chain} transfer graph is stored yet, so ${address} has no activity to show`,
        {
          input: address,
          hint: 'the monitor saves the graph of the transfers it ingests (argus monitor); try again once it has',
        },
      );
    }
    const node = loaded.graph.nodeOf(address);
    if (node < 0) {
      throw new ArgusError(
        'NOT_FOUND',
        `${address} is not on the stored ${chain} transfer graph (${loaded.meta.nodes} addresses, saved ${new Date(loaded.meta.savedAt).toISOString()})`,
        {
          input: address,
          hint: 'check the chain and the address; the graph holds only addresses seen in monitored transfers',
        },
      );
    }
    const screen = this.screenerFor(loaded, ADDRESS_SCREEN_HOPS, 3).screenNode(node);
    const nodeScreener = this.screenerFor(loaded, ADDRESS_SCREEN_HOPS, 1);
    const cheap = loaded.linkability !== undefined || loaded.graph.edgeCount <= CHEAP_CLUSTERING_EDGES;
    return {
      chain,
      address,
      graph: graphInfo(loaded.meta),
      labels: await this.deps.labels.forAddress(chain, address),
      cluster: cheap ? addressCluster(loaded.graph, clusteringOf(loaded), linkabilityOf(loaded), node) : null,
      ...(cheap
        ? {}
        : { clusterNote: `the ${chain} graph is too large to cluster per request; see argus graph report` }),
      ...describeAddress({
        graph: loaded.graph,
        node,
        labelsByAddress: loaded.context.labelsByAddress,
        screen,
        screenHops: ADDRESS_SCREEN_HOPS,
        riskOf: (other) => nodeScreener.screenNode(other).riskScore,
        hops: request.hops ?? 2,
        maxNodes: request.maxNodes ?? 60,
        bucket: request.bucket ?? 'auto',
      }),
    };
  }

  /** The chain's loaded graph, refreshed from the store when recheckMs has passed. */
  private current(chain: Chain): Promise<LoadedGraph | null> {
    let state = this.chains.get(chain);
    if (state === undefined) {
      state = { loaded: undefined, checkedAt: 0 };
      this.chains.set(chain, state);
    }
    if (state.pending) return state.pending;
    const fresh = this.now() - state.checkedAt < this.recheckMs;
    if (fresh && state.failure !== undefined) return Promise.reject(state.failure);
    if (fresh && state.loaded !== undefined) return Promise.resolve(state.loaded);
    const s = state;
    s.pending = this.refresh(chain, s).finally(() => {
      s.pending = undefined;
    });
    return s.pending;
  }

  private async refresh(chain: Chain, state: ChainState): Promise<LoadedGraph | null> {
    try {
      const name = graphSnapshotName(chain);
      const [meta, labelCount] = await Promise.all([
        this.deps.graphs.info(name),
        this.deps.labels.count({ chain }),
      ]);
      const previous = state.loaded;
      let next: LoadedGraph | null;
      if (meta === undefined) next = null;
      else if (previous && previous.meta.revision === meta.revision) {
        if (previous.labelCount !== labelCount) {
          previous.context = await this.contextFor(chain, previous.graph);
          previous.labelCount = labelCount;
          // Screeners hold the old sources map.
          previous.screeners.clear();
        }
        next = previous;
      } else next = await this.load(chain, name, labelCount);
      state.loaded = next;
      state.failure = undefined;
      state.checkedAt = this.now();
      return next;
    } catch (error) {
      state.failure = error;
      state.checkedAt = this.now();
      throw error;
    }
  }

  private async load(chain: Chain, name: string, labelCount: number): Promise<LoadedGraph | null> {
    const snapshot = await this.deps.graphs.load(name);
    if (snapshot === undefined) return null;
    let graph: TransferGraph;
    try {
      graph = TransferGraph.load(snapshot.data);
    } catch (cause) {
      // A bad snapshot is the store's fault, not the caller's: a 5xx with the reason, not a 400.
      throw new ArgusError(
        'STORE_FAILED',
        `the stored snapshot ${name} (revision ${snapshot.meta.revision}) cannot be read: ${
          cause instanceof Error ? cause.message : String(cause)
        }`,
        { cause, hint: 'let the monitor save the graph again' },
      );
    }
    graph.compact();
    const context = await this.contextFor(chain, graph);
    return { meta: snapshot.meta, graph, context, labelCount, screeners: new Map() };
  }

  /** The chain's labels whose address is on the graph; the rest cannot be reached and are not kept. */
  private async contextFor(chain: Chain, graph: TransferGraph): Promise<ScreeningContext> {
    const labels: Label[] = [];
    for await (const label of this.deps.labels.all(chain)) {
      if (graph.nodeOf(label.address) >= 0) labels.push(label);
    }
    return buildScreeningContext({ graph, labels });
  }

  private screenerFor(loaded: LoadedGraph, maxHops: number, maxPaths: number): ExposureScreener {
    const key = `${maxHops}/${maxPaths}`;
    let screener = loaded.screeners.get(key);
    if (screener !== undefined) {
      // Map order is insertion order: re-inserting makes this the most recently used.
      loaded.screeners.delete(key);
    } else {
      screener = new ExposureScreener(loaded.graph, loaded.context.sources, { maxHops, maxPaths });
      if (loaded.screeners.size >= KEPT_SCREENERS) {
        const oldest = loaded.screeners.keys().next().value;
        if (oldest !== undefined) loaded.screeners.delete(oldest);
      }
    }
    loaded.screeners.set(key, screener);
    return screener;
  }

  /** Without a graph trace, the address's own labels still make it a source of itself. */
  private async screenByLabelsAlone(
    chain: Chain,
    address: string,
  ): Promise<{ address: string; result: ScreeningResult; labels: Label[] }> {
    const labels = await this.deps.labels.forAddress(chain, address);
    const direct: DirectExposure[] = [];
    let heaviest: Label | undefined;
    for (const label of labels) {
      if (
        heaviest === undefined ||
        categoryWeight(label.category, DEFAULT_CATEGORY_WEIGHTS) >
          categoryWeight(heaviest.category, DEFAULT_CATEGORY_WEIGHTS)
      ) {
        heaviest = label;
      }
    }
    if (heaviest !== undefined) {
      direct.push({ source: address, category: heaviest.category, relation: 'self', value: 0, transfers: 0 });
    }
    const riskScore = combineRisk(
      direct.map((d) => ({ weight: categoryWeight(d.category, DEFAULT_CATEGORY_WEIGHTS), exposure: 1 })),
    );
    return {
      address,
      labels,
      result: {
        address,
        known: false,
        direct,
        indirect: [],
        riskScore,
        explored: { nodes: 0, edges: 0, truncated: false, hubsNotExpanded: 0 },
      },
    };
  }
}

// Seconds at a million nodes, so once per revision; synchronous, so no second caller can race it.
function clusteringOf(loaded: LoadedGraph): EntityClustering {
  loaded.clustering ??= clusterEntities(loaded.graph);
  return loaded.clustering;
}

function linkabilityOf(loaded: LoadedGraph): LinkabilityIndex {
  loaded.linkability ??= createLinkabilityIndex(loaded.graph, clusteringOf(loaded).links);
  return loaded.linkability;
}

function graphInfo(meta: GraphSnapshotMeta): GraphInfo {
  return { revision: meta.revision, savedAt: meta.savedAt, nodes: meta.nodes, edges: meta.edges };
}
