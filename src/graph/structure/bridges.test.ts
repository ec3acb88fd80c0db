import { describe, expect, it } from 'vitest';
import { smallGraph } from '../smallGraph.fixture.js';
import { betweenness } from './betweenness.js';
import { bridges } from './bridges.js';
import { louvain } from './louvain.js';
import { rankRiskyCommunities } from './riskyCommunities.js';
import { twoCliquesThroughBridge } from './structure.fixture.js';

describe('bridges', () => {
  it('names the node linking a risky community to the other one first', () => {
    const g = smallGraph(twoCliquesThroughBridge());
    const { communities } = louvain(g);
    const left = communities[g.nodeOf('a2')] as number;
    const right = communities[g.nodeOf('b2')] as number;
    expect(left).not.toBe(right);
    const ranked = rankRiskyCommunities(g, communities, (u) => (g.addressOf(u) === 'a3' ? 1 : 0));
    expect(ranked.map((c) => c.community)).toEqual([left]);
    const scores = betweenness(g, { samples: g.nodeCount }).scores;
    const found = bridges(
      g,
      communities,
      scores,
      ranked.map((c) => c.community),
    );
    expect(found[0]).toMatchObject({
      address: 'x',
      betweenness: 16,
      riskyCommunities: [left],
      otherCommunities: [right],
    });
    // Whichever side x joined, the clique node on the other side is the second link; inner clique
    // nodes (zero betweenness) never are.
    expect(found).toHaveLength(2);
    expect(['a1', 'b1']).toContain(found[1]?.address);
    expect(bridges(g, communities, scores, [])).toEqual([]);
  });
});
