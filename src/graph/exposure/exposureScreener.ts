import { z } from 'zod';
import { ValidationError } from '../../core/errors.js';
import { describeZodIssues } from '../../core/zodIssues.js';
import type { TransferGraphView } from '../transferGraphView.js';
import {
  categoryWeight,
  combineRisk,
  DEFAULT_CATEGORY_WEIGHTS,
  OUTBOUND_ONLY_EXPOSURE,
  sourceExposure,
} from './riskScore.js';

/** Labelled source nodes: node id → category (e.g. 'sanctions', 'hack', 'phishing'). */
export type ExposureSources = ReadonlyMap<number, string>;

export const screeningOptionsSchema = z.object({
  /** How far back from the target funds are followed. */
  maxHops: z.number().int().min(1).max(8).default(3),
  /** How many explaining paths to keep per source, by carried share. */
  maxPaths: z.number().int().min(1).max(50).default(3),
  /** Work bound: in-edges examined per screen; past it the result is flagged truncated. */
  maxEdges: z.number().int().min(1).max(50_000_000).default(50_000),
  /**
   * Nodes with more inflows than this (exchange hot wallets, bridges, mixers' pools) are not traced
   * through: their funds are commingled past attribution and expanding them costs the whole budget.
   * Reaching one is counted in explored.hubsNotExpanded. 0 means no limit. The default, 1000, is the
   * monitor's (config graph.hubInDegree), so a screen on demand agrees with the monitor's alerts; it
   * is far above what a person's wallet or an exchange deposit address receives, and it caps what one
   * node can cost at 1000 in-edges. On the benchmark's laundering scenario (2,000 users), tracing
   * through the exchange's two hot wallets (about 1,350 inflows each) instead truncated 27 of the k=3
   * screens at the work bound and flagged one tainted address fewer.
   */
  hubInDegree: z.number().int().min(0).default(1_000),
  /** Category → severity in [0, 1]; replaces the default table when given. */
  categoryWeights: z.record(z.string(), z.number().min(0).max(1)).default({ ...DEFAULT_CATEGORY_WEIGHTS }),
});
export type ScreeningOptions = z.input<typeof screeningOptionsSchema>;
type ResolvedOptions = z.output<typeof screeningOptionsSchema>;

export function parseScreeningOptions(input: unknown): ResolvedOptions {
  const parsed = screeningOptionsSchema.safeParse(input ?? {});
  if (!parsed.success) {
    throw new ValidationError('INPUT_INVALID', 'screening options', describeZodIssues(parsed.error, input));
  }
  return parsed.data;
}

/** One chain of transfers that carried funds from a source to the target. */
export interface ExposurePath {
  /** Addresses in the order funds moved: the source first, the target last. */
  nodes: string[];
  /** Share of the target's inflow value this path alone carries. */
  share: number;
}

/** The target touches a source itself: it is one, received from one, or sent to one. */
export interface DirectExposure {
  source: string;
  category: string;
  relation: 'self' | 'received' | 'sent';
  /** Value and transfer count of the edge (0 for 'self'). */
  value: number;
  transfers: number;
}

export interface IndirectExposure {
  source: string;
  category: string;
  /** Fewest hops from the source to the target over a time-respecting path. */
  hops: number;
  /** Poison taint: some time-respecting path within maxHops exists (always true when listed). */
  poison: true;
  /** Haircut taint: share of the target's inflow value traced back to this source. */
  haircutShare: number;
  /** How many distinct paths reached the source; `paths` keeps the heaviest. */
  pathCount: number;
  paths: ExposurePath[];
}

export interface ScreeningResult {
  address: string;
  /** False when the graph has never seen the address (nothing else is then filled in). */
  known: boolean;
  direct: DirectExposure[];
  indirect: IndirectExposure[];
  /** In [0, 1]: 1 - Π(1 - severity · exposure) over the sources reached (see riskScore.ts). */
  riskScore: number;
  explored: { nodes: number; edges: number; truncated: boolean; hubsNotExpanded: number };
}

interface SourceHit {
  node: number;
  category: string;
  hops: number;
  share: number;
  pathCount: number;
  /** Arena entries ending at the source, heaviest first, at most maxPaths. */
  entries: number[];
}

