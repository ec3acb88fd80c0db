import type { TransferRepository } from '../../../store/types.js';
import { bucketStart } from '../calendarBuckets.js';
import { READ_PAGE, type Series, type StoreSeriesOptions } from './series.js';
import { bucketsFromTotals, unfinishedBucketNote } from './seriesBuckets.js';
import type { SeriesSpec } from './seriesSpec.js';

type TransfersSpec = Extract<SeriesSpec, { kind: 'transfers' }>;

const isContract = (asset: string) => /^0x[0-9a-fA-F]{40}$/.test(asset);

/**
 * Volume per bucket of one asset, in the asset's own units, from the transfers registered in this
 * store: the ones submitted to the HTTP API (POST /v1/transfers) for screening and holds. That is the
 * operator's own traffic, not the asset's volume on its chain. The asset is named by symbol (any
 * contract carrying it, case-insensitive) or by contract address; since anyone can deploy a token
 * called USDC, the notes say when one symbol covers several contracts. A transfer counts at its block
 * time, else when it was registered; rejected transfers moved nothing and are left out. Amounts are
 * exact decimals in the store and become doubles here, which is precise enough for a forecast.
 */
export async function transferSeries(
  transfers: Pick<TransferRepository, 'list'>,
  spec: TransfersSpec,
  options: StoreSeriesOptions,
): Promise<Series> {
  const byContract = isContract(spec.asset);
  const wanted = spec.asset.toLowerCase();
  const totals = new Map<number, { sum: number; events: number }>();
  const contracts = new Set<string>();
  let matched = 0;
  let rejected = 0;
  let cursor: string | undefined;
  do {
    const page = await transfers.list({ limit: READ_PAGE, ...(cursor ? { cursor } : {}) });
    for (const t of page.items) {
      const id = byContract ? t.asset.contract?.toLowerCase() : t.asset.symbol.toLowerCase();
      if (id !== wanted) continue;
      if (spec.chain !== undefined && t.chain.toLowerCase() !== spec.chain.toLowerCase()) continue;
      if (t.status === 'rejected') {
        rejected++;
        continue;
      }
      matched++;
      contracts.add(`${t.chain}:${t.asset.contract?.toLowerCase() ?? 'native'}`);
      const key = bucketStart(t.blockTime ?? t.createdAt, options.unit);
      const value = Number(t.amount);
      const total = totals.get(key);
      if (total) {
        total.sum += value;
        total.events++;
      } else totals.set(key, { sum: value, events: 1 });
    }
    cursor = page.nextCursor;
  } while (cursor);
  const buckets = bucketsFromTotals(totals, options.unit, { until: options.now });
  const where = spec.chain ? ` on ${spec.chain}` : '';
  const notes = [
    `only the ${matched} transfers of ${spec.asset}${where} registered in this store (POST /v1/transfers), not the asset's volume on chain`,
  ];
  if (rejected > 0) notes.push(`${rejected} rejected transfers left out`);
  if (!byContract && contracts.size > 1) {
    notes.push(
      `the symbol ${spec.asset} covers ${contracts.size} tokens (${[...contracts].slice(0, 5).join(', ')}${contracts.size > 5 ? ', …' : ''}); name one by its contract address to separate them`,
    );
  }
  const unfinished = unfinishedBucketNote(buckets.outside, options.unit, options.now);
  if (unfinished) notes.push(unfinished);
  return {
    name: `${spec.asset}${where} transfer volume per ${options.unit}`,
    unit: options.unit,
    measure: 'amount',
    starts: buckets.starts,
    values: buckets.values,
    notes,
  };
}
