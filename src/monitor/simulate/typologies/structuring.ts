import type { TransferEvent } from '../../../core/transferEvent.js';
import { roundCents } from '../assets.js';
import { uniform, uniformInt } from '../draws.js';
import { HOUR_MS } from '../jurisdictions.js';
import type { Typology } from './typology.js';

/**
 * Many transfers just below a reporting threshold (9,000-9,999 USD against 10,000) over hours or
 * days, after one larger deposit: splitting a sum so that no single transfer is reported.
 */
export const structuring: Typology = {
  name: 'structuring',
  summary: 'many transfers just below a threshold (e.g. 9,000-9,999 USD against 10,000) over hours/days',
  inject(ctx) {
    const r = ctx.random;
    const threshold = ctx.options.structuringThresholdUsd;
    const floor = ctx.options.structuringBand * threshold;
    // Stay a dollar inside the band so rounding an ETH amount to the micro-ether cannot leave it.
    const margin = Math.min(1, (threshold - floor) / 4);
    const a = ctx.takeAccount();
    const owner = ctx.customer(a);
    const count = uniformInt(r, 8, 30);
    const room = ctx.streamEnd - ctx.warmupEnd;
    const span = Math.min(uniform(r, 6, 96) * HOUR_MS, Math.max(HOUR_MS, room * 0.8));
    const start = ctx.startFor(span);
    const recipients = Array.from({ length: uniformInt(r, 1, 4) }, () => ctx.freshAddress());
    const asset = r.next() < 0.8 ? 1 + r.int(2) : 0;

    const offsets = Array.from({ length: count }, (_, i) => (i === 0 ? 0 : r.next() * span)).sort(
      (x, y) => x - y,
    );
    const malicious: TransferEvent[] = offsets.map((offset) =>
      ctx.transfer({
        time: start + offset,
        from: owner.address,
        to: recipients[r.int(recipients.length)] as string,
        asset,
        valueUsd: uniform(r, floor + margin, threshold - margin),
        fromKind: 'customer',
        toKind: 'external',
        fromJurisdiction: owner.jurisdiction,
        userId: owner.userId,
      }),
    );
    const total = malicious.reduce((s, e) => s + e.amount, 0);
    const funding = ctx.transfer({
      time: start - uniform(r, 0.5, 6) * HOUR_MS,
      from: ctx.freshAddress(),
      to: owner.address,
      asset,
      amount: total * uniform(r, 1, 1.1),
      fromKind: 'external',
      toKind: 'customer',
      toJurisdiction: owner.jurisdiction,
    });
    return {
      accounts: [owner.address],
      malicious,
      context: [funding],
      details: {
        thresholdUsd: threshold,
        transfers: count,
        spanHours: Math.round((span / HOUR_MS) * 10) / 10,
        totalUsd: roundCents(malicious.reduce((s, e) => s + (e.valueUsd ?? 0), 0)),
        recipients,
      },
    };
  },
};