/**
 * Traces where a target's funds came from, backward over at most maxHops transfers, and attributes
 * them to labelled sources.
 *
 * Model. The traversal enumerates simple time-respecting paths breadth first. At each node funds are
 * split in proportion to the value of its eligible inflows (haircut taint), where an inflow is eligible
 * to have fed an outflow only if its first transfer is no later than the outflow's last transfer. The
 * target's inflows are all eligible. A path stops at a source, which is credited the share the path
 * carries; what funded the source is not looked at. A share that would loop back onto a node already on
 * the path is dropped (not redistributed), so shares over all sources sum to at most 1; value whose
 * origin lies beyond maxHops or at unlabelled leaves is simply not attributed.
 *
 * Cost. One screener holds scratch typed arrays (an entry arena of maxEdges paths, a visit stamp per
 * node, and one node's in-edges) and reuses them; a screen allocates only its result. Work is bounded
 * by maxEdges examined in-edges; a node whose inflows would pass the bound is not expanded and the
 * result says truncated. Paths that end at the last hop on an unlabelled node are counted (explored
 * nodes) but not stored: they are most of a screen's paths and nothing more is done with them.
 */
export class ExposureScreener {
  private readonly options: ResolvedOptions;
  /** The node funds came from on the entry's edge (the edge's from-node). */
  private readonly entNode: Int32Array;
  private readonly entParent: Int32Array;
  private readonly entShare: Float64Array;
  /** The edge's last transfer time: the deadline for the inflows that can explain it. */
  private readonly entDeadline: Float64Array;
  private readonly entDepth: Uint8Array;
  private stamps: Uint32Array;
  private stamp = 0;

  // Scratch for one expansion: the node's in-edges and, for the eligible ones, their senders and values.
  private inEdges = new Int32Array(1024);
  private inFrom = new Int32Array(1024);
  private inValue = new Float64Array(1024);
  private collected = 0;

  private tail = 0;
  private examined = 0;
  private visited = 0;
  /** The node being expanded and its arena entry (-1: the target), for onPath. */
  private curNode = 0;
  private curParent = -1;
  private target = -1;

  constructor(
    private readonly graph: TransferGraphView,
    private readonly sources: ExposureSources,
    options: ScreeningOptions = {},
  ) {
    this.options = parseScreeningOptions(options);
    const cap = this.options.maxEdges;
    this.entNode = new Int32Array(cap);
    this.entParent = new Int32Array(cap);
    this.entShare = new Float64Array(cap);
    this.entDeadline = new Float64Array(cap);
    this.entDepth = new Uint8Array(cap);
    this.stamps = new Uint32Array(Math.max(16, graph.nodeCount));
  }

  screen(address: string): ScreeningResult {
    const node = this.graph.nodeOf(address);
    if (node < 0) {
      return {
        address,
        known: false,
        direct: [],
        indirect: [],
        riskScore: 0,
        explored: { nodes: 0, edges: 0, truncated: false, hubsNotExpanded: 0 },
      };
    }
    return this.screenNode(node);
  }

  screenNode(target: number): ScreeningResult {
    const g = this.graph;
    this.beginStamp();
    this.target = target;
    this.tail = 0;
    this.examined = 0;
    this.visited = this.visit(target) ? 1 : 0;
    let truncated = false;
    let hubs = 0;
    const hubInDegree = this.options.hubInDegree;

    const direct = this.directExposure(target);
    if (!this.expand(target, Number.POSITIVE_INFINITY, 1, -1, 0)) truncated = true;

    // The arena is in breadth-first order, so every source is first met at its fewest hops. Entries at
    // the last hop are only ever sources (see expand), so everything else here may be expanded.
    const hits = new Map<number, SourceHit>();
    for (let i = 0; i < this.tail; i++) {
      const node = this.entNode[i] as number;
      const category = this.sources.get(node);
      if (category !== undefined) {
        this.record(hits, node, category, i);
        continue;
      }
      if (hubInDegree > 0 && g.inDegree(node) > hubInDegree) {
        hubs++;
        continue;
      }
      const deadline = this.entDeadline[i] as number;
      if (!this.expand(node, deadline, this.entShare[i] as number, i, this.entDepth[i] as number))
        truncated = true;
    }

    const indirect = [...hits.values()]
      .map((hit) => this.describeHit(hit))
      .sort((a, b) => b.haircutShare - a.haircutShare || a.hops - b.hops);
    return {
      address: g.addressOf(target),
      known: true,
      direct,
      indirect,
      riskScore: this.riskScore(direct, indirect),
      explored: { nodes: this.visited, edges: this.examined, truncated, hubsNotExpanded: hubs },
    };
  }

