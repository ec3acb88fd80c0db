import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../core/errors.js';
import { type SmallEdge, smallGraph } from '../smallGraph.fixture.js';
import type { TransferGraphView } from '../transferGraphView.js';
import {
  ExposureScreener,
  formatExposurePath,
  parseScreeningOptions,
  screenAddress,
} from './exposureScreener.js';

function sourcesOf(graph: TransferGraphView, labels: Record<string, string>): Map<number, string> {
  const map = new Map<number, string>();
  for (const [address, category] of Object.entries(labels)) {
    const node = graph.nodeOf(address);
    if (node < 0) throw new Error(`fixture has no ${address}`);
    map.set(node, category);
  }
  return map;
}

function screen(edges: SmallEdge[], labels: Record<string, string>, target = 'T', maxHops = 3) {
  const graph = smallGraph(edges);
  return screenAddress(graph, sourcesOf(graph, labels), target, { maxHops });
}

describe('screenAddress', () => {
  it('follows a peel chain back to the source with the share that survived the peels', () => {
    const result = screen(
      [
        { from: 'X', to: 'A', value: 100, time: 1 },
        { from: 'A', to: 'B', value: 90, time: 2 },
        { from: 'A', to: 'Exchange', value: 10, time: 2 },
        { from: 'B', to: 'T', value: 80, time: 3 },
        { from: 'B', to: 'Change', value: 10, time: 3 },
        { from: 'Y', to: 'T', value: 20, time: 3 },
      ],
      { X: 'sanctions' },
    );
    expect(result.direct).toEqual([]);
    expect(result.indirect).toHaveLength(1);
    const hit = result.indirect[0];
    expect(hit?.source).toBe('X');
    expect(hit?.hops).toBe(3);
    expect(hit?.poison).toBe(true);
    expect(hit?.haircutShare).toBeCloseTo(0.8, 12);
    expect(hit?.paths).toEqual([{ nodes: ['X', 'A', 'B', 'T'], share: expect.closeTo(0.8, 12) }]);
    expect(formatExposurePath(hit?.paths[0] ?? { nodes: [], share: 0 })).toBe('T ← B ← A ← X (80.0%)');
    expect(result.riskScore).toBeCloseTo(0.8, 12);
    expect(result.explored).toEqual({ nodes: 5, edges: 4, truncated: false, hubsNotExpanded: 0 });
  });

  it('adds the shares of a split that merges again, and ranks the paths by share', () => {
    const result = screen(
      [
        { from: 'X', to: 'A', value: 50, time: 1 },
        { from: 'X', to: 'B', value: 50, time: 1 },
        { from: 'A', to: 'M', value: 30, time: 2 },
        { from: 'B', to: 'M', value: 10, time: 2 },
        { from: 'C', to: 'M', value: 40, time: 2 },
        { from: 'M', to: 'T', value: 100, time: 3 },
      ],
      { X: 'hack' },
    );
    const hit = result.indirect[0];
    expect(hit?.haircutShare).toBeCloseTo(0.5, 12);
    expect(hit?.pathCount).toBe(2);
    expect(hit?.paths.map((p) => p.nodes.join('>'))).toEqual(['X>A>M>T', 'X>B>M>T']);
    expect(hit?.paths.map((p) => p.share)).toEqual([expect.closeTo(0.375, 12), expect.closeTo(0.125, 12)]);
    expect(result.riskScore).toBeCloseTo(0.9 * 0.5, 12);
  });

  it('drops the share that loops back through a cycle instead of counting it twice', () => {
    const result = screen(
      [
        { from: 'X', to: 'A', value: 100 },
        { from: 'B', to: 'A', value: 100 },
        { from: 'A', to: 'B', value: 50 },
        { from: 'T', to: 'A', value: 10 },
        { from: 'A', to: 'T', value: 100 },
      ],
      { X: 'sanctions' },
    );
    expect(result.indirect).toHaveLength(1);
    expect(result.indirect[0]?.haircutShare).toBeCloseTo(100 / 210, 12);
    expect(result.indirect[0]?.hops).toBe(2);
    expect(result.explored.truncated).toBe(false);
  });

  it('does not let funds that arrived after the outflow explain it', () => {
    const late = screen(
      [
        { from: 'X', to: 'A', value: 100, time: 10 },
        { from: 'C', to: 'A', value: 100, time: 1 },
        { from: 'A', to: 'T', value: 50, time: 5 },
      ],
      { X: 'sanctions' },
    );
    expect(late.indirect).toEqual([]);
    expect(late.riskScore).toBe(0);

    // The same inflow counts when the outflow edge's last transfer comes after it.
    const spread = screen(
      [
        { from: 'X', to: 'A', value: 100, time: 10 },
        { from: 'C', to: 'A', value: 100, time: 1 },
        { from: 'A', to: 'T', value: 50, time: 5, lastTime: 20 },
      ],
      { X: 'sanctions' },
    );
    expect(spread.indirect[0]?.haircutShare).toBeCloseTo(0.5, 12);
  });

  it('applies time order at every hop, not only the last', () => {
    const result = screen(
      [
        { from: 'X', to: 'A', value: 100, time: 9 },
        { from: 'A', to: 'B', value: 100, time: 3 },
        { from: 'B', to: 'T', value: 100, time: 10 },
      ],
      { X: 'sanctions' },
    );
    expect(result.indirect).toEqual([]);
  });

  it('stops at the hop limit', () => {
    const chain: SmallEdge[] = [
      { from: 'X', to: 'A', value: 1 },
      { from: 'A', to: 'B', value: 1 },
      { from: 'B', to: 'C', value: 1 },
      { from: 'C', to: 'T', value: 1 },
    ];
    expect(screen(chain, { X: 'sanctions' }, 'T', 3).indirect).toEqual([]);
    const four = screen(chain, { X: 'sanctions' }, 'T', 4).indirect[0];
    expect(four?.hops).toBe(4);
    expect(four?.haircutShare).toBe(1);
  });

  it('attributes to several sources with shares that sum to at most one', () => {
    const result = screen(
      [
        { from: 'X', to: 'A', value: 60 },
        { from: 'H', to: 'A', value: 40 },
        { from: 'A', to: 'T', value: 100 },
        { from: 'P', to: 'T', value: 100 },
      ],
      { X: 'sanctions', H: 'exploit', P: 'phishing' },
    );
    const shares = Object.fromEntries(result.indirect.map((h) => [h.source, [h.haircutShare, h.hops]]));
    expect(shares).toEqual({
      P: [expect.closeTo(0.5, 12), 1],
      X: [expect.closeTo(0.3, 12), 2],
      H: [expect.closeTo(0.2, 12), 2],
    });
    expect(result.indirect.map((h) => h.source)).toEqual(['P', 'X', 'H']);
    expect(result.direct).toEqual([
      { source: 'P', category: 'phishing', relation: 'received', value: 100, transfers: 1 },
    ]);
    expect(result.riskScore).toBeCloseTo(1 - 0.7 * (1 - 0.9 * 0.2) * (1 - 0.7 * 0.5), 12);
  });

  it('reports a target that is a source, or that paid one, as direct exposure', () => {
    const edges: SmallEdge[] = [
      { from: 'T', to: 'X', value: 5 },
      { from: 'C', to: 'T', value: 5 },
    ];
    const self = screen(edges, { T: 'sanctions' });
    expect(self.direct).toEqual([
      { source: 'T', category: 'sanctions', relation: 'self', value: 0, transfers: 0 },
    ]);
    expect(self.riskScore).toBe(1);

    const paid = screen(edges, { X: 'scam' });
    expect(paid.direct).toEqual([
      { source: 'X', category: 'scam', relation: 'sent', value: 5, transfers: 1 },
    ]);
    expect(paid.indirect).toEqual([]);
    expect(paid.riskScore).toBeCloseTo(0.7 * 0.5, 12);
  });

  it('keeps a poison floor in the score when the traced share is negligible', () => {
    const result = screen(
      [
        { from: 'X', to: 'A', value: 1 },
        { from: 'C', to: 'A', value: 999_999 },
        { from: 'A', to: 'T', value: 10 },
      ],
      { X: 'sanctions' },
    );
    expect(result.indirect[0]?.haircutShare).toBeCloseTo(1e-6, 15);
    expect(result.riskScore).toBeCloseTo(0.05, 12);
  });

  it('does not look behind a source', () => {
    const result = screen(
      [
        { from: 'X2', to: 'X', value: 1 },
        { from: 'X', to: 'T', value: 1 },
      ],
      { X: 'hack', X2: 'sanctions' },
    );
    expect(result.indirect.map((h) => h.source)).toEqual(['X']);
  });

  it('flags truncation when the work bound stops the traversal', () => {
    const edges: SmallEdge[] = [{ from: 'X', to: 'A', value: 1 }];
    for (let i = 0; i < 10; i++) edges.push({ from: `C${i}`, to: 'A', value: 1 });
    edges.push({ from: 'A', to: 'T', value: 1 });
    const graph = smallGraph(edges);
    const sources = sourcesOf(graph, { X: 'sanctions' });
    const bounded = screenAddress(graph, sources, 'T', { maxEdges: 5 });
    expect(bounded.explored.truncated).toBe(true);
    expect(bounded.indirect).toEqual([]);
    const full = screenAddress(graph, sources, 'T');
    expect(full.explored.truncated).toBe(false);
    expect(full.indirect[0]?.haircutShare).toBeCloseTo(1 / 11, 12);
  });

  it('does not trace through hubs above the in-degree limit, and counts them', () => {
    const edges: SmallEdge[] = [{ from: 'X', to: 'Hub', value: 1 }];
    for (let i = 0; i < 4; i++) edges.push({ from: `C${i}`, to: 'Hub', value: 1 });
    edges.push({ from: 'Hub', to: 'T', value: 1 }, { from: 'Z', to: 'T', value: 1 });
    const graph = smallGraph(edges);
    const sources = sourcesOf(graph, { X: 'hack', Z: 'scam' });
    const limited = screenAddress(graph, sources, 'T', { hubInDegree: 4 });
    expect(limited.indirect.map((h) => h.source)).toEqual(['Z']);
    expect(limited.explored.hubsNotExpanded).toBe(1);
    const open = screenAddress(graph, sources, 'T', { hubInDegree: 5 });
    expect(open.indirect.map((h) => [h.source, h.haircutShare])).toEqual([
      ['Z', 0.5],
      ['X', 0.1],
    ]);
  });

  it('by default does not trace through a node with more than 1000 inflows', () => {
    expect(parseScreeningOptions({}).hubInDegree).toBe(1_000);
    const edges: SmallEdge[] = [
      { from: 'X', to: 'Hub', value: 1 },
      { from: 'Hub', to: 'T', value: 1 },
    ];
    for (let i = 0; i < 1_000; i++) edges.push({ from: `C${i}`, to: 'Hub', value: 1 });
    const graph = smallGraph(edges);
    const sources = sourcesOf(graph, { X: 'hack' });
    const limited = screenAddress(graph, sources, 'T');
    expect(limited.indirect).toEqual([]);
    expect(limited.explored.hubsNotExpanded).toBe(1);
    const open = screenAddress(graph, sources, 'T', { hubInDegree: 0 });
    expect(open.indirect[0]?.haircutShare).toBeCloseTo(1 / 1_001, 12);
  });

  it('counts the unlabelled nodes at the last hop as explored, though it keeps no path to them', () => {
    const edges: SmallEdge[] = [
      { from: 'C', to: 'A', value: 1 },
      { from: 'D', to: 'A', value: 1 },
      { from: 'X', to: 'B', value: 1 },
      { from: 'A', to: 'B', value: 1 },
      { from: 'B', to: 'T', value: 1 },
    ];
    const two = screen(edges, { X: 'hack' }, 'T', 2);
    expect(two.explored).toEqual({ nodes: 4, edges: 3, truncated: false, hubsNotExpanded: 0 });
    const three = screen(edges, { X: 'hack' }, 'T', 3);
    expect(three.explored).toEqual({ nodes: 6, edges: 5, truncated: false, hubsNotExpanded: 0 });
    expect(three.indirect.map((h) => [h.source, h.hops, h.haircutShare])).toEqual([['X', 2, 0.5]]);
  });

  it('gives the same answers when one screener is reused', () => {
    const graph = smallGraph([
      { from: 'X', to: 'A', value: 3 },
      { from: 'C', to: 'A', value: 1 },
      { from: 'A', to: 'T', value: 1 },
      { from: 'A', to: 'U', value: 1 },
    ]);
    const screener = new ExposureScreener(graph, sourcesOf(graph, { X: 'sanctions' }));
    const first = screener.screen('T');
    screener.screen('U');
    expect(screener.screen('T')).toEqual(first);
    expect(first.indirect[0]?.haircutShare).toBeCloseTo(0.75, 12);
  });

  it('answers unknown addresses with nothing found and rejects bad options', () => {
    const graph = smallGraph([{ from: 'A', to: 'B', value: 1 }]);
    expect(screenAddress(graph, new Map(), 'nobody')).toMatchObject({ known: false, riskScore: 0 });
    expect(() => screenAddress(graph, new Map(), 'A', { maxHops: 0 })).toThrow(ValidationError);
    expect(() => screenAddress(graph, new Map(), 'A', { categoryWeights: { hack: 2 } })).toThrow(
      ValidationError,
    );
  });
});
