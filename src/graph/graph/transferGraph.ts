import { ValidationError } from '../../core/errors.js';
import type { TransferEvent } from '../../core/transferEvent.js';
import type { TransferGraphView } from '../transferGraphView.js';
import { EdgePairIndex } from './edgePairIndex.js';
import { grownTo } from './growArray.js';
import { decodeGraphSnapshot, encodeGraphSnapshot } from './transferGraphSnapshot.js';

export interface TransferGraphCapacity {
  nodes?: number;
  edges?: number;
}

/**
 * The transaction graph, built one transfer at a time. Every transfer from one address to another lands
 * on one edge (value sum, transfer count, first and last time), found through a pair hash so repeats
 * cost O(1) and allocate nothing. Edges live in typed arrays that double when full; each node keeps
 * singly linked lists of its in- and out-edges (head, tail and next arrays), so an edge is appended in
 * O(1) and lists iterate in edge-id order. compact() lays the lists out contiguously (CSR) for faster
 * scans; adding a new edge drops that layout again, aggregating onto existing edges keeps it.
 */
export class TransferGraph implements TransferGraphView {
  private readonly ids = new Map<string, number>();
  private addresses: string[] = [];

  private from: Int32Array;
  private to: Int32Array;
  private value: Float64Array;
  private transfers: Uint32Array;
  private firstTime: Float64Array;
  private lastTime: Float64Array;
  private outNext: Int32Array;
  private inNext: Int32Array;
  private edges = 0;

  private outHead: Int32Array;
  private outTail: Int32Array;
  private inHead: Int32Array;
  private inTail: Int32Array;
  private outDeg: Int32Array;
  private inDeg: Int32Array;

  private readonly pairs: EdgePairIndex;
  private csr: CompactAdjacency | undefined;

  constructor(capacity: TransferGraphCapacity = {}) {
    const nodes = Math.max(16, capacity.nodes ?? 1024);
    const edges = Math.max(16, capacity.edges ?? 4096);
    this.from = new Int32Array(edges);
    this.to = new Int32Array(edges);
    this.value = new Float64Array(edges);
    this.transfers = new Uint32Array(edges);
    this.firstTime = new Float64Array(edges);
    this.lastTime = new Float64Array(edges);
    this.outNext = new Int32Array(edges);
    this.inNext = new Int32Array(edges);
    this.outHead = new Int32Array(nodes);
    this.outTail = new Int32Array(nodes);
    this.inHead = new Int32Array(nodes);
    this.inTail = new Int32Array(nodes);
    this.outDeg = new Int32Array(nodes);
    this.inDeg = new Int32Array(nodes);
    this.pairs = new EdgePairIndex(
      (edge) => this.from[edge] as number,
      (edge) => this.to[edge] as number,
      edges,
    );
  }

  get nodeCount(): number {
    return this.addresses.length;
  }

  get edgeCount(): number {
    return this.edges;
  }

  /** The node of an address, created on first sight; addresses must already be canonical. */
  nodeFor(address: string): number {
    let node = this.ids.get(address);
    if (node !== undefined) return node;
    node = this.addresses.length;
    this.ids.set(address, node);
    this.addresses.push(address);
    if (node >= this.outHead.length) this.growNodes(node + 1);
    this.outHead[node] = -1;
    this.outTail[node] = -1;
    this.inHead[node] = -1;
    this.inTail[node] = -1;
    return node;
  }

  /** Adds one transfer (epoch ms) onto the edge of its address pair; returns the edge id. */
  addTransfer(from: string, to: string, value: number, time: number): number {
    return this.addTransferBetween(this.nodeFor(from), this.nodeFor(to), value, time);
  }

  /** addTransfer for a monitor event: valued at valueUsd when the source knows it, else amount. */
  addEvent(event: TransferEvent): number {
    return this.addTransfer(event.from, event.to, event.valueUsd ?? event.amount, event.time);
  }

