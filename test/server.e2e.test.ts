import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleAlert, startTestApp, type TestApp } from './support/testApp.js';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

const POLICY = `
rules:
  - name: hold risky withdrawals
    match: { area: monitor, severity: { gte: high } }
    actions: [{ type: hold-transfer }, { type: notify }]
`;

describe('HTTP API', () => {
  it('serves health and the OpenAPI document without a key, and nothing else', async () => {
    app = await startTestApp();
    const health = await app.server.inject({ url: '/healthz' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toMatchObject({ status: 'ok', store: 'sqlite' });

    const openapi = (await app.server.inject({ url: '/openapi.json' })).json();
    expect(openapi.openapi).toMatch(/^3\./);
    for (const path of [
      '/v1/alerts',
      '/v1/alerts/{id}',
      '/v1/alerts/{id}/status',
      '/v1/policy/dry-run',
      '/v1/alerts/stream',
    ]) {
      expect(Object.keys(openapi.paths)).toContain(path);
    }

    const anonymous = await app.server.inject({ url: '/v1/alerts' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().hint).toMatch(/apikey create/);
    const wrong = await app.server.inject({
      url: '/v1/alerts',
      headers: { authorization: 'Bearer argus_nope' },
    });
    expect(wrong.statusCode).toBe(401);
    const write = await app.server.inject({ method: 'POST', url: '/v1/alerts', payload: sampleAlert() });
    expect(write.statusCode).toBe(401);
  });

  it('lets reads through without a key only when configured so, never writes', async () => {
    app = await startTestApp({ config: { server: { requireKeyForReads: false } } });
    expect((await app.server.inject({ url: '/v1/alerts' })).statusCode).toBe(200);
    expect(
      (await app.server.inject({ method: 'POST', url: '/v1/alerts', payload: sampleAlert() })).statusCode,
    ).toBe(401);
  });

  it('ingests, deduplicates, lists with filters and shows an alert with its actions', async () => {
    app = await startTestApp({ policy: POLICY });
    const first = await app.server.inject({
      method: 'POST',
      url: '/v1/alerts',
      headers: app.auth,
      payload: sampleAlert(),
    });
    expect(first.statusCode).toBe(201);
    const created = first.json();
    expect(created.outcome).toBe('created');
    expect(created.actions.map((a: { type: string }) => a.type)).toEqual(['hold-transfer', 'notify']);

    const repeat = await app.server.inject({
      method: 'POST',
      url: '/v1/alerts',
      headers: app.auth,
      payload: sampleAlert(),
    });
    expect(repeat.statusCode).toBe(200);
    expect(repeat.json()).toMatchObject({
      outcome: 'deduplicated',
      alert: { id: created.alert.id, count: 2 },
    });

    await app.server.inject({
      method: 'POST',
      url: '/v1/alerts',
      headers: app.auth,
      payload: sampleAlert({
        area: 'auth',
        detector: 'new-device',
        severity: 'low',
        subject: { kind: 'user', id: 'u1' },
      }),
    });

    const high = (
      await app.server.inject({ url: '/v1/alerts?severity=high,critical', headers: app.auth })
    ).json();
    expect(high.total).toBe(1);
    expect(high.items[0].id).toBe(created.alert.id);
    const auth = (await app.server.inject({ url: '/v1/alerts?area=auth', headers: app.auth })).json();
    expect(auth.items.map((a: { detector: string }) => a.detector)).toEqual(['new-device']);
    const page1 = (await app.server.inject({ url: '/v1/alerts?limit=1', headers: app.auth })).json();
    const page2 = (
      await app.server.inject({ url: `/v1/alerts?limit=1&cursor=${page1.nextCursor}`, headers: app.auth })
    ).json();
    expect(page1.items[0].id).not.toBe(page2.items[0].id);
    expect(page2.nextCursor).toBeUndefined();

    const detail = (
      await app.server.inject({ url: `/v1/alerts/${created.alert.id}`, headers: app.auth })
    ).json();
    expect(detail.alert.evidence[0]).toMatchObject({ name: 'dormancy_days', value: 212 });
    expect(detail.actions).toHaveLength(2);
    expect((await app.server.inject({ url: '/v1/alerts/alt_missing', headers: app.auth })).statusCode).toBe(
      404,
    );
  });

  it('rejects bad bodies and queries with the field path, and stores nothing from them', async () => {
    app = await startTestApp();
    const bad = await app.server.inject({
      method: 'POST',
      url: '/v1/alerts',
      headers: app.auth,
      payload: sampleAlert({ score: 1.5, severity: 'urgent' }),
    });
    expect(bad.statusCode).toBe(400);
    const body = bad.json();
    expect(body.code).toBe('INPUT_INVALID');
    expect(body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['score', 'severity']);

    const query = await app.server.inject({ url: '/v1/alerts?severity=urgent', headers: app.auth });
    expect(query.statusCode).toBe(400);
    expect(query.json().message).toMatch(/severity/);

    const notJson = await app.server.inject({
      method: 'POST',
      url: '/v1/alerts',
      headers: { ...app.auth, 'content-type': 'application/json' },
      payload: '{"area": ',
    });
    expect(notJson.statusCode).toBe(400);
    expect(await app.store.alerts.count({})).toBe(0);
  });

  it('accepts the good items of a batch and reports the bad ones by index', async () => {
    app = await startTestApp();
    const res = await app.server.inject({
      method: 'POST',
      url: '/v1/alerts',
      headers: app.auth,
      payload: {
        alerts: [sampleAlert(), { area: 'monitor' }, sampleAlert({ subject: { kind: 'user', id: 'u9' } })],
      },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.accepted).toHaveLength(2);
    expect(body.rejected).toHaveLength(1);
    expect(body.rejected[0].index).toBe(1);
    expect(body.rejected[0].errors.length).toBeGreaterThan(0);
    expect(await app.store.alerts.count({})).toBe(2);
  });

  it('records status changes with who, when and the note', async () => {
    app = await startTestApp();
    const { alert } = (
      await app.server.inject({
        method: 'POST',
        url: '/v1/alerts',
        headers: app.auth,
        payload: sampleAlert(),
      })
    ).json();
    const ack = await app.server.inject({
      method: 'POST',
      url: `/v1/alerts/${alert.id}/status`,
      headers: app.auth,
      payload: { status: 'acknowledged', note: 'calling the customer' },
    });
    expect(ack.statusCode).toBe(200);
    expect(ack.json()).toMatchObject({
      status: 'acknowledged',
      statusBy: 'apikey:test',
      statusNote: 'calling the customer',
    });
    await app.server.inject({
      method: 'POST',
      url: `/v1/alerts/${alert.id}/status`,
      headers: app.auth,
      payload: { status: 'false-positive' },
    });
    const detail = (await app.server.inject({ url: `/v1/alerts/${alert.id}`, headers: app.auth })).json();
    expect(detail.statusHistory.map((h: { status: string }) => h.status)).toEqual([
      'acknowledged',
      'false-positive',
    ]);
    const bad = await app.server.inject({
      method: 'POST',
      url: `/v1/alerts/${alert.id}/status`,
      headers: app.auth,
      payload: { status: 'closed' },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('explains a policy dry run without storing anything', async () => {
    app = await startTestApp({ policy: POLICY });
    const res = await app.server.inject({
      method: 'POST',
      url: '/v1/policy/dry-run',
      headers: app.auth,
      payload: sampleAlert(),
    });
    expect(res.statusCode).toBe(200);
    const dry = res.json();
    expect(dry.rules[0]).toMatchObject({ rule: 'hold risky withdrawals', matched: true });
    expect(dry.rules[0].reasons.length).toBeGreaterThanOrEqual(2);
    expect(dry.actions.map((a: { spec: { type: string } }) => a.spec.type)).toEqual([
      'hold-transfer',
      'notify',
    ]);
    expect(await app.store.alerts.count({})).toBe(0);
  });

  it('holds a registered withdrawal through the policy and releases it through the API', async () => {
    app = await startTestApp({ policy: POLICY });
    const transfer = await app.server.inject({
      method: 'POST',
      url: '/v1/transfers',
      headers: app.auth,
      payload: {
        id: 'wd-1',
        chain: 'ethereum',
        from: '0xaaa',
        to: '0xbbb',
        asset: { symbol: 'ETH', decimals: 18 },
        amount: '250.5',
      },
    });
    expect(transfer.statusCode).toBe(201);
    expect(transfer.json().status).toBe('pending');

    await app.server.inject({
      method: 'POST',
      url: '/v1/alerts',
      headers: app.auth,
      payload: sampleAlert({ context: { transferId: 'wd-1' } }),
    });
    await app.responder.dispatcher.runOnce();
    const held = (await app.server.inject({ url: '/v1/transfers/wd-1', headers: app.auth })).json();
    expect(held).toMatchObject({ status: 'held', heldBy: 'policy:hold risky withdrawals', amount: '250.5' });

    const released = await app.server.inject({
      method: 'POST',
      url: '/v1/transfers/wd-1/release',
      headers: app.auth,
      payload: { note: 'customer verified by phone' },
    });
    expect(released.json()).toMatchObject({ status: 'released', releasedBy: 'apikey:test' });
    const again = await app.server.inject({
      method: 'POST',
      url: '/v1/transfers/wd-1/release',
      headers: app.auth,
      payload: {},
    });
    expect(again.statusCode).toBe(409);

    const badAmount = await app.server.inject({
      method: 'POST',
      url: '/v1/transfers',
      headers: app.auth,
      payload: {
        chain: 'ethereum',
        from: '0xa',
        to: '0xb',
        asset: { symbol: 'ETH', decimals: 18 },
        amount: '1e18',
      },
    });
    expect(badAmount.statusCode).toBe(400);
    expect(badAmount.json().errors[0].path).toBe('amount');
  });

  it('limits the request rate per client', async () => {
    app = await startTestApp({ config: { server: { rateLimit: { max: 3, windowMs: 60_000 } } } });
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) codes.push((await app.server.inject({ url: '/healthz' })).statusCode);
    expect(codes).toEqual([200, 200, 200, 429, 429]);
  });

  it('streams alerts live over server-sent events and resumes after Last-Event-ID', async () => {
    app = await startTestApp({ policy: POLICY });
    await app.server.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.server.address() as AddressInfo;

    const frames: { id: number; event: string; data: { id: string } }[] = [];
    const received = new Promise<void>((resolve, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port, path: `/v1/alerts/stream?access_token=${app?.key}` },
        (res) => {
          expect(res.headers['content-type']).toMatch(/text\/event-stream/);
          let buffer = '';
          res.on('data', (chunk: Buffer) => {
            buffer += chunk.toString();
            let end = buffer.indexOf('\n\n');
            while (end >= 0) {
              const frame = buffer.slice(0, end);
              buffer = buffer.slice(end + 2);
              const fields = Object.fromEntries(
                frame
                  .split('\n')
                  .filter((l) => /^(id|event|data): /.test(l))
                  .map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 2)]),
              );
              if (fields.event)
                frames.push({
                  id: Number(fields.id),
                  event: fields.event,
                  data: JSON.parse(fields.data ?? '{}'),
                });
              if (frames.some((f) => f.event === 'alert-created')) {
                req.destroy();
                resolve();
              }
              end = buffer.indexOf('\n\n');
            }
          });
        },
      );
      req.on('error', (e) => (e.message.includes('socket hang up') ? undefined : reject(e)));
      req.end();
    });
    // Give the stream a moment to attach before the alert is ingested.
    await new Promise((r) => setTimeout(r, 100));
    const { alert } = (
      await app.server.inject({
        method: 'POST',
        url: '/v1/alerts',
        headers: app.auth,
        payload: sampleAlert(),
      })
    ).json();
    await received;
    const created = frames.find((f) => f.event === 'alert-created');
    expect(created?.data.id).toBe(alert.id);

    // A client that saw nothing yet gets the buffered events replayed.
    const replayed = await new Promise<string>((resolve) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          path: '/v1/alerts/stream',
          headers: { ...app?.auth, 'last-event-id': '0' },
        },
        (res) => {
          let text = '';
          res.on('data', (c: Buffer) => {
            text += c.toString();
            if (text.includes('alert-created')) {
              req.destroy();
              resolve(text);
            }
          });
        },
      );
      req.on('error', () => undefined);
      req.end();
    });
    expect(replayed).toContain(alert.id);
  });
});
