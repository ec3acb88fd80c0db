import { describe, expect, it } from 'vitest';
import type { Label } from '../../core/label.js';
import { ExposureScreener } from '../exposure/exposureScreener.js';
import { TransferGraph } from '../graph/transferGraph.js';
import { describeAddress } from './describeAddress.js';
import { buildScreeningContext } from './screeningContext.js';

const label = (address: string, category: Label['category'], text: string): Label => ({
  chain: 'ethereum',
  address,
  category,
  label: text,
  source: 'manual',
  sourceRef: 'test',
  importedAt: '2026-01-01T00:00:00.000Z',
});

function describeTarget(graph: TransferGraph, labels: Label[], target: string) {
  const context = buildScreeningContext({ graph, labels });
  const screener = new ExposureScreener(graph, context.sources, { maxHops: 3 });
  const node = graph.nodeOf(target);
  return describeAddress({
    graph,
    node,
    labelsByAddress: context.labelsByAddress,
    screen: screener.screenNode(node),
    screenHops: 3,
    riskOf: (other) =>
      new ExposureScreener(graph, context.sources, { maxHops: 3 }).screenNode(other).riskScore,
    hops: 2,
    maxNodes: 10,
    bucket: 'auto',
  });
}

describe('describeAddress', () => {
  it('lists a source that paid directly once, with the share the trace gives it', () => {
    const graph = new TransferGraph();
    graph.addTransfer('hacker', 'target', 10, 1_000);
    graph.addTransfer('hacker', 'mule', 30, 1_000);
    graph.addTransfer('mule', 'target', 10, 2_000);
    graph.addTransfer('payroll', 'target', 20, 3_000);
    const view = describeTarget(graph, [label('hacker', 'hack', 'Bridge exploiter')], 'target');
    expect(view.risk.sources).toEqual([
      {
        source: 'hacker',
        category: 'hack',
        relation: 'received',
        hops: 1,
        value: 10,
        share: expect.closeTo(20 / 40, 9),
        label: 'Bridge exploiter',
      },
    ]);
    expect(view.risk).toMatchObject({ hops: 3, moreSources: 0, truncated: false });
    expect(view.risk.score).toBeGreaterThan(0);
  });

  it('draws the risk path ahead of heavier flows and gives each drawn node its risk and labels', () => {
    const graph = new TransferGraph();
    graph.addTransfer('mixer', 'mule', 5, 1_000);
    graph.addTransfer('mule', 'target', 1, 2_000);
    for (let i = 0; i < 8; i++) graph.addTransfer(`big${i}`, 'target', 1_000 + i, 3_000);
    const view = describeTarget(graph, [label('mixer', 'sanctions', 'Sanctioned mixer')], 'target');
    const hood = view.neighbourhood;
    // Nine counterparties and the mixer behind the mule do not fit in 10 with the centre: the path does.
    expect(hood.nodes.slice(0, 3).map((n) => n.address)).toEqual(['target', 'mule', 'mixer']);
    expect(hood.nodes).toHaveLength(10);
    expect(hood.truncated).toBe(true);
    const mixer = hood.nodes.find((n) => n.address === 'mixer');
    expect(mixer).toMatchObject({
      hops: 2,
      category: 'sanctions',
      risk: 1,
      labels: [{ category: 'sanctions', label: 'Sanctioned mixer', source: 'manual' }],
    });
    expect(hood.nodes.find((n) => n.address === 'big7')).toMatchObject({
      hops: 1,
      risk: 0,
      inDegree: 0,
      outDegree: 1,
    });
  });
});
