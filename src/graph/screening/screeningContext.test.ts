import { describe, expect, it } from 'vitest';
import { screenAddress } from '../exposure/exposureScreener.js';
import { smallGraph } from '../smallGraph.fixture.js';
import { formatScreening } from './formatScreening.js';
import { ADDR, label, SCENARIO_LABELS } from './screening.fixture.js';
import { buildScreeningContext } from './screeningContext.js';

// hacker → mule → hop ← sanctioned; hop → target; payer → clean. Shares at hop: 100 vs 50.
const graph = smallGraph([
  { from: ADDR.hacker, to: ADDR.mule, value: 50, time: 1000 },
  { from: ADDR.sanctioned, to: ADDR.hop, value: 100, time: 2000 },
  { from: ADDR.mule, to: ADDR.hop, value: 50, time: 2500 },
  { from: ADDR.hop, to: ADDR.target, value: 60, time: 3000 },
  { from: ADDR.payer, to: ADDR.clean, value: 5, time: 4000 },
]);

describe('buildScreeningContext', () => {
  it('maps labelled graph nodes to their heaviest category and drops labels off the graph', () => {
    const ctx = buildScreeningContext({ graph, labels: SCENARIO_LABELS });
    expect(ctx.sources.get(graph.nodeOf(ADDR.sanctioned))).toBe('sanctions');
    expect(ctx.sources.get(graph.nodeOf(ADDR.hacker))).toBe('hack');
    expect(ctx.sources.size).toBe(2);
    expect(ctx.labelsByAddress.get(ADDR.sanctioned)).toHaveLength(2);
    expect(ctx.labelsByAddress.has('0x9999999999999999999999999999999999999999')).toBe(false);
  });

  it('lets given category weights decide which label counts', () => {
    const ctx = buildScreeningContext({
      graph,
      labels: SCENARIO_LABELS,
      categoryWeights: { scam: 1, sanctions: 0.2 },
    });
    expect(ctx.sources.get(graph.nodeOf(ADDR.sanctioned))).toBe('scam');
  });

  it('names an exchange-labelled address but does not make it a source of risk', () => {
    const exchange = label(ADDR.hop, { category: 'exchange', label: 'Example exchange', source: 'manual' });
    const ctx = buildScreeningContext({ graph, labels: [...SCENARIO_LABELS, exchange] });
    expect(ctx.sources.has(graph.nodeOf(ADDR.hop))).toBe(false);
    expect(ctx.labelsByAddress.get(ADDR.hop)).toEqual([exchange]);
  });
});

describe('formatScreening', () => {
  const ctx = buildScreeningContext({ graph, labels: SCENARIO_LABELS });

  it('names the sources, their shares and the paths from the target back to them', () => {
    const result = screenAddress(graph, ctx.sources, ADDR.target, { maxHops: 3 });
    const text = formatScreening(result, { labels: ctx.labelsByAddress, maxHops: 3 });
    expect(text).toContain('direct exposure: none');
    expect(text).toContain(`${ADDR.sanctioned} [sanctions] 2 hops, haircut share 66.7%`);
    expect(text).toContain(
      `${ADDR.target} ← ${ADDR.hop} ← ${ADDR.sanctioned} [Fake airdrop; Lazarus Group] (66.7%)`,
    );
    expect(text).toContain(
      `${ADDR.target} ← ${ADDR.hop} ← ${ADDR.mule} ← ${ADDR.hacker} [Bridge exploiter] (33.3%)`,
    );
    expect(text).toContain('Lazarus Group (sanctions, ofac ofac.csv:1)');
    expect(text).toMatch(/explored: \d+ nodes, \d+ edges, complete/);
  });

  it('says the deeper source is out of reach when hops are fewer', () => {
    const result = screenAddress(graph, ctx.sources, ADDR.target, { maxHops: 2 });
    const text = formatScreening(result, { labels: ctx.labelsByAddress, maxHops: 2 });
    expect(text).toContain('indirect exposure: 1 source');
    expect(text).not.toContain('Bridge exploiter');
  });

  it('reports direct exposure with relation, value and label source', () => {
    const result = screenAddress(graph, ctx.sources, ADDR.hop);
    const text = formatScreening(result, { labels: ctx.labelsByAddress, maxHops: 3 });
    expect(text).toContain(`${ADDR.sanctioned} [sanctions] received 100 in 1 transfer; Fake airdrop`);
  });

  it('says plainly when there is no exposure, and when the address was never seen', () => {
    const clean = screenAddress(graph, ctx.sources, ADDR.clean);
    const text = formatScreening(clean, { labels: ctx.labelsByAddress, maxHops: 3 });
    expect(text).toContain('risk score: 0.000');
    expect(text).toContain('no exposure to a labelled address found within 3 hops');
    const unknown = screenAddress(graph, ctx.sources, '0x8888888888888888888888888888888888888888');
    expect(formatScreening(unknown, { labels: ctx.labelsByAddress, maxHops: 3 })).toContain(
      'not found in the transfers read',
    );
  });
});
