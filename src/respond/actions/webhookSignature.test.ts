import { describe, expect, it } from 'vitest';
import { SECRET } from '../respond.fixture.js';
import { signWebhook, verifyWebhookSignature } from './webhookSignature.js';

const body = '{"id":"act_1","type":"argus.alert"}';
const at = 1_700_000_000;
const now = at * 1000;
const headersFor = (signature: string, timestamp = String(at)) => ({
  'x-argus-timestamp': timestamp,
  'x-argus-signature': signature,
});

describe('webhook signatures', () => {
  it('signs "<timestamp>.<body>" with HMAC-SHA256 as v1=<hex>', () => {
    expect(signWebhook(SECRET, at, body)).toMatch(/^v1=[0-9a-f]{64}$/);
    expect(signWebhook(SECRET, at, body)).not.toBe(signWebhook(SECRET, at + 1, body));
  });

  it('accepts a genuine delivery, from node:http headers or fetch Headers, and a Buffer body', () => {
    const headers = headersFor(signWebhook(SECRET, at, body));
    expect(verifyWebhookSignature(SECRET, headers, body, { now })).toBe(true);
    expect(verifyWebhookSignature(SECRET, new Headers(headers), Buffer.from(body), { now })).toBe(true);
    expect(
      verifyWebhookSignature(
        SECRET,
        { 'X-Argus-Timestamp': String(at), 'X-Argus-Signature': headers['x-argus-signature'] },
        body,
        { now },
      ),
    ).toBe(true);
  });

  it('rejects a changed body, another secret, or a missing header', () => {
    const headers = headersFor(signWebhook(SECRET, at, body));
    expect(verifyWebhookSignature(SECRET, headers, `${body} `, { now })).toBe(false);
    expect(verifyWebhookSignature('another-secret-0123456', headers, body, { now })).toBe(false);
    expect(verifyWebhookSignature(SECRET, { 'x-argus-timestamp': String(at) }, body, { now })).toBe(false);
    expect(verifyWebhookSignature(SECRET, headersFor('v1=zz'), body, { now })).toBe(false);
  });

  it('rejects a replay outside the tolerance, and a timestamp changed to look fresh', () => {
    const headers = headersFor(signWebhook(SECRET, at, body));
    expect(verifyWebhookSignature(SECRET, headers, body, { now: now + 301_000 })).toBe(false);
    expect(verifyWebhookSignature(SECRET, headers, body, { now: now + 301_000, toleranceSec: 600 })).toBe(
      true,
    );
    const moved = headersFor(signWebhook(SECRET, at, body), String(at + 1000));
    expect(verifyWebhookSignature(SECRET, moved, body, { now: (at + 1000) * 1000 })).toBe(false);
  });

  it('accepts any of several signatures, so a secret can be rotated', () => {
    const old = signWebhook('old-secret-0123456789', at, body);
    const headers = headersFor(`${old}, ${signWebhook(SECRET, at, body)}`);
    expect(verifyWebhookSignature(SECRET, headers, body, { now })).toBe(true);
  });
});
