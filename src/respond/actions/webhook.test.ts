import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../core/clock.js';
import type { Store } from '../../store/types.js';
import {
  actionContext,
  actionFor,
  respondConfig,
  SECRET,
  storedAlert,
  T0,
  webhookEndpoint,
} from '../respond.fixture.js';
import { PermanentActionError } from './executor.js';
import { webhookExecutor } from './webhook.js';
import { verifyWebhookSignature } from './webhookSignature.js';

const respond = respondConfig({
  webhooks: {
    ops: webhookEndpoint('https://ops.example/hook', { headers: { authorization: 'Bearer t0k3n' } }),
  },
});
const alert = storedAlert();
const action = actionFor(alert, { type: 'webhook', endpoint: 'ops' });
const store = {} as Store;

interface Sent {
  url: string;
  init: RequestInit;
}

function answering(response: () => Response | Promise<Response>) {
  const sent: Sent[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    sent.push({ url, init });
    return response();
  }) as typeof globalThis.fetch;
  return { sent, ctx: actionContext(store, { respond, fetch, clock: new ManualClock(T0 + 1234) }) };
}

describe('webhook executor', () => {
  it('POSTs a signed argus.alert event with the idempotency key and the endpoint headers', async () => {
    const { sent, ctx } = answering(() => new Response('ok', { status: 202 }));
    expect(await webhookExecutor.execute(action, alert, ctx)).toEqual({ endpoint: 'ops', status: 202 });
    const [request] = sent;
    const headers = new Headers(request?.init.headers);
    expect(request?.url).toBe('https://ops.example/hook');
    expect(request?.init.method).toBe('POST');
    expect(headers.get('content-type')).toBe('application/json');
    expect(headers.get('idempotency-key')).toBe(action.idempotencyKey);
    expect(headers.get('authorization')).toBe('Bearer t0k3n');
    expect(headers.get('x-argus-timestamp')).toBe(String(Math.floor((T0 + 1234) / 1000)));
    const body = String(request?.init.body);
    expect(verifyWebhookSignature(SECRET, headers, body, { now: T0 })).toBe(true);
    expect(JSON.parse(body)).toEqual({
      id: action.idempotencyKey,
      type: 'argus.alert',
      alert,
      rule: 'test rule',
      action: action.id,
      sentAt: T0 + 1234,
    });
  });

  it.each([408, 425, 429, 500, 503])('HTTP %i is worth retrying', async (status) => {
    const { ctx } = answering(() => new Response('busy', { status }));
    const failure = webhookExecutor.execute(action, alert, ctx);
    await expect(failure).rejects.toThrow(`webhook ops answered HTTP ${status}: busy`);
    await expect(failure).rejects.not.toBeInstanceOf(PermanentActionError);
  });

  it.each([400, 401, 404, 422])('HTTP %i is permanent', async (status) => {
    const { ctx } = answering(() => new Response(null, { status }));
    await expect(webhookExecutor.execute(action, alert, ctx)).rejects.toBeInstanceOf(PermanentActionError);
  });

  it('does not follow redirects, and says why', async () => {
    const { sent, ctx } = answering(
      () => new Response(null, { status: 302, headers: { location: 'https://elsewhere' } }),
    );
    await expect(webhookExecutor.execute(action, alert, ctx)).rejects.toThrow(/redirects are not followed/);
    expect(sent[0]?.init.redirect).toBe('manual');
  });

  it('a network error is worth retrying and does not reveal the URL', async () => {
    const { ctx } = answering(() => {
      throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
    });
    const failure = webhookExecutor.execute(action, alert, ctx);
    await expect(failure).rejects.toThrow('webhook ops: fetch failed (ECONNREFUSED)');
    await expect(failure).rejects.not.toBeInstanceOf(PermanentActionError);
  });

  it('reports a timeout by the configured limit', async () => {
    const { ctx } = answering(() => {
      throw new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    });
    await expect(webhookExecutor.execute(action, alert, ctx)).rejects.toThrow(
      'webhook ops: no answer within 2000 ms',
    );
  });

  it('an endpoint no longer in the config is permanent', async () => {
    const { ctx } = answering(() => new Response());
    const orphan = actionFor(alert, { type: 'webhook', endpoint: 'gone' });
    await expect(webhookExecutor.execute(orphan, alert, ctx)).rejects.toThrow(PermanentActionError);
  });
});