  /**
   * Pushes one arena entry per eligible in-edge of node; false when the work bound stopped it. Edge ids
   * of one node are scattered over the graph's arrays, so nearly every attribute read is a cache miss
   * and the cost of a screen is the count of those reads: the in-edges are copied to scratch once, the
   * start time of each is read once, and the sender and value once per eligible edge (the eligible
   * total is known before any entry is pushed, so no second pass over the graph is needed).
   */
  private expand(node: number, deadline: number, share: number, parent: number, depth: number): boolean {
    const g = this.graph;
    const degree = g.inDegree(node);
    if (this.examined + degree > this.options.maxEdges) return false;
    this.examined += degree;
    if (this.inEdges.length < degree) this.growScratch(degree);
    const edges = this.inEdges;
    const froms = this.inFrom;
    const values = this.inValue;
    this.collected = 0;
    g.forEachIn(node, this.collect);
    const n = this.collected;

    let eligible = 0;
    for (let k = 0; k < n; k++) {
      const edge = edges[k] as number;
      // Written unconditionally and kept by the count: no branch on a value that is still in flight.
      edges[eligible] = edge;
      eligible += g.edgeFirstTime(edge) <= deadline ? 1 : 0;
    }
    let total = 0;
    for (let k = 0; k < eligible; k++) {
      const edge = edges[k] as number;
      const from = g.edgeFrom(edge);
      const value = usableValue(g.edgeValue(edge));
      froms[k] = from;
      values[k] = value;
      if (from !== node) total += value;
    }

    this.curNode = node;
    this.curParent = parent;
    // A node at the last hop is never expanded, so it matters only if it is a source: most of a
    // screen's entries would be such leaves, and not storing them saves the arena and main-loop work.
    const leaf = depth + 1 >= this.options.maxHops;
    for (let k = 0; k < eligible; k++) {
      const from = froms[k] as number;
      if (this.onPath(from)) continue;
      if (this.visit(from)) this.visited++;
      if (leaf && !this.sources.has(from)) continue;
      const i = this.tail++;
      this.entDeadline[i] = leaf ? 0 : g.edgeLastTime(edges[k] as number);
      this.entNode[i] = from;
      this.entParent[i] = parent;
      this.entDepth[i] = depth + 1;
      // Value-less edges (unknown amounts) still carry poison taint, with no haircut share.
      this.entShare[i] = total > 0 ? (share * (values[k] as number)) / total : 0;
    }
    return true;
  }

  private readonly collect = (edge: number): void => {
    this.inEdges[this.collected++] = edge;
  };

  private growScratch(degree: number): void {
    const size = Math.min(this.options.maxEdges, Math.max(degree, this.inEdges.length * 2));
    this.inEdges = new Int32Array(size);
    this.inFrom = new Int32Array(size);
    this.inValue = new Float64Array(size);
  }

  /** Whether node already lies on the path being extended (the target, the current node, ancestors). */
  private onPath(node: number): boolean {
    if (node === this.target || node === this.curNode) return true;
    for (let j = this.curParent; j >= 0; j = this.entParent[j] as number) {
      if (this.entNode[j] === node) return true;
    }
    return false;
  }

  private record(hits: Map<number, SourceHit>, node: number, category: string, entry: number): void {
    let hit = hits.get(node);
    if (hit === undefined) {
      hit = { node, category, hops: this.entDepth[entry] as number, share: 0, pathCount: 0, entries: [] };
      hits.set(node, hit);
    }
    const share = this.entShare[entry] as number;
    hit.share += share;
    hit.pathCount++;
    const kept = hit.entries;
    if (kept.length < this.options.maxPaths) kept.push(entry);
    else if (share > (this.entShare[kept[kept.length - 1] as number] as number))
      kept[kept.length - 1] = entry;
    else return;
    kept.sort((a, b) => (this.entShare[b] as number) - (this.entShare[a] as number));
  }

