import { describe, expect, it } from 'vitest';
import type { TransferEvent } from '../../core/transferEvent.js';
import { type SmallEdge, smallGraph } from '../smallGraph.fixture.js';
import type { TransferGraphView } from '../transferGraphView.js';
import { TransferGraph } from './transferGraph.js';

const collect = (each: (node: number, visit: (edge: number) => void) => void, node: number): number[] => {
  const edges: number[] = [];
  each(node, (edge) => edges.push(edge));
  return edges;
};

/** Every edge as "from>to value transfers first last", addresses not ids, sorted: a view's content. */
function describeEdges(view: TransferGraphView): string[] {
  const lines: string[] = [];
  for (let e = 0; e < view.edgeCount; e++) {
    lines.push(
      `${view.addressOf(view.edgeFrom(e))}>${view.addressOf(view.edgeTo(e))} ${view.edgeValue(e).toFixed(6)} ` +
        `${view.edgeTransfers(e)} ${view.edgeFirstTime(e)} ${view.edgeLastTime(e)}`,
    );
  }
  return lines.sort();
}

/** Per address, its in- and out-neighbour addresses and degrees, sorted. */
function describeAdjacency(view: TransferGraphView): string[] {
  const lines: string[] = [];
  for (let n = 0; n < view.nodeCount; n++) {
    const outs = collect(view.forEachOut.bind(view), n).map((e) => view.addressOf(view.edgeTo(e)));
    const ins = collect(view.forEachIn.bind(view), n).map((e) => view.addressOf(view.edgeFrom(e)));
    lines.push(
      `${view.addressOf(n)} out=${view.outDegree(n)}[${outs.sort().join(',')}] in=${view.inDegree(n)}[${ins.sort().join(',')}]`,
    );
  }
  return lines.sort();
}

