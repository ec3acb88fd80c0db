/**
 * The read side of the transaction graph, shared by risk propagation, clustering, structure and
 * linkability. Nodes are dense ids 0..nodeCount-1 (one per address on one chain); an edge aggregates
 * every transfer from one address to another: total value, how many transfers, first and last time.
 * Implementations keep it in typed arrays; callers iterate without allocating.
 */
export interface TransferGraphView {
  readonly nodeCount: number;
  readonly edgeCount: number;
  /** The node of an address (canonical form: lower-case hex for EVM chains), or -1. */
  nodeOf(address: string): number;
  addressOf(node: number): string;
  /** Calls visit(edge) for every edge into node; edges are dense ids 0..edgeCount-1. */
  forEachIn(node: number, visit: (edge: number) => void): void;
  /** Calls visit(edge) for every edge out of node. */
  forEachOut(node: number, visit: (edge: number) => void): void;
  inDegree(node: number): number;
  outDegree(node: number): number;
  edgeFrom(edge: number): number;
  edgeTo(edge: number): number;
  /** Sum of the transfers' values (valueUsd when known, else amount). */
  edgeValue(edge: number): number;
  /** How many transfers the edge aggregates. */
  edgeTransfers(edge: number): number;
  /** Epoch ms of the first and the last transfer on the edge. */
  edgeFirstTime(edge: number): number;
  edgeLastTime(edge: number): number;
}