  private describeHit(hit: SourceHit): IndirectExposure {
    return {
      source: this.graph.addressOf(hit.node),
      category: hit.category,
      hops: hit.hops,
      poison: true,
      // Float sums may overshoot by an ulp; a share is never above 1.
      haircutShare: Math.min(1, hit.share),
      pathCount: hit.pathCount,
      paths: hit.entries.map((entry) => ({
        nodes: this.pathNodes(entry),
        share: this.entShare[entry] as number,
      })),
    };
  }

  private pathNodes(entry: number): string[] {
    const nodes: string[] = [];
    for (let j = entry; j >= 0; j = this.entParent[j] as number) {
      nodes.push(this.graph.addressOf(this.entNode[j] as number));
    }
    nodes.push(this.graph.addressOf(this.target));
    return nodes;
  }

  private directExposure(target: number): DirectExposure[] {
    const g = this.graph;
    const out: DirectExposure[] = [];
    const own = this.sources.get(target);
    if (own !== undefined) {
      out.push({ source: g.addressOf(target), category: own, relation: 'self', value: 0, transfers: 0 });
    }
    const add = (relation: 'received' | 'sent', other: number, edge: number): void => {
      const category = this.sources.get(other);
      if (category === undefined || other === target) return;
      out.push({
        source: g.addressOf(other),
        category,
        relation,
        value: g.edgeValue(edge),
        transfers: g.edgeTransfers(edge),
      });
    };
    g.forEachIn(target, (edge) => add('received', g.edgeFrom(edge), edge));
    g.forEachOut(target, (edge) => add('sent', g.edgeTo(edge), edge));
    return out;
  }

  private riskScore(direct: readonly DirectExposure[], indirect: readonly IndirectExposure[]): number {
    const weights = this.options.categoryWeights;
    const exposure = new Map<string, { weight: number; exposure: number }>();
    for (const hit of indirect) {
      exposure.set(hit.source, {
        weight: categoryWeight(hit.category, weights),
        exposure: sourceExposure(hit.haircutShare, hit.hops),
      });
    }
    for (const d of direct) {
      const seen = exposure.get(d.source);
      const level = d.relation === 'self' ? 1 : d.relation === 'sent' ? OUTBOUND_ONLY_EXPOSURE : 0;
      if (seen === undefined)
        exposure.set(d.source, { weight: categoryWeight(d.category, weights), exposure: level });
      else seen.exposure = Math.max(seen.exposure, level);
    }
    return combineRisk([...exposure.values()]);
  }

  private beginStamp(): void {
    if (this.stamps.length < this.graph.nodeCount) {
      this.stamps = new Uint32Array(Math.ceil(this.graph.nodeCount * 1.5));
      this.stamp = 0;
    }
    this.stamp++;
    if (this.stamp === 0xffffffff) {
      this.stamps.fill(0);
      this.stamp = 1;
    }
  }

  /** Marks node seen in this screen; true the first time. */
  private visit(node: number): boolean {
    if (this.stamps[node] === this.stamp) return false;
    this.stamps[node] = this.stamp;
    return true;
  }
}

function usableValue(value: number): number {
  return Number.isFinite(value) && value > 0 ? value : 0;
}

/**
 * One-off screening. Builds a screener (O(nodeCount + maxEdges) scratch memory) for a single call; keep
 * an ExposureScreener when screening many addresses.
 */
export function screenAddress(
  graph: TransferGraphView,
  sources: ExposureSources,
  address: string,
  options: ScreeningOptions = {},
): ScreeningResult {
  return new ExposureScreener(graph, sources, options).screen(address);
}

/** "target ← A ← B ← X (62%)": a path as an analyst reads it, from the target back to the source. */
export function formatExposurePath(path: ExposurePath): string {
  return `${[...path.nodes].reverse().join(' ← ')} (${(path.share * 100).toFixed(1)}%)`;
}
