import type { Store } from '../../../store/types.js';
import { alertSeries } from './alertSeries.js';
import { csvSeries } from './csvSeries.js';
import { incidentSeries } from './incidentSeries.js';
import { mentionSeries } from './mentionSeries.js';
import type { Series } from './series.js';
import type { SeriesUnit } from './seriesBuckets.js';
import type { SeriesSpec } from './seriesSpec.js';
import { transferSeries } from './transferSeries.js';

export type SeriesStore = Pick<Store, 'alerts' | 'transfers' | 'intelDocuments'>;

/** Whether reading the series needs the store (a CSV file does not, so no store is opened for it). */
export function needsStore(spec: SeriesSpec): boolean {
  return spec.kind !== 'csv';
}

export async function readSeries(
  spec: SeriesSpec,
  options: { unit: SeriesUnit; now: number; store?: SeriesStore },
): Promise<Series> {
  if (spec.kind === 'csv') return csvSeries(spec.file, options.unit);
  const { store } = options;
  if (store === undefined)
    throw new Error(`the ${spec.kind} series is read from the store, and none was given`);
  const read = { unit: options.unit, now: options.now };
  switch (spec.kind) {
    case 'alerts':
      return alertSeries(store.alerts, spec, read);
    case 'transfers':
      return transferSeries(store.transfers, spec, read);
    case 'mentions':
      return mentionSeries(store.intelDocuments, spec, read);
    case 'incidents':
      return incidentSeries(store.intelDocuments, spec, read);
  }
}
