import { describe, expect, it } from 'vitest';
import { smallGraph } from '../smallGraph.fixture.js';
import { newClusteringRun } from './clusteringRun.js';
import { linkCommonFunding } from './commonFunding.js';

const MIN = 60_000;

// F funds S1..S3 within minutes (a swarm) and S4 a day later. S5 got F's money only after it had
// already spent (not fresh). BIG funds A and B at the same moment but pays many others: a service.
const edges = [
  { from: 'F', to: 'S1', value: 0.1, time: 0 },
  { from: 'F', to: 'S2', value: 0.1, time: 2 * MIN },
  { from: 'F', to: 'S3', value: 0.1, time: 4 * MIN },
  { from: 'F', to: 'S4', value: 0.1, time: 1440 * MIN },
  { from: 'Z', to: 'S5', value: 1, time: 0 },
  { from: 'S5', to: 'Q', value: 1, time: 1 * MIN },
  { from: 'F', to: 'S5', value: 0.1, time: 3 * MIN },
  { from: 'BIG', to: 'A', value: 5, time: 0 },
  { from: 'BIG', to: 'B', value: 5, time: 0 },
  ...Array.from({ length: 5 }, (_, i) => ({
    from: 'BIG',
    to: `C${i}`,
    value: 1,
    time: 10 * MIN * (i + 1) * 100,
  })),
];
const graph = smallGraph(edges);
const node = (a: string) => graph.nodeOf(a);
const same = (run: ReturnType<typeof newClusteringRun>, a: string, b: string) =>
  run.unions.connected(node(a), node(b));

describe('linkCommonFunding', () => {
  it('joins fresh addresses funded by one funder in a burst', () => {
    const run = newClusteringRun(graph.nodeCount);
    const result = linkCommonFunding(graph, run, { windowMs: 5 * MIN, maxFunderOutDegree: 6 });
    expect(same(run, 'S1', 'S3')).toBe(true);
    expect(same(run, 'S1', 'S4')).toBe(false);
    expect(same(run, 'S1', 'S5')).toBe(false);
    expect(same(run, 'S1', 'F')).toBe(false);
    expect(Array.from(result.funders)).toEqual([node('F')]);
    const first = run.links.at(0);
    expect(first).toEqual({
      heuristic: 'commonFunding',
      a: node('S1'),
      b: node('S2'),
      via: node('F'),
      detail: 2 * MIN,
    });
  });

  it('skips funders above the out-degree cap', () => {
    const run = newClusteringRun(graph.nodeCount);
    const result = linkCommonFunding(graph, run, { windowMs: 5 * MIN, maxFunderOutDegree: 6 });
    expect(same(run, 'A', 'B')).toBe(false);
    expect(Array.from(result.skippedFunders)).toContain(node('BIG'));
    const lenient = newClusteringRun(graph.nodeCount);
    linkCommonFunding(graph, lenient, { windowMs: 5 * MIN, maxFunderOutDegree: 10 });
    expect(same(lenient, 'A', 'B')).toBe(true);
  });

  it('skips excluded funders and small bursts', () => {
    const run = newClusteringRun(graph.nodeCount);
    linkCommonFunding(graph, run, { windowMs: 5 * MIN, excludedFunders: [node('F')] });
    expect(same(run, 'S1', 'S2')).toBe(false);
    const big = newClusteringRun(graph.nodeCount);
    linkCommonFunding(graph, big, { windowMs: 5 * MIN, minGroupSize: 4 });
    expect(big.links.length).toBe(0);
  });
});
