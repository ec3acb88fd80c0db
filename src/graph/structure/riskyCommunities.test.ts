import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../core/errors.js';
import { smallGraph } from '../smallGraph.fixture.js';
import { rankRiskyCommunities } from './riskyCommunities.js';

describe('rankRiskyCommunities', () => {
  const g = smallGraph([
    { from: 'a', to: 'b', value: 1 },
    { from: 'b', to: 'c', value: 1 },
    { from: 'd', to: 'e', value: 1 },
    { from: 'f', to: 'f', value: 1 },
  ]);
  // a, b, c | d, e | f, written by address because node ids follow the fixture's own order.
  const byAddress = <T>(values: Record<string, T>): T[] =>
    Array.from({ length: g.nodeCount }, (_, u) => values[g.addressOf(u)] as T);
  const communities = Int32Array.from(byAddress({ a: 0, b: 0, c: 0, d: 1, e: 1, f: 2 }));
  const risk = byAddress({ a: 0.2, b: 0.2, c: 0.2, d: 0, e: 0.5, f: 0 });

  it('orders by total risk, then by mean on request, and skips communities without risk', () => {
    const byTotal = rankRiskyCommunities(g, communities, (u) => risk[u] ?? 0);
    expect(byTotal.map((c) => c.community)).toEqual([0, 1]);
    expect(byTotal[0]).toMatchObject({ size: 3, riskyMembers: 3, topAddress: 'a', topRisk: 0.2 });
    expect(byTotal[0]?.totalRisk).toBeCloseTo(0.6, 12);
    expect(byTotal[1]).toMatchObject({ size: 2, totalRisk: 0.5, meanRisk: 0.25, topAddress: 'e' });
    const byMean = rankRiskyCommunities(g, communities, (u) => risk[u] ?? 0, { by: 'mean' });
    expect(byMean.map((c) => c.community)).toEqual([1, 0]);
    expect(rankRiskyCommunities(g, communities, (u) => risk[u] ?? 0, { minSize: 3 })).toHaveLength(1);
  });

  it('rejects a bad risk or a community array of the wrong size', () => {
    expect(() => rankRiskyCommunities(g, communities, () => Number.NaN)).toThrow(ValidationError);
    expect(() => rankRiskyCommunities(g, communities, () => -1)).toThrow(ValidationError);
    expect(() => rankRiskyCommunities(g, new Int32Array(2), () => 0)).toThrow(ValidationError);
  });
});
