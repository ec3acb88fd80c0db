import { describe, expect, it } from 'vitest';
import type { TransferEvent } from '../../core/transferEvent.js';
import { ScreeningGraphBuilder } from './screeningGraphBuilder.js';

// Built by hand, as the monitor's schema would output it: src/graph does not load src/monitor.
function event(fields: Partial<TransferEvent> & Pick<TransferEvent, 'from' | 'to'>): TransferEvent {
  return { key: 'k', chain: 'ethereum', asset: 'ETH', time: 1, amount: 1, ...fields };
}

const CHECKSUMMED = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed';

describe('ScreeningGraphBuilder', () => {
  it('adds the chain’s transfers under canonical addresses and counts other chains', () => {
    const builder = new ScreeningGraphBuilder('ethereum');
    const to = '0x1111111111111111111111111111111111111111';
    expect(builder.add(event({ from: CHECKSUMMED, to, amount: 3 }))).toEqual({ kind: 'added' });
    expect(builder.add(event({ chain: 'bsc', from: CHECKSUMMED, to }))).toEqual({ kind: 'other-chain' });
    expect(builder.graph.nodeOf(CHECKSUMMED.toLowerCase())).toBeGreaterThanOrEqual(0);
    expect(builder.graph.edgeCount).toBe(1);
    expect(builder.added).toBe(1);
    expect(builder.otherChain).toBe(1);
  });

  it('refuses an address invalid on the chain with the reason', () => {
    const builder = new ScreeningGraphBuilder('ethereum');
    const outcome = builder.add(event({ from: '0xabc', to: CHECKSUMMED.toLowerCase() }));
    expect(outcome).toEqual({ kind: 'rejected', reason: expect.stringMatching(/^from: "0xabc" is not 0x/) });
    expect(builder.graph.edgeCount).toBe(0);
  });
});
