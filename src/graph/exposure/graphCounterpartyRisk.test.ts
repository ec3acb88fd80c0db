import { describe, expect, it } from 'vitest';
import { type SmallEdge, smallGraph } from '../smallGraph.fixture.js';
import type { TransferGraphView } from '../transferGraphView.js';
import { GraphCounterpartyRisk } from './graphCounterpartyRisk.js';

const X = '0x00000000000000000000000000000000000000aa';
const A = '0x00000000000000000000000000000000000000bb';
const B = '0x00000000000000000000000000000000000000cc';
const C = '0x00000000000000000000000000000000000000dd';

const EDGES: SmallEdge[] = [
  { from: X, to: A, value: 100 },
  { from: A, to: B, value: 50 },
  { from: C, to: B, value: 50 },
];

/** The fixture graph, counting how often in-edges are read, with an edge count tests can raise. */
function countingGraph(edges: SmallEdge[]) {
  const inner = smallGraph(edges);
  const counter = { inReads: 0, extraEdges: 0 };
  const graph: TransferGraphView = {
    ...inner,
    get edgeCount() {
      return inner.edgeCount + counter.extraEdges;
    },
    forEachIn: (node, visit) => {
      counter.inReads++;
      inner.forEachIn(node, visit);
    },
  };
  return { graph, counter };
}

function riskFor(graph: TransferGraphView, options = {}) {
  const sources = new Map([[graph.nodeOf(X), 'sanctions']]);
  return new GraphCounterpartyRisk(new Map([['ethereum', { graph, sources }]]), options);
}

describe('GraphCounterpartyRisk', () => {
  it('scores an address by its screening risk, in any address case', () => {
    const { graph } = countingGraph(EDGES);
    const risk = riskFor(graph);
    expect(risk.riskOf('ethereum', X)).toBe(1);
    expect(risk.riskOf('ethereum', A.toUpperCase().replace('0X', '0x'))).toBe(1);
    expect(risk.riskOf('ethereum', B)).toBeCloseTo(0.5, 12);
    expect(risk.riskOf('ethereum', C)).toBe(0);
  });

  it('answers 0 for unknown chains and addresses', () => {
    const risk = riskFor(countingGraph(EDGES).graph);
    expect(risk.riskOf('bitcoin', X)).toBe(0);
    expect(risk.riskOf('ethereum', '0x0000000000000000000000000000000000000001')).toBe(0);
  });

  it('caches scores in a bounded LRU', () => {
    const { graph, counter } = countingGraph(EDGES);
    const risk = riskFor(graph, { cacheSize: 2 });
    risk.riskOf('ethereum', B);
    const afterFirst = counter.inReads;
    expect(afterFirst).toBeGreaterThan(0);
    risk.riskOf('ethereum', B);
    expect(counter.inReads).toBe(afterFirst);
    risk.riskOf('ethereum', A);
    risk.riskOf('ethereum', C); // evicts B, the least recently used
    const beforeAgain = counter.inReads;
    expect(risk.riskOf('ethereum', B)).toBeCloseTo(0.5, 12);
    expect(counter.inReads).toBeGreaterThan(beforeAgain);
  });

  it('warms labelled nodes and their neighbours so that asking them screens nothing', () => {
    const { graph, counter } = countingGraph(EDGES);
    const risk = riskFor(graph);
    expect(risk.warm()).toBe(2); // X and its neighbour A
    const reads = counter.inReads;
    expect(risk.riskOf('ethereum', A)).toBe(1);
    expect(counter.inReads).toBe(reads);
  });

  it('drops cached scores once the graph has grown enough', () => {
    const { graph, counter } = countingGraph(EDGES);
    const risk = riskFor(graph, { refreshAfterEdges: 5 });
    risk.riskOf('ethereum', B);
    counter.extraEdges = 4;
    let reads = counter.inReads;
    risk.riskOf('ethereum', B);
    expect(counter.inReads).toBe(reads);
    counter.extraEdges = 5;
    reads = counter.inReads;
    risk.riskOf('ethereum', B);
    expect(counter.inReads).toBeGreaterThan(reads);
  });
});
