import { beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../store/types.js';
import {
  actionContext,
  actionFor,
  memoryStore,
  respondConfig,
  SECRET,
  storedAlert,
  T0,
  webhookEndpoint,
} from '../respond.fixture.js';
import { coldStorageExecutor } from './coldStorage.js';
import { PermanentActionError } from './executor.js';
import { verifyWebhookSignature } from './webhookSignature.js';

const respond = respondConfig({
  webhooks: { custody: webhookEndpoint('https://custody.example/sweeps') },
  coldStorage: { vaults: { ETH: '0xvault', BTC: 'bc1qvault' } },
});

let store: Store;
let deliveries: { headers: Headers; body: string }[];
let status: number;
const fetch = (async (_url: string, init: RequestInit) => {
  deliveries.push({ headers: new Headers(init.headers), body: String(init.body) });
  return new Response(null, { status });
}) as typeof globalThis.fetch;

beforeEach(async () => {
  store = await memoryStore();
  deliveries = [];
  status = 200;
});

const alert = storedAlert({ context: { asset: 'ETH', wallet: '0xhot' } });

describe('cold-storage executor', () => {
  it('records the sweep instruction and delivers it, signed, to the custody endpoint', async () => {
    const action = actionFor(alert, { type: 'cold-storage', endpoint: 'custody', amount: '250' });
    const result = await coldStorageExecutor.execute(action, alert, actionContext(store, { respond, fetch }));
    const instruction = {
      id: 'swp_test1',
      alertId: alert.id,
      actionId: action.id,
      asset: 'ETH',
      amount: '250',
      fromWallet: '0xhot',
      vault: '0xvault',
      createdAt: T0,
    };
    expect(result).toEqual({
      sweepId: 'swp_test1',
      asset: 'ETH',
      vault: '0xvault',
      endpoint: 'custody',
      status: 200,
    });
    expect(await store.sweeps.list()).toEqual([instruction]);
    const [delivery] = deliveries;
    expect(verifyWebhookSignature(SECRET, delivery?.headers ?? {}, delivery?.body ?? '', { now: T0 })).toBe(
      true,
    );
    expect(JSON.parse(delivery?.body ?? '')).toMatchObject({
      type: 'argus.cold-storage-sweep',
      instruction,
      id: action.id,
    });
  });

  it('a fixed asset wins over the alert context, and a retry delivers the same instruction', async () => {
    const action = actionFor(alert, {
      type: 'cold-storage',
      endpoint: 'custody',
      asset: 'BTC',
      amount: 'all',
    });
    status = 503;
    await expect(
      coldStorageExecutor.execute(action, alert, actionContext(store, { respond, fetch })),
    ).rejects.toThrow(/HTTP 503/);
    status = 200;
    await coldStorageExecutor.execute(
      action,
      alert,
      actionContext(store, { respond, fetch, clock: { now: () => T0 + 5 } }),
    );
    expect(await store.sweeps.list()).toHaveLength(1);
    const [first, second] = deliveries.map((d) => JSON.parse(d.body).instruction);
    expect(second).toEqual(first);
    expect(first).toMatchObject({ asset: 'BTC', vault: 'bc1qvault', amount: 'all', createdAt: T0 });
  });

  it('fails permanently without an asset or without a vault for it', async () => {
    const noAsset = storedAlert();
    const ctx = actionContext(store, { respond, fetch });
    const spec = { type: 'cold-storage' as const, endpoint: 'custody', amount: 'all' };
    await expect(coldStorageExecutor.execute(actionFor(noAsset, spec), noAsset, ctx)).rejects.toBeInstanceOf(
      PermanentActionError,
    );
    const doge = storedAlert({ context: { asset: 'DOGE' } });
    await expect(coldStorageExecutor.execute(actionFor(doge, spec), doge, ctx)).rejects.toThrow(
      'no vault for asset "DOGE" in respond.coldStorage.vaults',
    );
    expect(deliveries).toEqual([]);
  });
});
