import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../ml/random.js';
import { ExposureScreener } from '../exposure/exposureScreener.js';
import { DEFAULT_CATEGORY_WEIGHTS } from '../exposure/riskScore.js';
import { TransferGraph } from '../graph/transferGraph.js';
import { nodeRisk } from './nodeRisk.js';

/** A sparse random graph with a few busy receivers (hubs), random values and times. */
function randomGraph(seed: number): TransferGraph {
  const random = seededRandom(seed);
  const graph = new TransferGraph();
  const nodes = 1_500;
  for (let i = 0; i < nodes; i++) graph.nodeFor(`n${i}`);
  for (let t = 0; t < 2_500; t++) {
    // One transfer in ten goes to one of five hubs, one in twenty comes from one.
    const from = random.next() < 0.05 ? random.int(5) : random.int(nodes);
    const to = random.next() < 0.1 ? random.int(5) : random.int(nodes);
    if (from === to) continue;
    graph.addTransfer(`n${from}`, `n${to}`, 1 + random.int(100), random.int(1_000_000));
  }
  return graph;
}

const options = {
  maxHops: 3,
  hubInDegree: 20,
  maxScreens: 1_000_000,
  categoryWeights: DEFAULT_CATEGORY_WEIGHTS,
};

describe('nodeRisk', () => {
  it.each([1, 2, 3])('equals screening every node, while screening only a part (seed %i)', (seed) => {
    const graph = randomGraph(seed);
    const random = seededRandom(100 + seed);
    const sources = new Map<number, string>();
    for (const category of ['sanctions', 'hack', 'scam', 'mixer'])
      sources.set(5 + random.int(1_495), category);
    const result = nodeRisk(graph, sources, options);

    const screener = new ExposureScreener(graph, sources, { ...options, maxPaths: 1 });
    let risky = 0;
    for (let node = 0; node < graph.nodeCount; node++) {
      const expected = screener.screenNode(node).riskScore;
      if (expected > 0) risky++;
      expect(result.risk[node], `node ${node}`).toBe(expected);
    }
    expect(risky).toBeGreaterThan(sources.size);
    expect(result.riskyNodes).toBe(risky);
    expect(result.candidates).toBeLessThan(graph.nodeCount / 2);
    expect(result).toMatchObject({ screened: result.candidates, notScreened: 0 });
  });

  it('walks through hubs when hubInDegree is 0, as the screener then traces through them', () => {
    const graph = randomGraph(1);
    // A source that paid hub n0: past n0 everything it received is reachable.
    let payer = -1;
    graph.forEachIn(0, (edge) => {
      payer = graph.edgeFrom(edge);
    });
    const sources = new Map([[payer, 'hack']]);
    const guarded = nodeRisk(graph, sources, options);
    const open = nodeRisk(graph, sources, { ...options, hubInDegree: 0 });
    expect(open.candidates).toBeGreaterThan(guarded.candidates);
    const screener = new ExposureScreener(graph, sources, { maxHops: 3, maxPaths: 1 });
    for (let node = 0; node < graph.nodeCount; node++) {
      expect(open.risk[node]).toBe(screener.screenNode(node).riskScore);
    }
  });

  it('screens nothing without sources', () => {
    const result = nodeRisk(randomGraph(1), new Map(), options);
    expect(result.candidates).toBe(0);
    expect(result.risk.every((r) => r === 0)).toBe(true);
  });
});