  /** addTransfer between nodes already known (from nodeFor), skipping the address lookups. */
  addTransferBetween(fromNode: number, toNode: number, value: number, time: number): number {
    // A NaN or infinite value would silently poison every sum and time comparison on the edge.
    if (!Number.isFinite(value) || !Number.isFinite(time)) {
      throw new ValidationError('INPUT_INVALID', 'transfer', [
        { path: Number.isFinite(value) ? 'time' : 'value', message: 'must be a finite number' },
      ]);
    }
    this.checkNode(fromNode);
    this.checkNode(toNode);
    const edge = this.pairs.findOrInsert(fromNode, toNode, this.edges);
    if (edge >= 0) {
      this.value[edge] = (this.value[edge] as number) + value;
      this.transfers[edge] = (this.transfers[edge] as number) + 1;
      if (time < (this.firstTime[edge] as number)) this.firstTime[edge] = time;
      if (time > (this.lastTime[edge] as number)) this.lastTime[edge] = time;
      return edge;
    }
    return this.appendEdge(fromNode, toNode, value, 1, time, time);
  }

  nodeOf(address: string): number {
    return this.ids.get(address) ?? -1;
  }

  addressOf(node: number): string {
    const address = this.addresses[node];
    if (address === undefined) throw new RangeError(`no node ${node}`);
    return address;
  }

  forEachOut(node: number, visit: (edge: number) => void): void {
    this.checkNode(node);
    const csr = this.csr;
    if (csr) {
      const end = csr.outOffsets[node + 1] as number;
      for (let i = csr.outOffsets[node] as number; i < end; i++) visit(csr.outEdges[i] as number);
      return;
    }
    const next = this.outNext;
    for (let edge = this.outHead[node] as number; edge >= 0; edge = next[edge] as number) visit(edge);
  }

  forEachIn(node: number, visit: (edge: number) => void): void {
    this.checkNode(node);
    const csr = this.csr;
    if (csr) {
      const end = csr.inOffsets[node + 1] as number;
      for (let i = csr.inOffsets[node] as number; i < end; i++) visit(csr.inEdges[i] as number);
      return;
    }
    const next = this.inNext;
    for (let edge = this.inHead[node] as number; edge >= 0; edge = next[edge] as number) visit(edge);
  }

  outDegree(node: number): number {
    this.checkNode(node);
    return this.outDeg[node] as number;
  }

  inDegree(node: number): number {
    this.checkNode(node);
    return this.inDeg[node] as number;
  }

  edgeFrom(edge: number): number {
    return this.from[this.checkEdge(edge)] as number;
  }

  edgeTo(edge: number): number {
    return this.to[this.checkEdge(edge)] as number;
  }

  edgeValue(edge: number): number {
    return this.value[this.checkEdge(edge)] as number;
  }

  edgeTransfers(edge: number): number {
    return this.transfers[this.checkEdge(edge)] as number;
  }

  edgeFirstTime(edge: number): number {
    return this.firstTime[this.checkEdge(edge)] as number;
  }

  edgeLastTime(edge: number): number {
    return this.lastTime[this.checkEdge(edge)] as number;
  }

  /** The edge from one node to another, or -1. */
  edgeBetween(fromNode: number, toNode: number): number {
    return this.pairs.find(fromNode, toNode);
  }

  /**
   * Lays every node's edges out contiguously (CSR, edge ids ascending) so forEachIn/forEachOut scan
   * memory in order. Worth it once a bulk load is done; a later new edge drops it until called again.
   */
  compact(): void {
    if (this.csr) return;
    const nodes = this.nodeCount;
    const edges = this.edges;
    const outOffsets = prefixSums(this.outDeg, nodes);
    const inOffsets = prefixSums(this.inDeg, nodes);
    const outEdges = new Int32Array(edges);
    const inEdges = new Int32Array(edges);
    const outFill = outOffsets.slice(0, nodes);
    const inFill = inOffsets.slice(0, nodes);
    for (let edge = 0; edge < edges; edge++) {
      const f = this.from[edge] as number;
      const t = this.to[edge] as number;
      outEdges[outFill[f] as number] = edge;
      outFill[f] = (outFill[f] as number) + 1;
      inEdges[inFill[t] as number] = edge;
      inFill[t] = (inFill[t] as number) + 1;
    }
    this.csr = { outOffsets, outEdges, inOffsets, inEdges };
  }

  get isCompact(): boolean {
    return this.csr !== undefined;
  }

  /** A self-contained snapshot (header with magic and version, addresses, edges); see load. */
  save(): Uint8Array {
    const n = this.edges;
    return encodeGraphSnapshot({
      addresses: this.addresses,
      from: this.from.subarray(0, n),
      to: this.to.subarray(0, n),
      value: this.value.subarray(0, n),
      transfers: this.transfers.subarray(0, n),
      firstTime: this.firstTime.subarray(0, n),
      lastTime: this.lastTime.subarray(0, n),
    });
  }

