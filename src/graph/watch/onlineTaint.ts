import { POISON_FLOOR } from '../exposure/riskScore.js';
import { grownTo } from '../graph/growArray.js';

/** Hops value of a node no labelled source has reached. */
const UNREACHED = 255;

export interface OnlineTaintOptions {
  /** Poison taint counts this many hops from a source (as the screener's maxHops). */
  maxHops: number;
  /** Nodes with more inflows than this pass on haircut taint but not poison (0: no limit). */
  hubInDegree: number;
}

/**
 * A running estimate of every address's exposure, updated in O(1) per transfer as the stream arrives,
 * so the monitor can ask about any counterparty without tracing the graph. Funds are followed forward:
 *   - haircut: each node's inflow value and the part of it that was dirty, weighted by the source's
 *     severity; a transfer carries the sender's dirty share (a source's share is its weight);
 *   - poison: the fewest hops from a source, and the heaviest source weight seen at that distance.
 * Because transfers arrive in time order, every path followed is time-respecting. It is an estimate:
 * the screener (exposureScreener.ts) traces backward exactly, and an alert is raised only after it
 * confirms. Unlike the screener, haircut taint here is not bounded by hops (it only dilutes).
 */
export class OnlineTaint {
  private inValue = new Float64Array(1024);
  private dirtyValue = new Float64Array(1024);
  private inflows = new Uint32Array(1024);
  private sourceWeight = new Float64Array(1024);
  private reachWeight = new Float64Array(1024);
  private hops = new Uint8Array(1024).fill(UNREACHED);

  constructor(private readonly options: OnlineTaintOptions) {}

  /** Marks a node as a labelled source of the given severity weight in [0, 1] (the heaviest wins). */
  markSource(node: number, weight: number): void {
    this.ensure(node);
    if (weight <= (this.sourceWeight[node] as number)) return;
    this.sourceWeight[node] = weight;
    this.hops[node] = 0;
    this.reachWeight[node] = weight;
  }

  isSource(node: number): boolean {
    return node < this.sourceWeight.length && (this.sourceWeight[node] as number) > 0;
  }

  /** Folds one transfer in; call after the graph has it, in stream order. */
  onTransfer(from: number, to: number, value: number): void {
    this.ensure(Math.max(from, to));
    const share = this.dirtyShare(from);
    this.inValue[to] = (this.inValue[to] as number) + value;
    this.dirtyValue[to] = (this.dirtyValue[to] as number) + value * share;
    this.inflows[to] = (this.inflows[to] as number) + 1;

    const fromHops = this.hops[from] as number;
    if (fromHops >= this.options.maxHops) return;
    const hub = this.options.hubInDegree > 0 && (this.inflows[from] as number) > this.options.hubInDegree;
    if (hub && fromHops > 0) return;
    const next = fromHops + 1;
    const toHops = this.hops[to] as number;
    const weight = this.reachWeight[from] as number;
    if (next < toHops) {
      this.hops[to] = next;
      this.reachWeight[to] = weight;
    } else if (next === toHops && weight > (this.reachWeight[to] as number)) {
      this.reachWeight[to] = weight;
    }
  }

  /** The estimated risk score of a node in [0, 1] (a source scores its own weight). */
  estimate(node: number): number {
    if (node < 0 || node >= this.hops.length) return 0;
    const own = this.sourceWeight[node] as number;
    if (own > 0) return own;
    const inValue = this.inValue[node] as number;
    const haircut = inValue > 0 ? Math.min(1, (this.dirtyValue[node] as number) / inValue) : 0;
    const hops = this.hops[node] as number;
    if (hops === UNREACHED) return haircut;
    const poison = (this.reachWeight[node] as number) * (POISON_FLOOR / 2 ** (hops - 1));
    return Math.max(haircut, poison);
  }

  /** Fewest hops from a source over the transfers seen, or undefined when none reached it. */
  hopsFromSource(node: number): number | undefined {
    const hops = node >= 0 && node < this.hops.length ? (this.hops[node] as number) : UNREACHED;
    return hops === UNREACHED ? undefined : hops;
  }

  private dirtyShare(node: number): number {
    const own = this.sourceWeight[node] as number;
    if (own > 0) return own;
    const inValue = this.inValue[node] as number;
    return inValue > 0 ? Math.min(1, (this.dirtyValue[node] as number) / inValue) : 0;
  }

  private ensure(node: number): void {
    const needed = node + 1;
    if (needed <= this.hops.length) return;
    const before = this.hops.length;
    this.inValue = grownTo(this.inValue, needed);
    this.dirtyValue = grownTo(this.dirtyValue, needed);
    this.inflows = grownTo(this.inflows, needed);
    this.sourceWeight = grownTo(this.sourceWeight, needed);
    this.reachWeight = grownTo(this.reachWeight, needed);
    this.hops = grownTo(this.hops, needed);
    this.hops.fill(UNREACHED, before);
  }
}
