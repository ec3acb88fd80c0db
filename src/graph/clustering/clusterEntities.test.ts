import { describe, expect, it } from 'vitest';
import { smallGraph } from '../smallGraph.fixture.js';
import { clusterEntities } from './clusterEntities.js';
import { labelClusters } from './labelClusters.js';

const MIN = 60_000;
// Hot wallet H (detected: three deposit addresses sweep into it) also pays out to fresh W1, W2
// within a minute: exchange withdrawals, which must not join W1 and W2. F's swarm S1, S2 must join,
// and S2 also uses deposit address D1 with U1: all of U1, D1, S1, S2 become one entity.
const graph = smallGraph([
  { from: 'U1', to: 'D1', value: 1, time: 0 },
  { from: 'S2', to: 'D1', value: 1, time: 10 * MIN },
  { from: 'D1', to: 'H', value: 2, time: 20 * MIN },
  { from: 'U3', to: 'D2', value: 1, time: 0 },
  { from: 'D2', to: 'H', value: 1, time: MIN },
  { from: 'U4', to: 'D3', value: 1, time: 0 },
  { from: 'D3', to: 'H', value: 1, time: MIN },
  { from: 'H', to: 'W1', value: 1, time: 30 * MIN },
  { from: 'H', to: 'W2', value: 1, time: 30 * MIN },
  { from: 'F', to: 'S1', value: 0.1, time: 0 },
  { from: 'F', to: 'S2', value: 0.1, time: MIN },
]);
const node = (a: string) => graph.nodeOf(a);

describe('clusterEntities', () => {
  const result = clusterEntities(graph, {
    depositReuse: { minForwardersForHotWallet: 3 },
    commonFunding: { windowMs: 5 * MIN },
    utxo: { transactions: [{ inputs: ['W1', 'U3'], outputValues: [1] }] },
  });
  const cluster = (a: string) => result.clusters.clusterOf[node(a)];

  it('combines the heuristics and keeps exchange payouts apart', () => {
    expect(Array.from(result.hotWallets)).toEqual([node('H')]);
    expect(cluster('U1')).toBe(cluster('S1'));
    expect(cluster('D1')).toBe(cluster('S2'));
    expect(cluster('W1')).not.toBe(cluster('W2'));
    expect(cluster('W1')).toBe(cluster('U3'));
    expect(cluster('H')).not.toBe(cluster('U1'));
    expect(result.clusters.sizes[cluster('U1') as number]).toBe(4);
  });

  it('spreads a member label over the entity', () => {
    const labels = labelClusters(result.clusters, new Map([[node('S1'), ['sybil:airdrop']]]));
    expect(labels.labelsOf(node('U1'))).toEqual(['sybil:airdrop']);
    expect(labels.labelsOf(node('U3'))).toEqual([]);
  });

  it('can switch heuristics off', () => {
    const only = clusterEntities(graph, { depositReuse: false, commonFunding: { windowMs: 5 * MIN } });
    expect(only.links.toArray().every((l) => l.heuristic === 'commonFunding')).toBe(true);
    // Without the deposit heuristic nothing marks H as an exchange, and W1, W2 look like a swarm.
    expect(only.clusters.clusterOf[node('W1')]).toBe(only.clusters.clusterOf[node('W2')]);
  });
});
