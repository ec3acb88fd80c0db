import type { TransferEvent } from '../../../core/transferEvent.js';
import { roundCents } from '../assets.js';
import { uniform, uniformInt } from '../draws.js';
import { DAY_MS, HOUR_MS } from '../jurisdictions.js';
import { ACTIVITY } from '../population.js';
import type { Typology } from './typology.js';

const MINUTE = 60_000;

/**
 * An account that has been silent for months suddenly sends (nearly) everything it holds to an
 * address it never used, in one to three transfers: the classic sign of a stolen or sold account.
 * The balance it empties is planted as one or two ordinary deposits just before the silence; when
 * the silence is longer than the warm-up, those deposits fall before the stream's start.
 */
export const dormantDrain: Typology = {
  name: 'dormant-drain',
  summary: 'silent ≥ 30-90 days, then most of the balance leaves in 1-3 transfers to a new address',
  inject(ctx) {
    const p = ctx.population;
    const r = ctx.random;
    const a = ctx.takeAccount((x) => p.activity[x] !== ACTIVITY.active);
    const owner = ctx.customer(a);
    const asset = p.primaryAsset[a] as number;
    const [minDays, maxDays] = ctx.options.dormancyDays;
    const dormancyMs = Math.round(uniform(r, minDays, maxDays) * DAY_MS);
    const drainAt = ctx.startFor(45 * MINUTE);
    const silentFrom = drainAt - dormancyMs;

    const balanceUsd = Math.min(5_000_000, Math.max(2_000, (p.scaleUsd[a] as number) * uniform(r, 20, 150)));
    const deposits = uniformInt(r, 1, 2);
    const source = p.funding[p.fundingStart[a] as number] as string;
    const context: TransferEvent[] = [];
    for (let i = 0; i < deposits; i++) {
      context.push(
        ctx.transfer({
          time: silentFrom - (deposits - 1 - i) * uniform(r, 5, 60) * MINUTE,
          from: source,
          to: owner.address,
          asset,
          valueUsd: balanceUsd / deposits,
          fromKind: 'external',
          toKind: 'customer',
          toJurisdiction: owner.jurisdiction,
        }),
      );
    }
    // Nothing of its own between the deposits and the drain, nor after it: the account is empty.
    ctx.quiet(a, silentFrom - 2 * HOUR_MS, Number.POSITIVE_INFINITY);

    const held = context.reduce((sum, e) => sum + e.amount, 0);
    const drained = held * uniform(r, 0.85, 1);
    const parts = uniformInt(r, 1, 3);
    const weights = Array.from({ length: parts }, () => 0.2 + r.next());
    const total = weights.reduce((s, w) => s + w, 0);
    const recipient = ctx.freshAddress();
    const malicious: TransferEvent[] = [];
    let time = drainAt;
    for (let i = 0; i < parts; i++) {
      malicious.push(
        ctx.transfer({
          time,
          from: owner.address,
          to: recipient,
          asset,
          amount: (drained * (weights[i] as number)) / total,
          fromKind: 'customer',
          toKind: 'external',
          fromJurisdiction: owner.jurisdiction,
          userId: owner.userId,
        }),
      );
      time += uniform(r, 1, 20) * MINUTE;
    }
    const balance = roundCents(context.reduce((s, e) => s + (e.valueUsd ?? 0), 0));
    return {
      accounts: [owner.address],
      malicious,
      context,
      details: {
        dormancyDays: Math.round((dormancyMs / DAY_MS) * 10) / 10,
        lastActivity: Math.floor(context[context.length - 1]?.time ?? silentFrom),
        balanceUsd: balance,
        drainedUsd: roundCents(malicious.reduce((s, e) => s + (e.valueUsd ?? 0), 0)),
        recipient,
      },
    };
  },
};
