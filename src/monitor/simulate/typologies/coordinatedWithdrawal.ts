import { ArgusError } from '../../../core/errors.js';
import type { TransferEvent } from '../../../core/transferEvent.js';
import { uniform, uniformInt } from '../draws.js';
import { JURISDICTIONS } from '../jurisdictions.js';
import type { Typology } from './typology.js';

const MINUTE = 60_000;

/**
 * Five to twenty accounts in at least three jurisdictions withdraw to the same one to three new
 * addresses within minutes: a ring of mule or compromised accounts cashing out together.
 */
export const coordinatedWithdrawal: Typology = {
  name: 'coordinated-withdrawal',
  summary: '5-20 accounts in ≥ 3 jurisdictions withdraw to 1-3 new addresses within minutes',
  inject(ctx) {
    const p = ctx.population;
    const r = ctx.random;
    const size = uniformInt(r, 5, 20);
    const spread = uniformInt(r, 3, Math.min(6, size));
    // Jurisdictions drawn without replacement; one that has no free account is swapped for another.
    const remaining = JURISDICTIONS.map((_, i) => i);
    const chosen: number[] = [];
    const accounts: number[] = [];
    while (chosen.length < spread && remaining.length > 0) {
      const j = remaining.splice(r.int(remaining.length), 1)[0] as number;
      try {
        accounts.push(ctx.takeAccount((x) => p.jurisdiction[x] === j));
        chosen.push(j);
      } catch {
        // no free account there; try another jurisdiction
      }
    }
    if (chosen.length < 3) {
      throw new ArgusError(
        'INPUT_INVALID',
        'a coordinated withdrawal needs free accounts in at least 3 jurisdictions',
        { hint: 'simulate more --accounts' },
      );
    }
    while (accounts.length < size) {
      const j = chosen[r.int(chosen.length)] as number;
      try {
        accounts.push(ctx.takeAccount((x) => p.jurisdiction[x] === j));
      } catch {
        break; // a smaller ring is still a ring
      }
    }
    const recipients = Array.from({ length: uniformInt(r, 1, 3) }, () => ctx.freshAddress());
    const windowMs = uniform(r, 2, 15) * MINUTE;
    const start = ctx.startFor(windowMs);
    // Rings are told what to send: mostly one asset for everybody.
    const asset = r.next() < 0.5 ? 1 : r.next() < 0.7 ? 0 : 2;
    const malicious: TransferEvent[] = [];
    for (const a of accounts) {
      const owner = ctx.customer(a);
      const sends = r.next() < 0.2 ? 2 : 1;
      for (let k = 0; k < sends; k++) {
        const value = Math.min(250_000, Math.max(300, (p.scaleUsd[a] as number) * uniform(r, 3, 20)));
        malicious.push(
          ctx.transfer({
            time: start + r.next() * windowMs,
            from: owner.address,
            to: recipients[r.int(recipients.length)] as string,
            asset: r.next() < 0.85 ? asset : (p.primaryAsset[a] as number),
            valueUsd: value,
            fromKind: 'customer',
            toKind: 'external',
            fromJurisdiction: owner.jurisdiction,
            userId: owner.userId,
          }),
        );
      }
    }
    return {
      accounts: accounts.map((a) => ctx.customer(a).address),
      malicious,
      context: [],
      details: {
        jurisdictions: chosen.map((j) => (JURISDICTIONS[j] as { code: string }).code),
        recipients,
        windowMinutes: Math.round((windowMs / MINUTE) * 10) / 10,
      },
    };
  },
};
