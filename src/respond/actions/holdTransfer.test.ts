import { beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../store/types.js';
import { actionContext, actionFor, memoryStore, storedAlert, T0 } from '../respond.fixture.js';
import { PermanentActionError } from './executor.js';
import { holdTransferExecutor } from './holdTransfer.js';

let store: Store;
beforeEach(async () => {
  store = await memoryStore();
  for (const [id, status] of [
    ['tx-pending', 'pending'],
    ['tx-done', 'completed'],
  ] as const) {
    await store.transfers.upsert({
      id,
      chain: 'ethereum',
      from: '0xabc123',
      to: '0xdef456',
      asset: { symbol: 'ETH', decimals: 18 },
      amount: '12.5',
      status,
      createdAt: T0,
      updatedAt: T0,
    });
  }
});

const run = (transferId: string | undefined, reason?: string) => {
  const alert = storedAlert({ context: transferId === undefined ? {} : { transferId } });
  const spec =
    reason === undefined ? { type: 'hold-transfer' as const } : { type: 'hold-transfer' as const, reason };
  return holdTransferExecutor.execute(actionFor(alert, spec), alert, actionContext(store));
};

describe('hold-transfer executor', () => {
  it('holds the pending transfer with the rule as who and the reason as why', async () => {
    expect(await run('tx-pending', 'dormant account')).toEqual({
      transferId: 'tx-pending',
      status: 'held',
      heldBy: 'policy:test rule',
    });
    expect(await store.transfers.get('tx-pending')).toMatchObject({
      status: 'held',
      heldBy: 'policy:test rule',
      heldReason: 'dormant account',
      holdAlertId: 'alt_test1',
      heldAt: T0,
    });
  });

  it("uses the alert's title when the rule gives no reason, and holding twice keeps the first hold", async () => {
    await run('tx-pending');
    expect(await run('tx-pending', 'later')).toMatchObject({ status: 'held' });
    expect((await store.transfers.get('tx-pending'))?.heldReason).toBe('Withdrawal from a dormant account');
  });

  it('fails permanently without a transferId, for an unknown transfer, or one no longer pending', async () => {
    await expect(run(undefined)).rejects.toThrow(
      new PermanentActionError('alert alt_test1 has no context.transferId, so there is no transfer to hold'),
    );
    await expect(run('tx-unknown')).rejects.toBeInstanceOf(PermanentActionError);
    await expect(run('tx-done')).rejects.toThrow(/completed; only a pending transfer can be held/);
    await expect(run('tx-done')).rejects.toBeInstanceOf(PermanentActionError);
  });
});
