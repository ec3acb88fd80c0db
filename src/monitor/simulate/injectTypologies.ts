import type { TransferEvent } from '../../core/transferEvent.js';
import { simulationRandom } from '../../ml/simulationRandom.js';
import { mix32 } from '../hash32.js';
import type { Incident } from './groundTruth.js';
import type { TxHashes } from './hash.js';
import type { ResolvedSimulationOptions } from './options.js';
import type { Population } from './population.js';
import { createInjectionContext } from './typologies/injectionContext.js';
import { TYPOLOGIES } from './typologies/registry.js';
import { TYPOLOGY_NAMES } from './typologyNames.js';

export interface Injection {
  incidents: Incident[];
  /** Every planted transfer (malicious and context), sorted by time. */
  events: TransferEvent[];
}

/**
 * Plants the requested incidents before any background is generated: they mark their accounts quiet
 * where the story needs silence, and the background generator honours that.
 */
export function injectTypologies(
  options: ResolvedSimulationOptions,
  population: Population,
  prices: Float64Array,
  txHashes: TxHashes,
): Injection {
  const random = simulationRandom(mix32(options.seed ^ 0x1ec7ed));
  const ctx = createInjectionContext(options, population, random, prices, txHashes);
  const incidents: Incident[] = [];
  const events: TransferEvent[] = [];
  for (const name of TYPOLOGY_NAMES) {
    const count = options.typologies[name];
    for (let i = 1; i <= count; i++) {
      const draft = TYPOLOGIES[name].inject(ctx);
      let start = Number.POSITIVE_INFINITY;
      let end = Number.NEGATIVE_INFINITY;
      for (const e of draft.malicious) {
        start = Math.min(start, e.time);
        end = Math.max(end, e.time);
      }
      incidents.push({
        typology: name,
        id: `${name}-${i}`,
        accounts: draft.accounts,
        eventKeys: draft.malicious.map((e) => e.key),
        start,
        end,
        details: draft.details,
      });
      events.push(...draft.context, ...draft.malicious);
    }
  }
  // Array.prototype.sort is stable, so equal times keep planting order and the stream stays reproducible.
  events.sort((a, b) => a.time - b.time);
  return { incidents, events };
}
