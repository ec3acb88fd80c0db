import { describe, expect, it } from 'vitest';
import { type SmallEdge, smallGraph } from '../smallGraph.fixture.js';
import { ExposureScreener } from './exposureScreener.js';

/**
 * A second, deliberately naive statement of the model (recursive depth-first over simple paths with
 * fresh sets), to check the screener's arena bookkeeping on random graphs.
 */
function referenceExposure(
  edges: readonly SmallEdge[],
  sources: ReadonlyMap<string, string>,
  target: string,
  maxHops: number,
): Map<string, { share: number; hops: number; paths: number }> {
  const found = new Map<string, { share: number; hops: number; paths: number }>();
  const walk = (node: string, deadline: number, share: number, path: ReadonlySet<string>, depth: number) => {
    const eligible = edges.filter((e) => e.to === node && (e.time ?? 0) <= deadline);
    const total = eligible.filter((e) => e.from !== node).reduce((sum, e) => sum + e.value, 0);
    for (const e of eligible) {
      if (path.has(e.from)) continue;
      const carried = total > 0 ? (share * e.value) / total : 0;
      if (sources.has(e.from)) {
        const seen = found.get(e.from) ?? { share: 0, hops: depth + 1, paths: 0 };
        seen.share += carried;
        seen.hops = Math.min(seen.hops, depth + 1);
        seen.paths++;
        found.set(e.from, seen);
      } else if (depth + 1 < maxHops) {
        walk(e.from, e.lastTime ?? e.time ?? 0, carried, new Set([...path, e.from]), depth + 1);
      }
    }
  };
  walk(target, Number.POSITIVE_INFINITY, 1, new Set([target]), 0);
  return found;
}

function randomEdges(seed: number, nodes: number, count: number): SmallEdge[] {
  // mulberry32: the low bits of a plain power-of-two LCG cycle too fast for `% n`.
  let state = seed >>> 0;
  const next = (n: number) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) % n;
  };
  const seen = new Set<string>();
  const edges: SmallEdge[] = [];
  for (let attempt = 0; edges.length < count; attempt++) {
    if (attempt > count * 100) throw new Error('random graph generator is stuck');
    const from = `n${next(nodes)}`;
    const to = `n${next(nodes)}`;
    if (seen.has(`${from}>${to}`)) continue;
    seen.add(`${from}>${to}`);
    const time = next(10);
    edges.push({ from, to, value: 1 + next(9), time, lastTime: time + next(4) });
  }
  return edges;
}

describe('ExposureScreener against the naive reference', () => {
  it('finds the same sources, shares, hop counts and path counts on random graphs', () => {
    let compared = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const edges = randomEdges(seed, 12, 40);
      const graph = smallGraph(edges);
      const labels = new Map([
        ['n0', 'sanctions'],
        ['n1', 'hack'],
      ]);
      const sources = new Map<number, string>();
      for (const [address, category] of labels) {
        const node = graph.nodeOf(address);
        if (node >= 0) sources.set(node, category);
      }
      for (const maxHops of [2, 3, 4]) {
        const screener = new ExposureScreener(graph, sources, { maxHops, maxPaths: 50 });
        for (let node = 0; node < graph.nodeCount; node++) {
          const address = graph.addressOf(node);
          const got = screener.screen(address);
          const want = referenceExposure(edges, labels, address, maxHops);
          expect(got.explored.truncated).toBe(false);
          expect(got.indirect.map((h) => h.source).sort()).toEqual([...want.keys()].sort());
          let sum = 0;
          for (const hit of got.indirect) {
            const ref = want.get(hit.source);
            expect(hit.haircutShare).toBeCloseTo(ref?.share ?? Number.NaN, 12);
            expect(hit.hops).toBe(ref?.hops);
            expect(hit.pathCount).toBe(ref?.paths);
            if (hit.pathCount <= 50) {
              expect(hit.paths.reduce((s, p) => s + p.share, 0)).toBeCloseTo(hit.haircutShare, 12);
            }
            for (const p of hit.paths) {
              expect(p.nodes[0]).toBe(hit.source);
              expect(p.nodes.at(-1)).toBe(address);
              expect(new Set(p.nodes).size).toBe(p.nodes.length);
            }
            sum += hit.haircutShare;
            compared++;
          }
          expect(sum).toBeLessThanOrEqual(1 + 1e-12);
          expect(got.riskScore).toBeGreaterThanOrEqual(0);
          expect(got.riskScore).toBeLessThanOrEqual(1);
        }
      }
    }
    // The random graphs must actually exercise the comparison.
    expect(compared).toBeGreaterThan(100);
  });
});