/** A small seeded generator so the random comparison is reproducible. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('TransferGraph', () => {
  it('aggregates repeated pairs into one edge and keeps direction apart', () => {
    const g = new TransferGraph();
    const ab = g.addTransfer('a', 'b', 10, 1000);
    expect(g.addTransfer('a', 'b', 5, 2000)).toBe(ab);
    const ba = g.addTransfer('b', 'a', 1, 1500);
    expect(ba).not.toBe(ab);
    expect(g.nodeCount).toBe(2);
    expect(g.edgeCount).toBe(2);
    expect(g.edgeValue(ab)).toBe(15);
    expect(g.edgeTransfers(ab)).toBe(2);
    expect(g.edgeFirstTime(ab)).toBe(1000);
    expect(g.edgeLastTime(ab)).toBe(2000);
    expect(g.edgeFrom(ab)).toBe(g.nodeOf('a'));
    expect(g.edgeTo(ab)).toBe(g.nodeOf('b'));
    expect(g.edgeBetween(g.nodeOf('b'), g.nodeOf('a'))).toBe(ba);
    expect(g.nodeOf('zzz')).toBe(-1);
    expect(g.addressOf(g.nodeOf('b'))).toBe('b');
  });

  it('keeps first and last time right when transfers arrive out of order', () => {
    const g = new TransferGraph();
    const e = g.addTransfer('a', 'b', 1, 5000);
    g.addTransfer('a', 'b', 1, 3000);
    g.addTransfer('a', 'b', 1, 9000);
    g.addTransfer('a', 'b', 1, 4000);
    expect(g.edgeFirstTime(e)).toBe(3000);
    expect(g.edgeLastTime(e)).toBe(9000);
    expect(g.edgeTransfers(e)).toBe(4);
  });

  it('iterates in- and out-edges in edge order and reports degrees', () => {
    const g = new TransferGraph();
    const e0 = g.addTransfer('hub', 'x', 1, 0);
    const e1 = g.addTransfer('y', 'hub', 1, 0);
    const e2 = g.addTransfer('hub', 'y', 1, 0);
    const e3 = g.addTransfer('z', 'hub', 1, 0);
    g.addTransfer('hub', 'x', 1, 0);
    const hub = g.nodeOf('hub');
    expect(collect(g.forEachOut.bind(g), hub)).toEqual([e0, e2]);
    expect(collect(g.forEachIn.bind(g), hub)).toEqual([e1, e3]);
    expect(g.outDegree(hub)).toBe(2);
    expect(g.inDegree(hub)).toBe(2);
    expect(g.outDegree(g.nodeOf('x'))).toBe(0);
    expect(collect(g.forEachOut.bind(g), g.nodeOf('x'))).toEqual([]);
    expect(() => g.forEachOut(99, () => {})).toThrow(RangeError);
    expect(() => g.edgeValue(99)).toThrow(RangeError);
  });

  it('counts a self-transfer once in each direction', () => {
    const g = new TransferGraph();
    const e = g.addTransfer('a', 'a', 2, 0);
    const a = g.nodeOf('a');
    expect(collect(g.forEachOut.bind(g), a)).toEqual([e]);
    expect(collect(g.forEachIn.bind(g), a)).toEqual([e]);
  });

  it('grows beyond its initial capacity without losing edges', () => {
    const g = new TransferGraph({ nodes: 16, edges: 16 });
    // A star plus a chain: 300 nodes, 598 edges, each pair sent twice.
    for (let round = 0; round < 2; round++) {
      for (let i = 1; i < 300; i++) {
        g.addTransfer('n0', `n${i}`, i, i);
        g.addTransfer(`n${i - 1}`, `n${i}`, 1, round);
      }
    }
    expect(g.nodeCount).toBe(300);
    // n0 -> n1 is both the star's and the chain's first edge.
    expect(g.edgeCount).toBe(299 + 298);
    const hub = g.nodeOf('n0');
    expect(g.outDegree(hub)).toBe(299);
    expect(collect(g.forEachOut.bind(g), hub)).toHaveLength(299);
    const star = g.edgeBetween(hub, g.nodeOf('n250'));
    expect(g.edgeValue(star)).toBe(500);
    expect(g.edgeTransfers(star)).toBe(2);
    const link = g.edgeBetween(g.nodeOf('n100'), g.nodeOf('n101'));
    expect([g.edgeFirstTime(link), g.edgeLastTime(link), g.edgeTransfers(link)]).toEqual([0, 1, 2]);
  });

  it('values an event at valueUsd when known, else at its amount', () => {
    const g = new TransferGraph();
    const base = { key: 'k', chain: 'ethereum', asset: 'ETH', time: 7 };
    const e = g.addEvent({ ...base, from: 'a', to: 'b', amount: 2, valueUsd: 6000 } as TransferEvent);
    g.addEvent({ ...base, from: 'a', to: 'b', amount: 3 } as TransferEvent);
    expect(g.edgeValue(e)).toBe(6003);
  });

  it('refuses non-finite values and times', () => {
    const g = new TransferGraph();
    expect(() => g.addTransfer('a', 'b', Number.NaN, 0)).toThrow(/value/);
    expect(() => g.addTransfer('a', 'b', 1, Number.POSITIVE_INFINITY)).toThrow(/time/);
  });

  it('iterates the same edges after compact(), and drops the compact layout on a new edge', () => {
    const g = new TransferGraph();
    const rand = lcg(7);
    for (let i = 0; i < 2000; i++) {
      g.addTransfer(`a${Math.floor(rand() * 60)}`, `a${Math.floor(rand() * 60)}`, 1, i);
    }
    const before = describeAdjacency(g);
    const order = collect(g.forEachOut.bind(g), 0);
    g.compact();
    expect(g.isCompact).toBe(true);
    expect(describeAdjacency(g)).toEqual(before);
    expect(collect(g.forEachOut.bind(g), 0)).toEqual(order);
    g.addTransfer(g.addressOf(g.edgeFrom(5)), g.addressOf(g.edgeTo(5)), 1, 0); // existing pair: layout stays
    expect(g.isCompact).toBe(true);
    g.addTransfer(g.addressOf(0), 'fresh', 1, 0);
    expect(g.isCompact).toBe(false);
    expect(collect(g.forEachOut.bind(g), 0)).toEqual([...order, g.edgeBetween(0, g.nodeOf('fresh'))]);
  });

  it('matches smallGraph on a random edge list', () => {
    const rand = lcg(42);
    const merged = new Map<string, SmallEdge & { transfers: number; lastTime: number; time: number }>();
    const g = new TransferGraph({ nodes: 16, edges: 16 });
    for (let i = 0; i < 3000; i++) {
      // A skewed pick so a few addresses carry many edges, as on chain.
      const pick = () => `0x${Math.floor(rand() ** 3 * 400).toString(16)}`;
      const from = pick();
      const to = pick();
      const value = Math.round(rand() * 1000) / 10;
      const time = Math.floor(rand() * 1e6);
      g.addTransfer(from, to, value, time);
      const key = `${from}>${to}`;
      const edge = merged.get(key);
      if (edge) {
        edge.value += value;
        edge.transfers += 1;
        edge.time = Math.min(edge.time, time);
        edge.lastTime = Math.max(edge.lastTime, time);
      } else {
        merged.set(key, { from, to, value, time, lastTime: time, transfers: 1 });
      }
    }
    const reference = smallGraph([...merged.values()]);
    expect(g.nodeCount).toBe(reference.nodeCount);
    expect(g.edgeCount).toBe(reference.edgeCount);
    expect(describeEdges(g)).toEqual(describeEdges(reference));
    expect(describeAdjacency(g)).toEqual(describeAdjacency(reference));
  });

  it('round-trips through save and load with the same ids', () => {
    const g = new TransferGraph();
    const rand = lcg(3);
    for (let i = 0; i < 500; i++) {
      g.addTransfer(`0x${Math.floor(rand() * 80)}`, `0x${Math.floor(rand() * 80)}`, rand() * 100, i * 1.7e12);
    }
    g.addTransfer('bc1qé-unicode-ünïcødé', '0x0', 1e-18, 0);
    const loaded = TransferGraph.load(g.save());
    expect(loaded.nodeCount).toBe(g.nodeCount);
    expect(loaded.edgeCount).toBe(g.edgeCount);
    for (let n = 0; n < g.nodeCount; n++) expect(loaded.addressOf(n)).toBe(g.addressOf(n));
    for (let e = 0; e < g.edgeCount; e++) {
      expect([loaded.edgeFrom(e), loaded.edgeTo(e), loaded.edgeValue(e), loaded.edgeTransfers(e)]).toEqual([
        g.edgeFrom(e),
        g.edgeTo(e),
        g.edgeValue(e),
        g.edgeTransfers(e),
      ]);
      expect([loaded.edgeFirstTime(e), loaded.edgeLastTime(e)]).toEqual([
        g.edgeFirstTime(e),
        g.edgeLastTime(e),
      ]);
    }
    expect(describeAdjacency(loaded)).toEqual(describeAdjacency(g));
    // A loaded graph keeps aggregating onto the same edges.
    const e = loaded.edgeBetween(loaded.nodeOf('bc1qé-unicode-ünïcødé'), loaded.nodeOf('0x0'));
    loaded.addTransfer('bc1qé-unicode-ünïcødé', '0x0', 1, 5);
    expect(loaded.edgeTransfers(e)).toBe(2);
  });

  it('loads a snapshot that sits inside a larger buffer', () => {
    const g = new TransferGraph();
    g.addTransfer('a', 'b', 1, 2);
    const bytes = g.save();
    const framed = new Uint8Array(bytes.length + 3);
    framed.set(bytes, 3);
    const loaded = TransferGraph.load(framed.subarray(3));
    expect(loaded.edgeValue(0)).toBe(1);
    expect(loaded.addressOf(1)).toBe('b');
  });

  it('refuses bytes that are not a snapshot, of another version, or cut short', () => {
    const g = new TransferGraph();
    g.addTransfer('a', 'b', 1, 2);
    const bytes = g.save();
    expect(() => TransferGraph.load(new Uint8Array(4))).toThrow(/header/);
    const wrongMagic = bytes.slice();
    wrongMagic[0] = 0;
    expect(() => TransferGraph.load(wrongMagic)).toThrow(/not a transfer graph snapshot/);
    const wrongVersion = bytes.slice();
    wrongVersion[4] = 9;
    expect(() => TransferGraph.load(wrongVersion)).toThrow(/version 9/);
    expect(() => TransferGraph.load(bytes.subarray(0, bytes.length - 8))).toThrow(/header promises/);
  });

  it('refuses a snapshot whose edges repeat a pair or point past the nodes', () => {
    const g = new TransferGraph();
    g.addTransfer('a', 'b', 1, 2);
    g.addTransfer('b', 'a', 1, 2);
    const bytes = g.save();
    // Columns after the header, lengths and padded blob: value, firstTime, lastTime (f64), from, to (i32).
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    const fromAt = 24 + 8 + 8 + 2 * 8 * 3;
    const repeated = bytes.slice();
    new DataView(repeated.buffer).setInt32(fromAt + 4, view.getInt32(fromAt, true), true);
    new DataView(repeated.buffer).setInt32(fromAt + 8 + 4, view.getInt32(fromAt + 8, true), true);
    expect(() => TransferGraph.load(repeated)).toThrow(/repeated edge/);
    const outside = bytes.slice();
    new DataView(outside.buffer).setInt32(fromAt, 7, true);
    expect(() => TransferGraph.load(outside)).toThrow(/edges\[0\]/);
  });
});
