import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../core/errors.js';
import type { Label } from '../../core/label.js';
import { screenAddress } from '../exposure/exposureScreener.js';
import { type SmallEdge, smallGraph } from '../smallGraph.fixture.js';
import { louvain } from '../structure/louvain.js';
import { buildGraphReport } from './graphReport.js';

const MIN = 60_000;
const HOUR = 60 * MIN;

/**
 * Two dense groups joined by one address x (a1 -> x -> b1). Group A: the hacker h and a1..a3 trade
 * with each other, and f0 funded both h and a1 ten minutes apart (common funding: h and a1 are one
 * entity). Group B: b1..b5. Every other transfer is two hours after the one before, in list order, so
 * no other funding burst or deposit sweep appears and funds can flow h -> A -> x -> b1 in time.
 */
function scenario(): SmallEdge[] {
  const pairs: [string, string][] = [];
  const clique = (names: string[]): void => {
    for (let i = 0; i < names.length; i++) {
      for (let j = i + 1; j < names.length; j++) pairs.push([names[i] as string, names[j] as string]);
    }
  };
  clique(['h', 'a1', 'a2', 'a3']);
  pairs.push(['a1', 'x'], ['x', 'b1']);
  clique(['b1', 'b2', 'b3', 'b4', 'b5']);
  return [
    { from: 'f0', to: 'h', value: 1, time: 0 },
    { from: 'f0', to: 'a1', value: 1, time: 10 * MIN },
    ...pairs.map(([from, to], i) => ({ from, to, value: 1, time: (i + 1) * 2 * HOUR })),
  ];
}

function label(address: string, category: Label['category'], name: string): Label {
  return {
    chain: 'ethereum',
    address,
    category,
    label: name,
    source: 'manual',
    sourceRef: 'test:1',
    importedAt: '2026-01-01T00:00:00.000Z',
  };
}

const graph = smallGraph(scenario());
const LABELS = [
  label('h', 'hack', 'Bridge exploiter'),
  // An exchange names an entity but is no risk source; an address off the graph is ignored.
  label('b5', 'exchange', 'Some exchange'),
  label('nowhere', 'sanctions', 'Elsewhere'),
];
const A = ['f0', 'h', 'a1', 'a2', 'a3'];
const B = ['b1', 'b2', 'b3', 'b4', 'b5'];

