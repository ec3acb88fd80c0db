import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ActionStatus } from '../src/core/action.js';
import { verifyWebhookSignature } from '../src/respond/actions/webhookSignature.js';
import { parsePolicy } from '../src/respond/policy/parsePolicy.js';
import {
  alertInput,
  memoryStore,
  recordingLogger,
  respondConfig,
  SECRET,
  webhookEndpoint,
} from '../src/respond/respond.fixture.js';
import { createResponder, type Responder } from '../src/respond/responder.js';
import type { Store } from '../src/store/types.js';

/** A receiver on 127.0.0.1 that answers each path from a script and remembers every request. */
interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}
let server: Server;
let baseUrl: string;
let received: Received[];
let scripts: Record<string, number[]>;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = req.url ?? '/';
      received.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const script = scripts[path] ?? [];
      res.writeHead((script.length > 1 ? script.shift() : script[0]) ?? 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const POLICY = {
  rules: [
    { name: 'page ops', match: { detector: 'webhook-ok' }, actions: [{ type: 'webhook', endpoint: 'ok' }] },
    {
      name: 'page flaky',
      match: { detector: 'webhook-flaky' },
      actions: [{ type: 'webhook', endpoint: 'flaky' }],
    },
    {
      name: 'page down',
      match: { detector: 'webhook-down' },
      actions: [{ type: 'webhook', endpoint: 'down' }],
    },
    {
      name: 'contain account takeover',
      match: { area: 'auth', severity: { gte: 'high' } },
      actions: [
        { type: 'hold-transfer', reason: 'possible account takeover' },
        { type: 'step-up', factor: 'webauthn' },
        { type: 'cold-storage', endpoint: 'custody', amount: '10' },
      ],
    },
  ],
};

let store: Store;
let responder: Responder;

beforeEach(async () => {
  received = [];
  scripts = {};
  store = await memoryStore();
  const endpoint = (path: string) =>
    webhookEndpoint(`${baseUrl}${path}`, { maxAttempts: 3, backoff: { baseMs: 5, maxMs: 20 } });
  const respond = respondConfig({
    webhooks: {
      ok: endpoint('/ok'),
      flaky: endpoint('/flaky'),
      down: endpoint('/down'),
      custody: endpoint('/custody'),
    },
    coldStorage: { vaults: { ETH: '0xcold' } },
    dispatcher: { pollMs: 5, concurrency: 4 },
  });
  const policy = parsePolicy(POLICY, 'e2e-policy', respond);
  responder = createResponder({
    store,
    config: respond,
    policy,
    logger: recordingLogger(),
    stdout: () => {},
  });
  responder.start();
});
afterEach(async () => {
  await responder.stop();
  await store.close();
});

async function settled(actionId: string, status: ActionStatus) {
  await vi.waitFor(async () => expect((await store.actions.get(actionId))?.status).toBe(status), {
    timeout: 5_000,
    interval: 5,
  });
  return (await store.actions.events(actionId)).map((e) => e.kind);
}

describe('alert pipeline end to end', () => {
  it('an alert goes through dedupe and policy to a signed webhook carrying its idempotency key', async () => {
    const first = await responder.pipeline.ingest(alertInput({ detector: 'webhook-ok' }));
    const repeat = await responder.pipeline.ingest(alertInput({ detector: 'webhook-ok' }));
    expect(repeat).toMatchObject({
      outcome: 'deduplicated',
      actions: [],
      alert: { id: first.alert.id, count: 2 },
    });
    const [action] = first.actions;
    expect(await settled(action?.id ?? '', 'succeeded')).toEqual(['queued', 'succeeded']);
    expect(received).toHaveLength(1);
    const [delivery] = received;
    expect(delivery?.path).toBe('/ok');
    expect(verifyWebhookSignature(SECRET, delivery?.headers ?? {}, delivery?.body ?? '')).toBe(true);
    expect(
      verifyWebhookSignature('some-other-secret-123', delivery?.headers ?? {}, delivery?.body ?? ''),
    ).toBe(false);
    expect(delivery?.headers['idempotency-key']).toBe(action?.idempotencyKey);
    expect(JSON.parse(delivery?.body ?? '')).toMatchObject({
      id: action?.idempotencyKey,
      type: 'argus.alert',
      rule: 'page ops',
      action: action?.id,
      alert: { id: first.alert.id, detector: 'webhook-ok' },
    });
    expect(await store.actions.get(action?.id ?? '')).toMatchObject({
      attempts: 1,
      result: { endpoint: 'ok', status: 200 },
    });
  });

  it('a receiver answering 500 twice then 200 gets three attempts with one idempotency key', async () => {
    scripts['/flaky'] = [500, 500, 200];
    const { actions } = await responder.pipeline.ingest(alertInput({ detector: 'webhook-flaky' }));
    const id = actions[0]?.id ?? '';
    expect(await settled(id, 'succeeded')).toEqual([
      'queued',
      'attempt-failed',
      'attempt-failed',
      'succeeded',
    ]);
    expect(received.map((r) => r.headers['idempotency-key'])).toEqual([id, id, id]);
    expect(await store.actions.get(id)).toMatchObject({ attempts: 3, result: { status: 200 } });
    const failures = (await store.actions.events(id)).filter((e) => e.kind === 'attempt-failed');
    expect(failures.map((e) => e.detail)).toEqual([
      expect.stringMatching(/^attempt 1\/3 failed: webhook flaky answered HTTP 500; next attempt in \d+ ms$/),
      expect.stringMatching(/^attempt 2\/3 failed: webhook flaky answered HTTP 500; next attempt in \d+ ms$/),
    ]);
  });

  it('a receiver that always answers 500 ends in the dead letter after maxAttempts', async () => {
    scripts['/down'] = [500];
    const { actions } = await responder.pipeline.ingest(alertInput({ detector: 'webhook-down' }));
    const id = actions[0]?.id ?? '';
    expect(await settled(id, 'dead-letter')).toEqual([
      'queued',
      'attempt-failed',
      'attempt-failed',
      'dead-lettered',
    ]);
    expect(received).toHaveLength(3);
  });

  it('holds the transfer, requires a step-up and records and delivers a cold-storage sweep', async () => {
    await store.transfers.upsert({
      id: 'wd-77',
      chain: 'ethereum',
      from: '0xhot',
      to: '0xunknown',
      asset: { symbol: 'ETH', decimals: 18 },
      amount: '40',
      status: 'pending',
      createdAt: 1,
      updatedAt: 1,
    });
    const { alert, actions } = await responder.pipeline.ingest(
      alertInput({
        area: 'auth',
        detector: 'impossible-travel',
        subject: { kind: 'user', id: 'u-9' },
        title: 'Login from two continents in ten minutes',
        context: { transferId: 'wd-77', asset: 'ETH', wallet: '0xhot' },
      }),
    );
    for (const action of actions) await settled(action.id, 'succeeded');
    expect(await store.transfers.get('wd-77')).toMatchObject({
      status: 'held',
      heldBy: 'policy:contain account takeover',
      heldReason: 'possible account takeover',
      holdAlertId: alert.id,
    });
    expect(await store.stepUps.pending('u-9')).toEqual([
      expect.objectContaining({
        factor: 'webauthn',
        reason: 'Login from two continents in ten minutes',
        alertId: alert.id,
      }),
    ]);
    const [sweep] = await store.sweeps.list();
    expect(sweep).toMatchObject({
      alertId: alert.id,
      asset: 'ETH',
      amount: '10',
      fromWallet: '0xhot',
      vault: '0xcold',
    });
    const custody = received.find((r) => r.path === '/custody');
    expect(verifyWebhookSignature(SECRET, custody?.headers ?? {}, custody?.body ?? '')).toBe(true);
    expect(JSON.parse(custody?.body ?? '')).toMatchObject({
      type: 'argus.cold-storage-sweep',
      instruction: sweep,
    });
  });
});
