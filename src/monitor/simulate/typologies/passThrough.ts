import type { TransferEvent } from '../../../core/transferEvent.js';
import { uniform, uniformInt } from '../draws.js';
import { HOUR_MS } from '../jurisdictions.js';
import { ACTIVITY } from '../population.js';
import type { Typology } from './typology.js';

const MINUTE = 60_000;

/**
 * Value arrives in an account and at least 90% of it leaves within minutes to an address the account
 * never used: a mule account used as a hop, one to three times.
 */
export const passThrough: Typology = {
  name: 'pass-through',
  summary: 'value arrives, then ≥ 90% leaves within minutes to a new address (1-3 cycles)',
  inject(ctx) {
    const p = ctx.population;
    const r = ctx.random;
    const a = ctx.takeAccount((x) => p.activity[x] !== ACTIVITY.active);
    const owner = ctx.customer(a);
    // One to three cycles hours to a day apart, fewer and closer when the incident window is short.
    const room = ctx.streamEnd - ctx.warmupEnd;
    const cycles = Math.min(uniformInt(r, 1, 3), Math.max(1, Math.floor(room / (3 * HOUR_MS))));
    const gapMax = Math.min(24 * HOUR_MS, Math.max(HOUR_MS / 2, (room - cycles * HOUR_MS) / (cycles + 1)));
    let time = ctx.startFor(cycles * (gapMax + HOUR_MS));
    const asset = p.primaryAsset[a] as number;
    const malicious: TransferEvent[] = [];
    let minShare = 1;
    for (let c = 0; c < cycles; c++) {
      const inbound = ctx.transfer({
        time,
        from: ctx.freshAddress(),
        to: owner.address,
        asset,
        valueUsd: Math.min(2_000_000, Math.max(3_000, (p.scaleUsd[a] as number) * uniform(r, 10, 80))),
        fromKind: 'external',
        toKind: 'customer',
        toJurisdiction: owner.jurisdiction,
      });
      malicious.push(inbound);
      // Above 0.9 by a margin, so rounding each part to the asset's precision cannot fall below 90%.
      const share = uniform(r, 0.905, 0.99);
      minShare = Math.min(minShare, share);
      const parts = uniformInt(r, 1, 2);
      const recipient = ctx.freshAddress();
      let out = time + uniform(r, 1, 25) * MINUTE;
      for (let k = 0; k < parts; k++) {
        malicious.push(
          ctx.transfer({
            time: out,
            from: owner.address,
            to: recipient,
            asset,
            // Split so that the parts add up to the share, whatever the rounding of each.
            amount: (inbound.amount * share) / parts,
            fromKind: 'customer',
            toKind: 'external',
            fromJurisdiction: owner.jurisdiction,
            userId: owner.userId,
          }),
        );
        out += uniform(r, 0.5, 4) * MINUTE;
      }
      time += uniform(r, Math.min(HOUR_MS, gapMax), gapMax);
    }
    return {
      accounts: [owner.address],
      malicious,
      context: [],
      details: { cycles, minOutShare: Math.round(minShare * 1000) / 1000 },
    };
  },
};
