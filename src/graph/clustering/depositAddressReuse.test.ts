import { describe, expect, it } from 'vitest';
import { smallGraph } from '../smallGraph.fixture.js';
import type { TransferGraphView } from '../transferGraphView.js';
import { newClusteringRun } from './clusteringRun.js';
import { linkDepositAddressReuse } from './depositAddressReuse.js';

const DAY = 86_400_000;

// Exchange hot wallet H; deposit addresses D1, D2, D3 sweep into it. U2 uses D1 and D3, so U1, U2,
// D1 and D3 are one customer. X forwards only a third of its inflow; D4 sweeps two days late;
// H refunds into D1 and must not join the customer.
const graph = smallGraph([
  { from: 'U1', to: 'D1', value: 1, time: 0 },
  { from: 'U2', to: 'D1', value: 2, time: 10 },
  { from: 'H', to: 'D1', value: 0.1, time: 20 },
  { from: 'D1', to: 'H', value: 3.1, time: 100 },
  { from: 'U3', to: 'D2', value: 1, time: 0 },
  { from: 'D2', to: 'H', value: 1, time: 50 },
  { from: 'U2', to: 'D3', value: 5, time: 0 },
  { from: 'D3', to: 'H', value: 5, time: 60 },
  { from: 'U4', to: 'X', value: 9, time: 0 },
  { from: 'X', to: 'H', value: 3, time: 10 },
  { from: 'U5', to: 'D4', value: 4, time: 0 },
  { from: 'D4', to: 'H', value: 4, time: 2 * DAY },
]);

const id = (g: TransferGraphView, a: string): number => g.nodeOf(a);
const names = (g: TransferGraphView, nodes: Int32Array): string[] =>
  Array.from(nodes, (n) => g.addressOf(n)).sort();

describe('linkDepositAddressReuse', () => {
  it('joins the users of shared deposit addresses with a given hot wallet', () => {
    const run = newClusteringRun(graph.nodeCount);
    const result = linkDepositAddressReuse(graph, run, { hotWallets: [id(graph, 'H')] });
    expect(names(graph, result.depositAddresses)).toEqual(['D1', 'D2', 'D3']);
    const same = (a: string, b: string) => run.unions.connected(id(graph, a), id(graph, b));
    expect(same('U1', 'U2')).toBe(true);
    expect(same('U1', 'D3')).toBe(true);
    expect(same('U3', 'D2')).toBe(true);
    expect(same('U1', 'U3')).toBe(false);
    expect(same('H', 'D1')).toBe(false);
    expect(same('U4', 'X')).toBe(false);
    expect(same('U5', 'D4')).toBe(false);
    expect(result.linksAdded).toBe(4);
    const link = run.links.toArray().find((l) => l.b === id(graph, 'U2') && l.a === id(graph, 'D1'));
    expect(link?.heuristic).toBe('depositReuse');
    expect(link?.via).toBe(id(graph, 'D1'));
    expect(link?.detail).toBeCloseTo(1);
  });

  it('detects the hot wallet from how many addresses sweep into it', () => {
    const run = newClusteringRun(graph.nodeCount);
    const result = linkDepositAddressReuse(graph, run, { minForwardersForHotWallet: 3 });
    expect(names(graph, result.hotWallets)).toEqual(['H']);
    expect(names(graph, result.depositAddresses)).toEqual(['D1', 'D2', 'D3']);
    const strict = linkDepositAddressReuse(graph, newClusteringRun(graph.nodeCount), {
      minForwardersForHotWallet: 4,
    });
    expect(strict.hotWallets).toHaveLength(0);
    expect(strict.linksAdded).toBe(0);
  });

  it('accepts the late sweep when the window allows it', () => {
    const run = newClusteringRun(graph.nodeCount);
    linkDepositAddressReuse(graph, run, { hotWallets: [id(graph, 'H')], maxForwardDelayMs: 3 * DAY });
    expect(run.unions.connected(id(graph, 'U5'), id(graph, 'D4'))).toBe(true);
  });
});
