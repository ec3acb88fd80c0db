import type { TransferEvent } from '../../../core/transferEvent.js';
import { isNativeAsset, roundCents } from '../assets.js';
import { pareto, uniform, uniformInt } from '../draws.js';
import type { Typology } from './typology.js';

const MINUTE = 60_000;
const MAX_HOP_MS = 30 * MINUTE + 2 * MINUTE;
// What a hop keeps back for gas on a native transfer, in ETH.
const GAS_ETH = 0.0004;

/**
 * Value withdrawn from an exchange account runs through a chain of fresh addresses; each hop peels a
 * small amount off (often into an exchange deposit account, to cash out) and forwards the rest a few
 * minutes later. The subjects are the hop addresses, which only ever forward.
 */
export const peelChain: Typology = {
  name: 'peel-chain',
  summary: 'a chain of fresh addresses each forwarding most of the value, peeling off small amounts',
  inject(ctx) {
    const p = ctx.population;
    const r = ctx.random;
    const origin = ctx.customer(ctx.takeAccount());
    const hops = uniformInt(r, 4, 12);
    const asset = r.next() < 0.8 ? 0 : 1;
    let time = ctx.startFor((hops + 1) * MAX_HOP_MS);
    const chain = Array.from({ length: hops }, () => ctx.freshAddress());
    const malicious: TransferEvent[] = [];
    const first = ctx.transfer({
      time,
      from: origin.address,
      to: chain[0] as string,
      asset,
      valueUsd: Math.min(3_000_000, pareto(r, 20_000, 1.5)),
      fromKind: 'customer',
      toKind: 'external',
      fromJurisdiction: origin.jurisdiction,
      userId: origin.userId,
    });
    malicious.push(first);
    let held = first.amount;
    const gas = isNativeAsset(asset) ? GAS_ETH : 0;
    let peeledToExchange = 0;
    for (let i = 0; i < hops; i++) {
      const hop = chain[i] as string;
      time += uniform(r, 2, 30) * MINUTE;
      const peel = held * uniform(r, 0.02, 0.1);
      // Peels often land in an exchange deposit account: the launderer's cash-out.
      const toExchange = r.next() < 0.4;
      const peelTarget = toExchange ? ctx.customer(r.int(p.size)) : undefined;
      if (toExchange) peeledToExchange++;
      const peelEvent = ctx.transfer({
        time,
        from: hop,
        to: peelTarget?.address ?? ctx.freshAddress(),
        asset,
        amount: peel,
        fromKind: 'external',
        toKind: peelTarget ? 'customer' : 'external',
        toJurisdiction: peelTarget?.jurisdiction,
      });
      const last = i === hops - 1;
      const forward = ctx.transfer({
        time: time + uniform(r, 5, 120) * 1000,
        from: hop,
        to: last ? ctx.freshAddress() : (chain[i + 1] as string),
        asset,
        amount: Math.max(0, held - peelEvent.amount - 2 * gas),
        fromKind: 'external',
        toKind: 'external',
      });
      malicious.push(peelEvent, forward);
      held = forward.amount;
    }
    return {
      accounts: chain,
      malicious,
      context: [],
      details: {
        origin: origin.address,
        hops,
        enteredUsd: first.valueUsd ?? 0,
        leftUsd: roundCents(malicious[malicious.length - 1]?.valueUsd ?? 0),
        peelsIntoExchange: peeledToExchange,
      },
    };
  },
};
