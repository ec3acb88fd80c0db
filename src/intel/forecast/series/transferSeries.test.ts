import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../../core/config/schema.js';
import type { Transfer } from '../../../core/transfer.js';
import { openStore } from '../../../store/openStore.js';
import type { Store } from '../../../store/types.js';
import { bucketLabel } from '../calendarBuckets.js';
import { transferSeries } from './transferSeries.js';

const USDC = '0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48';
const FAKE = '0x0000000000000000000000000000000000000bad';
let store: Store;
let n = 0;

function transfer(overrides: Partial<Transfer>): Transfer {
  return {
    id: `tr_${++n}`,
    chain: 'ethereum',
    from: '0x1111111111111111111111111111111111111111',
    to: '0x2222222222222222222222222222222222222222',
    asset: { symbol: 'USDC', contract: USDC, decimals: 6 },
    amount: '1',
    status: 'completed',
    createdAt: Date.UTC(2024, 2, 1),
    updatedAt: Date.UTC(2024, 2, 1),
    ...overrides,
  };
}

beforeAll(async () => {
  store = await openStore(ConfigSchema.parse({ store: { sqlite: { path: ':memory:' } } }).store, '.');
  const w = (week: number) => Date.UTC(2024, 0, 1 + 7 * week, 9); // Mondays from 2024-01-01
  for (const t of [
    transfer({ blockTime: w(0), amount: '1000.5' }),
    transfer({ blockTime: w(0), amount: '250', status: 'held' }),
    transfer({ blockTime: w(2), amount: '3000' }),
    transfer({ blockTime: w(2), amount: '99999', status: 'rejected' }),
    // No block time: a withdrawal not yet broadcast counts when it was registered.
    transfer({ createdAt: w(1), amount: '10' }),
    transfer({ blockTime: w(1), amount: '5', chain: 'polygon' }),
    transfer({ blockTime: w(1), amount: '7', asset: { symbol: 'USDC', contract: FAKE, decimals: 6 } }),
    transfer({ blockTime: w(1), amount: '1', asset: { symbol: 'ETH', decimals: 18 } }),
    transfer({ blockTime: w(3), amount: '1' }),
  ]) {
    await store.transfers.upsert(t);
  }
});
afterAll(() => store.close());

const now = Date.UTC(2024, 0, 24); // in the week of 2024-01-22

describe('transferSeries', () => {
  it('sums the volume of an asset symbol per bucket, saying what the store holds', async () => {
    const s = await transferSeries(
      store.transfers,
      { kind: 'transfers', asset: 'usdc' },
      { unit: 'week', now },
    );
    expect(s.starts.map((t) => bucketLabel(t, 'week'))).toEqual(['2024-01-01', '2024-01-08', '2024-01-15']);
    expect(Array.from(s.values)).toEqual([1250.5, 22, 3000]);
    expect(s.measure).toBe('amount');
    expect(s.notes[0]).toBe(
      "only the 7 transfers of usdc registered in this store (POST /v1/transfers), not the asset's volume on chain",
    );
    expect(s.notes).toContain('1 rejected transfers left out');
    expect(s.notes.find((note) => note.startsWith('the symbol usdc covers 3 tokens'))).toBeDefined();
    expect(s.notes.at(-1)).toMatch(/^1 in the current week \(from 2024-01-22\)/);
  });

  it('narrows to a chain, or to one contract', async () => {
    const onPolygon = await transferSeries(
      store.transfers,
      { kind: 'transfers', asset: 'USDC', chain: 'polygon' },
      { unit: 'week', now },
    );
    expect(onPolygon.name).toBe('USDC on polygon transfer volume per week');
    // Quiet weeks up to the last complete one are zeros, not the end of the series.
    expect(Array.from(onPolygon.values)).toEqual([5, 0]);
    const real = await transferSeries(
      store.transfers,
      { kind: 'transfers', asset: USDC.toUpperCase().replace('0X', '0x') },
      { unit: 'week', now },
    );
    // The fake token is out; the same contract on polygon is in, since no chain was named.
    expect(Array.from(real.values)).toEqual([1250.5, 15, 3000]);
    expect(real.notes.some((note) => note.includes('covers'))).toBe(false);
  });
});
