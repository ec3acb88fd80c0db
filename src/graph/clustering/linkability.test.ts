import { describe, expect, it } from 'vitest';
import { smallGraph } from '../smallGraph.fixture.js';
import { newClusteringRun } from './clusteringRun.js';
import { linkCommonFunding } from './commonFunding.js';
import { linkDepositAddressReuse } from './depositAddressReuse.js';
import { createLinkabilityIndex } from './linkability.js';

const MIN = 60_000;
const graph = smallGraph([
  { from: 'U1', to: 'D1', value: 1, time: 0, transfers: 3 },
  { from: 'U2', to: 'D1', value: 2, time: MIN },
  { from: 'D1', to: 'H', value: 3, time: 5 * MIN },
  { from: 'U1', to: 'SHOP', value: 1, time: 10 * MIN },
  { from: 'U2', to: 'POOL', value: 10, time: 20 * MIN },
  { from: 'F', to: 'S1', value: 0.1, time: 0 },
  { from: 'F', to: 'S2', value: 0.1, time: MIN },
  { from: 'S1', to: 'SHOP', value: 0.1, time: 30 * MIN },
]);
const run = newClusteringRun(graph.nodeCount);
linkDepositAddressReuse(graph, run, { hotWallets: [graph.nodeOf('H')] });
linkCommonFunding(graph, run, { windowMs: 5 * MIN });
const mixer = {
  deposits: [
    { address: 'alice', amount: 1.37, time: 0 },
    { address: 'U2', amount: 10, time: 20 * MIN },
  ],
  withdrawals: [{ address: 'x1', amount: 1.3695, time: 60 * MIN }],
  poolAddresses: ['POOL'],
};
const index = createLinkabilityIndex(graph, run.links, { mixer });

describe('linkabilityOf', () => {
  it('scores the share of value moved with linked counterparties and names the links', () => {
    const u1 = index.linkabilityOf('U1');
    expect(u1.score).toBeCloseTo(0.5);
    expect(u1.links.map((l) => [l.heuristic, l.other])).toEqual([
      ['depositReuse', 'D1'],
      ['depositReuse', 'U2'],
    ]);
    expect(u1.links[1]?.evidence).toContain('shares deposit address D1');
  });

  it('links addresses set up by one funder', () => {
    const s1 = index.linkabilityOf('S1');
    expect(s1.score).toBeCloseTo(0.5);
    expect(s1.links).toEqual([
      { heuristic: 'commonFunding', other: 'S2', evidence: 'both first funded by F, 60 s apart' },
    ]);
  });

  it('counts mixer events instead of pool edges, linked only when paired', () => {
    const u2 = index.linkabilityOf('U2');
    expect(u2.totalActivity).toBeCloseTo(12);
    expect(u2.linkedActivity).toBeCloseTo(2);
    const alice = index.linkabilityOf('alice');
    expect(alice.score).toBe(1);
    expect(alice.links[0]).toMatchObject({ heuristic: 'mixerPair', other: 'x1' });
    expect(index.linkabilityOf('x1').links[0]?.other).toBe('alice');
  });

  it('can measure by transfers, and gives 0 to an unknown address', () => {
    const byTransfers = createLinkabilityIndex(graph, run.links, { measure: 'transfers' });
    expect(byTransfers.linkabilityOf('U1').score).toBeCloseTo(0.75);
    expect(byTransfers.linkabilityOf('SHOP').score).toBe(0);
    expect(index.linkabilityOf('nobody')).toEqual({
      address: 'nobody',
      score: 0,
      linkedActivity: 0,
      totalActivity: 0,
      links: [],
    });
  });
});
