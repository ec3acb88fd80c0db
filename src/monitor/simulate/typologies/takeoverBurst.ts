import type { TransferEvent } from '../../../core/transferEvent.js';
import { uniform, uniformInt } from '../draws.js';
import { DAY_MS, JURISDICTIONS, localHourAt, utcMsOfLocalHour } from '../jurisdictions.js';
import { ACTIVITY } from '../population.js';
import type { Typology } from './typology.js';

const MAX_GAP_MS = 4 * 60_000;

/**
 * A normally quiet account suddenly sends many transfers to new addresses in the small hours of its
 * own time zone: someone else has the keys and is emptying it before the owner wakes up.
 */
export const takeoverBurst: Typology = {
  name: 'takeover-burst',
  summary: 'a quiet account suddenly sends many transfers to new addresses at an unusual local hour',
  inject(ctx) {
    const p = ctx.population;
    const r = ctx.random;
    const quietRate = ctx.options.rates.occasionalPerDay;
    let a: number;
    try {
      a = ctx.takeAccount(
        (x) => p.activity[x] === ACTIVITY.occasional && (p.ratePerDay[x] as number) <= quietRate,
      );
    } catch {
      a = ctx.takeAccount((x) => p.activity[x] !== ACTIVITY.active);
    }
    const owner = ctx.customer(a);
    const count = uniformInt(r, 5, 25);
    const burstMs = count * MAX_GAP_MS;
    const localHour = uniform(r, 1, 4.5);
    const offset = (JURISDICTIONS[p.jurisdiction[a] as number] as { utcOffset: number }).utcOffset;
    // Any day in the window, moved to the small hours of the account's own time zone.
    const picked = ctx.startFor(burstMs);
    const dayStart = picked - (((picked % DAY_MS) + DAY_MS) % DAY_MS);
    let start = dayStart + utcMsOfLocalHour(localHour, offset);
    if (start < ctx.warmupEnd) start += DAY_MS;
    if (start + burstMs >= ctx.streamEnd) start -= DAY_MS;
    // A window shorter than a day may hold no such hour; then the burst keeps the time it was given.
    if (start < ctx.streamStart || start + burstMs >= ctx.streamEnd) start = picked;
    const asset = p.primaryAsset[a] as number;
    const reused = Array.from({ length: uniformInt(r, 1, 3) }, () => ctx.freshAddress());
    const malicious: TransferEvent[] = [];
    let time = start;
    for (let i = 0; i < count; i++) {
      malicious.push(
        ctx.transfer({
          time,
          from: owner.address,
          // Mostly a new address each time, sometimes one of a few the thief reuses.
          to: r.next() < 0.7 ? ctx.freshAddress() : (reused[r.int(reused.length)] as string),
          asset,
          valueUsd: Math.min(100_000, Math.max(50, (p.scaleUsd[a] as number) * uniform(r, 1, 6))),
          fromKind: 'customer',
          toKind: 'external',
          fromJurisdiction: owner.jurisdiction,
          userId: owner.userId,
        }),
      );
      time += uniform(r, 20_000, MAX_GAP_MS);
    }
    return {
      accounts: [owner.address],
      malicious,
      context: [],
      details: {
        transfers: count,
        localHour: Math.round(localHourAt(start, offset) * 10) / 10,
        usualRatePerDay: Math.round((p.ratePerDay[a] as number) * 1000) / 1000,
      },
    };
  },
};