describe('buildGraphReport', () => {
  const report = buildGraphReport(graph, LABELS, { samples: 1000, top: 5 });

  it('lists the labelled entity cluster and the member that inherits the label', () => {
    expect(report.graph).toEqual({ nodes: 11, edges: 20, labelledAddresses: 2, riskSources: 1 });
    expect(report.clusters).toMatchObject({
      multiAddress: 1,
      largest: 2,
      labelled: 1,
      inheritingAddresses: 1,
    });
    expect(report.clusters.list).toEqual([
      {
        cluster: expect.any(Number),
        size: 2,
        labels: ['Bridge exploiter (hack)'],
        carriers: [{ address: 'h', labels: ['Bridge exploiter (hack)'] }],
        inheritingMembers: 1,
        inheritors: [{ address: 'a1', labels: ['Bridge exploiter (hack)'] }],
      },
    ]);
  });

  it('splits the two groups into communities and ranks the hacker’s group riskiest', () => {
    const { communities } = report;
    expect(communities.count).toBe(2);
    expect(communities.risky).toBe(2);
    const [riskiest, other] = communities.list;
    expect(riskiest?.top).toMatchObject({ address: 'h', risk: 0.9, labels: ['Bridge exploiter (hack)'] });
    // Louvain with the report's seed: A and B apart, x with one of them.
    const ids = louvain(graph, { seed: 1 }).communities;
    const of = (a: string): number => ids[graph.nodeOf(a)] as number;
    expect(new Set(A.map(of)).size).toBe(1);
    expect(new Set(B.map(of)).size).toBe(1);
    expect(of('a1')).not.toBe(of('b1'));
    expect(riskiest?.community).toBe(of('h'));
    // Every member's risk is what screening it alone gives; the totals add those up.
    const sources = new Map([[graph.nodeOf('h'), 'hack']]);
    const total = (community: number): number =>
      [...A, ...B, 'x']
        .filter((a) => of(a) === community)
        .reduce((sum, a) => sum + screenAddress(graph, sources, a, { hubInDegree: 1_000 }).riskScore, 0);
    expect(riskiest?.totalRisk).toBeCloseTo(total(of('h')), 6);
    expect(other?.totalRisk).toBeCloseTo(total(of('b2')), 6);
    // In B only b1 (three hops from h, through x) is exposed, unless x joined B.
    expect(other?.riskyMembers).toBe(of('x') === of('b1') ? 2 : 1);
    expect((riskiest?.size ?? 0) + (other?.size ?? 0)).toBe(11);
  });

  it('names x the bridge: every path between the groups passes it', () => {
    const [first, second, ...more] = report.bridges;
    expect(more).toEqual([]);
    // Exact betweenness (samples >= nodes): x separates 5 from 5 addresses, a1 and b1 4 from 6.
    expect(first).toMatchObject({
      address: 'x',
      betweenness: 25,
      labels: [],
      inheritedLabels: [],
      hotWallet: false,
    });
    expect(first?.riskyCommunities).toContain(report.communities.list[0]?.community);
    expect(['a1', 'b1']).toContain(second?.address);
    expect(second?.betweenness).toBe(24);
    expect(first?.pageRank).toBeGreaterThan(0);
    expect(report.centrality.betweennessSamples).toBe(11);
  });

  it('screens only what a source can reach and times every step', () => {
    // Forward of h within 3 hops: h, a1, a2, a3, x, b1; and f0, which paid h. Not b2..b5.
    expect(report.risk).toMatchObject({ candidates: 7, screened: 7, notScreened: 0, truncatedScreens: 0 });
    expect(report.risk.riskyNodes).toBe(7);
    const capped = buildGraphReport(graph, LABELS, { maxScreens: 2 });
    expect(capped.risk).toMatchObject({ candidates: 7, screened: 2, notScreened: 5 });
    for (const ms of Object.values(report.timingsMs)) expect(ms).toBeGreaterThanOrEqual(0);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('caps the other communities a bridge touches at top and flags hot wallets', () => {
    // Hub m takes from the hacker's group and pays into four separate triangles.
    const triangles = ['p', 'q', 'r', 's'].flatMap((t, i) => [
      { from: 'm', to: `${t}1`, value: 1, time: 100 * HOUR + i },
      { from: `${t}1`, to: `${t}2`, value: 5, time: 101 * HOUR },
      { from: `${t}2`, to: `${t}3`, value: 5, time: 102 * HOUR },
      { from: `${t}3`, to: `${t}1`, value: 5, time: 103 * HOUR },
    ]);
    const hub = smallGraph([...scenario(), { from: 'a2', to: 'm', value: 1, time: 99 * HOUR }, ...triangles]);
    const capped = buildGraphReport(hub, LABELS, {
      top: 2,
      samples: 1000,
      clustering: { depositReuse: { hotWallets: [hub.nodeOf('m')] } },
    });
    const m = capped.bridges.find((b) => b.address === 'm');
    expect(m).toMatchObject({ hotWallet: true });
    expect(m?.otherCommunities).toHaveLength(2);
    expect(m?.otherCommunityCount).toBeGreaterThanOrEqual(3);
  });

  it('joins UTXO multi-input entities when given, and the label spreads over them', () => {
    const withUtxo = buildGraphReport(graph, LABELS, {
      clustering: { utxo: { transactions: [{ inputs: ['a1', 'b3'], outputValues: [1] }] } },
    });
    expect(withUtxo.clusters.list[0]).toMatchObject({ size: 3, inheritingMembers: 2 });
    expect(withUtxo.clusters.list[0]?.inheritors.map((m) => m.address)).toEqual(['a1', 'b3']);
  });

  it('is the same for the same seed, and a higher resolution gives no fewer communities', () => {
    const again = buildGraphReport(graph, LABELS, { samples: 3, seed: 7 });
    const same = buildGraphReport(graph, LABELS, { samples: 3, seed: 7 });
    expect({ ...again, timingsMs: null }).toEqual({ ...same, timingsMs: null });
    const fine = buildGraphReport(graph, LABELS, { resolution: 5 });
    expect(fine.communities.count).toBeGreaterThan(report.communities.count);
  });

  it('reports no risky communities and no bridges without a risk source', () => {
    const clean = buildGraphReport(graph, [label('b5', 'exchange', 'Some exchange')]);
    expect(clean.communities.risky).toBe(0);
    expect(clean.bridges).toEqual([]);
    expect(clean.risk.candidates).toBe(0);
  });

  it('rejects unusable options with a ValidationError naming them', () => {
    expect(() => buildGraphReport(graph, LABELS, { top: 0 })).toThrow(ValidationError);
    expect(() => buildGraphReport(graph, LABELS, { resolution: -1 })).toThrow(/resolution/);
    expect(() => buildGraphReport(graph, LABELS, { samples: 1.5 })).toThrow(/samples/);
  });
});
