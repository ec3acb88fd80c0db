import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-argus-signature';
export const TIMESTAMP_HEADER = 'x-argus-timestamp';
export const IDEMPOTENCY_HEADER = 'idempotency-key';

const SCHEME = 'v1';
const DEFAULT_TOLERANCE_SEC = 300;

function hmacHex(secret: string, timestampSec: number, rawBody: string | Uint8Array): string {
  return createHmac('sha256', secret).update(`${timestampSec}.`).update(rawBody).digest('hex');
}

/**
 * The `x-argus-signature` value for a body sent at `timestampSec` (unix seconds): `v1=<hex HMAC-SHA256>`
 * over `${timestamp}.${body}`. Signing the timestamp lets receivers reject replays of old deliveries.
 */
export function signWebhook(secret: string, timestampSec: number, rawBody: string | Uint8Array): string {
  return `${SCHEME}=${hmacHex(secret, timestampSec, rawBody)}`;
}

/** Request headers as node:http (`req.headers`) or fetch (`Headers`) gives them. */
export type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function header(headers: HeaderSource, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : headers[key];
  return Array.isArray(value) ? value.join(',') : value;
}

export interface VerifyWebhookOptions {
  /** How far the signed timestamp may be from `now`, in seconds; 300 by default. */
  toleranceSec?: number;
  /** The receiver's current time in ms since the epoch; Date.now() by default. */
  now?: number;
}

/**
 * True when an Argus delivery is authentic and recent: the signature must match the exact raw body
 * (verify before parsing JSON) and the signed timestamp must be within the tolerance of `now`, so a
 * captured delivery cannot be replayed later. Several comma-separated `v1=` values are accepted so
 * a secret can be rotated. The comparison is constant-time.
 */
export function verifyWebhookSignature(
  secret: string,
  headers: HeaderSource,
  rawBody: string | Uint8Array,
  options: VerifyWebhookOptions = {},
): boolean {
  const timestampText = header(headers, TIMESTAMP_HEADER);
  const signatures = header(headers, SIGNATURE_HEADER);
  if (timestampText === undefined || signatures === undefined) return false;
  if (!/^\d{1,12}$/.test(timestampText)) return false;
  const timestampSec = Number(timestampText);
  const nowSec = (options.now ?? Date.now()) / 1000;
  if (Math.abs(nowSec - timestampSec) > (options.toleranceSec ?? DEFAULT_TOLERANCE_SEC)) return false;
  const expected = Buffer.from(hmacHex(secret, timestampSec, rawBody), 'hex');
  return signatures.split(',').some((candidate) => {
    const [scheme, hex] = candidate.trim().split('=', 2);
    if (scheme !== SCHEME || hex === undefined || !/^[0-9a-f]{64}$/i.test(hex)) return false;
    return timingSafeEqual(expected, Buffer.from(hex, 'hex'));
  });
}