  /** Rebuilds a graph from save()'s bytes; node and edge ids are the same as when it was saved. */
  static load(bytes: Uint8Array): TransferGraph {
    const parts = decodeGraphSnapshot(bytes);
    const edges = parts.from.length;
    const graph = new TransferGraph({ nodes: parts.addresses.length, edges });
    for (const address of parts.addresses) {
      if (graph.nodeOf(address) >= 0) {
        throw new ValidationError('INPUT_INVALID', 'transfer graph snapshot', [
          { path: 'addresses', message: `address ${address} appears twice` },
        ]);
      }
      graph.nodeFor(address);
    }
    const nodes = graph.nodeCount;
    for (let edge = 0; edge < edges; edge++) {
      const f = parts.from[edge] as number;
      const t = parts.to[edge] as number;
      const transfers = parts.transfers[edge] as number;
      const first = parts.firstTime[edge] as number;
      const last = parts.lastTime[edge] as number;
      const fine = f >= 0 && f < nodes && t >= 0 && t < nodes && transfers >= 1 && first <= last;
      if (!fine || graph.pairs.findOrInsert(f, t, edge) >= 0) {
        throw new ValidationError('INPUT_INVALID', 'transfer graph snapshot', [
          { path: `edges[${edge}]`, message: `inconsistent or repeated edge ${f} -> ${t}` },
        ]);
      }
      graph.appendEdge(f, t, parts.value[edge] as number, transfers, first, last);
    }
    return graph;
  }

  private appendEdge(
    fromNode: number,
    toNode: number,
    value: number,
    transfers: number,
    firstTime: number,
    lastTime: number,
  ): number {
    const edge = this.edges;
    if (edge >= this.from.length) this.growEdges(edge + 1);
    this.csr = undefined;
    this.from[edge] = fromNode;
    this.to[edge] = toNode;
    this.value[edge] = value;
    this.transfers[edge] = transfers;
    this.firstTime[edge] = firstTime;
    this.lastTime[edge] = lastTime;
    this.outNext[edge] = -1;
    this.inNext[edge] = -1;

    const outTail = this.outTail[fromNode] as number;
    if (outTail < 0) this.outHead[fromNode] = edge;
    else this.outNext[outTail] = edge;
    this.outTail[fromNode] = edge;
    this.outDeg[fromNode] = (this.outDeg[fromNode] as number) + 1;

    const inTail = this.inTail[toNode] as number;
    if (inTail < 0) this.inHead[toNode] = edge;
    else this.inNext[inTail] = edge;
    this.inTail[toNode] = edge;
    this.inDeg[toNode] = (this.inDeg[toNode] as number) + 1;

    this.edges = edge + 1;
    return edge;
  }

  private growNodes(needed: number): void {
    this.outHead = grownTo(this.outHead, needed);
    this.outTail = grownTo(this.outTail, needed);
    this.inHead = grownTo(this.inHead, needed);
    this.inTail = grownTo(this.inTail, needed);
    this.outDeg = grownTo(this.outDeg, needed);
    this.inDeg = grownTo(this.inDeg, needed);
  }

  private growEdges(needed: number): void {
    this.from = grownTo(this.from, needed);
    this.to = grownTo(this.to, needed);
    this.value = grownTo(this.value, needed);
    this.transfers = grownTo(this.transfers, needed);
    this.firstTime = grownTo(this.firstTime, needed);
    this.lastTime = grownTo(this.lastTime, needed);
    this.outNext = grownTo(this.outNext, needed);
    this.inNext = grownTo(this.inNext, needed);
  }

  private checkNode(node: number): void {
    if (!(node >= 0 && node < this.addresses.length)) throw new RangeError(`no node ${node}`);
  }

  private checkEdge(edge: number): number {
    if (!(edge >= 0 && edge < this.edges)) throw new RangeError(`no edge ${edge}`);
    return edge;
  }
}

interface CompactAdjacency {
  outOffsets: Int32Array;
  outEdges: Int32Array;
  inOffsets: Int32Array;
  inEdges: Int32Array;
}

/** offsets[i] = sum of degree[0..i-1], with offsets[count] the total. */
function prefixSums(degree: Int32Array, count: number): Int32Array {
  const offsets = new Int32Array(count + 1);
  for (let i = 0; i < count; i++) offsets[i + 1] = (offsets[i] as number) + (degree[i] as number);
  return offsets;
}
