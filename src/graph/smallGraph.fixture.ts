import type { TransferGraphView } from './transferGraphView.js';

export interface SmallEdge {
  from: string;
  to: string;
  value: number;
  /** Epoch ms; default 0. */
  time?: number;
  /** Last transfer's time when the edge stands for several; default time. */
  lastTime?: number;
  transfers?: number;
}

/**
 * A TransferGraphView over a hand-written edge list, for tests of the algorithms that read graphs.
 * Plain arrays: clarity over speed. Repeated from/to pairs must be merged by the caller.
 */
export function smallGraph(edges: readonly SmallEdge[]): TransferGraphView {
  const ids = new Map<string, number>();
  const names: string[] = [];
  const idOf = (address: string): number => {
    let id = ids.get(address);
    if (id === undefined) {
      id = names.length;
      ids.set(address, id);
      names.push(address);
    }
    return id;
  };
  const from = edges.map((e) => idOf(e.from));
  const to = edges.map((e) => idOf(e.to));
  const incoming: number[][] = names.map(() => []);
  const outgoing: number[][] = names.map(() => []);
  edges.forEach((_, i) => {
    (outgoing[from[i] as number] as number[]).push(i);
    (incoming[to[i] as number] as number[]).push(i);
  });
  const at = <T>(list: readonly T[], i: number): T => {
    const value = list[i];
    if (value === undefined) throw new RangeError(`no element ${i}`);
    return value;
  };
  return {
    nodeCount: names.length,
    edgeCount: edges.length,
    nodeOf: (address) => ids.get(address) ?? -1,
    addressOf: (node) => at(names, node),
    forEachIn: (node, visit) => {
      for (const e of at(incoming, node)) visit(e);
    },
    forEachOut: (node, visit) => {
      for (const e of at(outgoing, node)) visit(e);
    },
    inDegree: (node) => at(incoming, node).length,
    outDegree: (node) => at(outgoing, node).length,
    edgeFrom: (edge) => at(from, edge),
    edgeTo: (edge) => at(to, edge),
    edgeValue: (edge) => at(edges, edge).value,
    edgeTransfers: (edge) => at(edges, edge).transfers ?? 1,
    edgeFirstTime: (edge) => at(edges, edge).time ?? 0,
    edgeLastTime: (edge) => {
      const e = at(edges, edge);
      return e.lastTime ?? e.time ?? 0;
    },
  };
}
