import type { Chain } from '../../core/chain.js';
import type { TransferEvent } from '../../core/transferEvent.js';
import { TransferGraph } from '../graph/transferGraph.js';
import { checkAddress } from '../labels/addresses.js';

export type AddOutcome = { kind: 'added' } | { kind: 'other-chain' } | { kind: 'rejected'; reason: string };

/**
 * Builds the graph of one chain from monitor events. Events of other chains are counted and left out;
 * an event whose address is not valid on the chain is refused with the reason, never thrown, so one bad
 * record does not stop a screen. Addresses are stored canonical so labels and the target match them.
 */
export class ScreeningGraphBuilder {
  readonly graph = new TransferGraph();
  added = 0;
  otherChain = 0;

  constructor(readonly chain: Chain) {}

  add(event: TransferEvent): AddOutcome {
    if (event.chain.trim().toLowerCase() !== this.chain) {
      this.otherChain++;
      return { kind: 'other-chain' };
    }
    const from = checkAddress(this.chain, event.from);
    if (!from.ok) return { kind: 'rejected', reason: `from: "${event.from}" ${from.reason}` };
    const to = checkAddress(this.chain, event.to);
    if (!to.ok) return { kind: 'rejected', reason: `to: "${event.to}" ${to.reason}` };
    this.graph.addTransfer(from.address, to.address, event.valueUsd ?? event.amount, event.time);
    this.added++;
    return { kind: 'added' };
  }
}
