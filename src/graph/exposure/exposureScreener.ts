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
   * Reaching one is counted in explored.hubsNotExpanded. 0 means no limit.
   */
  hubInDegree: z.number().int().min(0).default(0),
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
 * Cost. One screener holds scratch typed arrays (an entry arena of maxEdges paths and a visit stamp per
 * node) and reuses them; a screen allocates only its result. Work is bounded by maxEdges examined
 * in-edges; a node whose inflows would pass the bound is not expanded and the result says truncated.
 */
export class ExposureScreener {
  private readonly options: ResolvedOptions;
  private readonly entEdge: Int32Array;
  private readonly entParent: Int32Array;
  private readonly entShare: Float64Array;
  private readonly entDepth: Uint8Array;
  private stamps: Uint32Array;
  private stamp = 0;

  // Per-expansion state read by the two in-edge callbacks below (kept as fields so no closure is made
  // per node or per edge).
  private tail = 0;
  private examined = 0;
  private curNode = 0;
  private curDeadline = 0;
  private curShare = 0;
  private curParent = -1;
  private curDepth = 0;
  private curTotal = 0;
  private target = -1;

  constructor(
    private readonly graph: TransferGraphView,
    private readonly sources: ExposureSources,
    options: ScreeningOptions = {},
  ) {
    this.options = parseScreeningOptions(options);
    const cap = this.options.maxEdges;
    this.entEdge = new Int32Array(cap);
    this.entParent = new Int32Array(cap);
    this.entShare = new Float64Array(cap);
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
    let truncated = false;
    let hubs = 0;
    const hubInDegree = this.options.hubInDegree;
    let visited = this.visit(target) ? 1 : 0;

    const direct = this.directExposure(target);
    if (!this.expand(target, Number.POSITIVE_INFINITY, 1, -1, 0)) truncated = true;

    const hits = new Map<number, SourceHit>();
    for (let i = 0; i < this.tail; i++) {
      const edge = this.entEdge[i] as number;
      const node = g.edgeFrom(edge);
      if (this.visit(node)) visited++;
      const category = this.sources.get(node);
      if (category !== undefined) {
        this.record(hits, node, category, i);
        continue;
      }
      const depth = this.entDepth[i] as number;
      if (depth >= this.options.maxHops) continue;
      if (hubInDegree > 0 && g.inDegree(node) > hubInDegree) {
        hubs++;
        continue;
      }
      if (!this.expand(node, g.edgeLastTime(edge), this.entShare[i] as number, i, depth)) truncated = true;
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
      explored: { nodes: visited, edges: this.examined, truncated, hubsNotExpanded: hubs },
    };
  }

  /** Pushes one arena entry per eligible in-edge of node; false when the work bound stopped it. */
  private expand(node: number, deadline: number, share: number, parent: number, depth: number): boolean {
    const degree = this.graph.inDegree(node);
    if (this.examined + degree > this.options.maxEdges) return false;
    this.examined += degree;
    this.curNode = node;
    this.curDeadline = deadline;
    this.curShare = share;
    this.curParent = parent;
    this.curDepth = depth + 1;
    this.curTotal = 0;
    this.graph.forEachIn(node, this.sumEligible);
    this.graph.forEachIn(node, this.pushEligible);
    return true;
  }

  private readonly sumEligible = (edge: number): void => {
    const g = this.graph;
    if (g.edgeFirstTime(edge) > this.curDeadline || g.edgeFrom(edge) === this.curNode) return;
    this.curTotal += usableValue(g.edgeValue(edge));
  };

  private readonly pushEligible = (edge: number): void => {
    const g = this.graph;
    if (g.edgeFirstTime(edge) > this.curDeadline) return;
    const from = g.edgeFrom(edge);
    if (this.onPath(from)) return;
    const i = this.tail++;
    this.entEdge[i] = edge;
    this.entParent[i] = this.curParent;
    this.entDepth[i] = this.curDepth;
    // Value-less edges (unknown amounts) still carry poison taint, with no haircut share.
    this.entShare[i] =
      this.curTotal > 0 ? (this.curShare * usableValue(g.edgeValue(edge))) / this.curTotal : 0;
  };

  /** Whether node already lies on the path being extended (the target, the current node, ancestors). */
  private onPath(node: number): boolean {
    if (node === this.target || node === this.curNode) return true;
    for (let j = this.curParent; j >= 0; j = this.entParent[j] as number) {
      if (this.graph.edgeFrom(this.entEdge[j] as number) === node) return true;
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
      nodes.push(this.graph.addressOf(this.graph.edgeFrom(this.entEdge[j] as number)));
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
