import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ArgusApp, createArgusApp } from '../../app.js';
import { ConfigSchema } from '../../core/config/schema.js';
import { parsePolicy } from '../../respond/policy/parsePolicy.js';
import { createApiKey } from '../apiKeys.js';

const HOUR = 3_600_000;
/** A whole hour a little in the past: the engine refuses attempts from the future. */
const T0 = Math.floor(Date.now() / HOUR) * HOUR - 6 * HOUR;

let dir: string;
let app: ArgusApp;
let auth: { authorization: string };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'argus-auth-summary-'));
  const config = ConfigSchema.parse({
    store: { sqlite: { path: join(dir, 'argus.db') } },
    server: { port: 0 },
    auth: { challengeAt: 0.25, denyAt: 0.85 },
  });
  const policy = parsePolicy({ rules: [] }, 'test policy', config.respond);
  app = await createArgusApp({ config, baseDir: dir, policy, logger: { info() {}, warn() {}, error() {} } });
  const { key } = await createApiKey(app.store.apiKeys, 'test');
  auth = { authorization: `Bearer ${key}` };

  const assess = async (payload: Record<string, unknown>) => {
    const res = await app.server.inject({ method: 'POST', url: '/v1/auth/assess', headers: auth, payload });
    expect(res.statusCode).toBe(200);
    return res.json() as { decision: string };
  };
  const usual = { ip: '198.18.1.10', deviceFingerprint: 'fp-laptop', outcome: 'success' };
  // Erin's first login teaches her laptop and address; the next from them is allowed too.
  expect((await assess({ ...usual, userId: 'erin', at: T0 + 5 })).decision).toBe('allow');
  expect((await assess({ ...usual, userId: 'erin', at: T0 + HOUR + 5 })).decision).toBe('allow');
  // A new device on a new network: 1 - 0.7 * 0.9 * 0.8 = 0.496, a challenge at 0.25.
  const away = { ...usual, userId: 'erin', ip: '192.0.2.9', deviceFingerprint: 'fp-other' };
  expect((await assess({ ...away, at: T0 + 2 * HOUR + 5 })).decision).toBe('challenge');
  // A script with no keystrokes where typing was expected, on the new device too: bot 0.7 on top, a denial.
  const scripted = { ...away, keystrokesExpected: true, outcome: 'failure' };
  expect((await assess({ ...scripted, at: T0 + 2 * HOUR + 60_000 })).decision).toBe('deny');
});

afterAll(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (url: string, headers: Record<string, string> = auth) =>
  app.server.inject({ method: 'GET', url, headers });

describe('GET /v1/auth/decisions/summary', () => {
  it('summarises the decisions just assessed (the waiting batch is written first)', async () => {
    const res = await get(`/v1/auth/decisions/summary?since=${T0}&until=${T0 + 4 * HOUR}&bucket=hour`);
    expect(res.statusCode).toBe(200);
    const s = res.json();
    expect(s).toMatchObject({
      since: T0,
      until: T0 + 4 * HOUR,
      bucket: 'hour',
      bucketMs: HOUR,
      total: 4,
      counts: { allow: 2, challenge: 1, deny: 1 },
      thresholds: { challengeAt: 0.25, denyAt: 0.85 },
      truncated: false,
      unreadableReasons: 0,
    });
    expect(s.timeline).toEqual({
      start: [T0, T0 + HOUR, T0 + 2 * HOUR, T0 + 3 * HOUR],
      allow: [1, 1, 0, 0],
      challenge: [0, 0, 1, 0],
      deny: [0, 0, 1, 0],
    });
    expect(s.histogram.allow[0]).toBe(2);
    expect(s.histogram.challenge[9]).toBe(1);
    expect(s.histogram.deny.reduce((a: number, b: number) => a + b, 0)).toBe(1);
    const signals = s.reasons.map((r: { signal: string }) => r.signal);
    expect(signals.slice(0, 3).sort()).toEqual(['newDevice', 'newIp', 'newNetwork']);
    expect(signals).toContain('bot');
    const bot = s.reasons.find((r: { signal: string }) => r.signal === 'bot');
    expect(bot).toMatchObject({ fired: 1, meanContribution: 0.7, denialShare: 1 });
    expect(s.topUsers).toEqual([
      { key: 'erin', total: 4, challenges: 1, denials: 1, users: 1, lastAt: T0 + 2 * HOUR + 60_000 },
    ]);
    expect(s.topIps.map((i: { key: string }) => i.key)).toEqual(['192.0.2.9']);
  });

  it('takes ISO times, leaves out decisions outside the window and picks the bucket from the span', async () => {
    const iso = (t: number) => new Date(t).toISOString();
    const res = await get(
      `/v1/auth/decisions/summary?since=${iso(T0 + HOUR)}&until=${iso(T0 + 2 * HOUR + 30_000)}`,
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      bucket: 'hour',
      total: 2,
      counts: { allow: 1, challenge: 1, deny: 0 },
    });
    const long = (
      await get(`/v1/auth/decisions/summary?since=${T0 - 30 * 24 * HOUR}&until=${T0 + 4 * HOUR}`)
    ).json();
    expect(long.bucket).toBe('day');
    expect(long.total).toBe(4);
  });

  it('defaults to the last week up to now', async () => {
    const before = Date.now();
    const s = (await get('/v1/auth/decisions/summary?top=1')).json();
    expect(s.until).toBeGreaterThanOrEqual(before);
    expect(s.until - s.since).toBe(7 * 24 * HOUR);
    expect(s.total).toBe(4);
    expect(s.topIps).toHaveLength(1);
  });

  it('answers bad windows and parameters with 400 and what to do', async () => {
    const empty = await get(`/v1/auth/decisions/summary?since=${T0}&until=${T0}`);
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toMatchObject({ code: 'INPUT_INVALID' });
    expect(empty.json().message).toContain('since');
    expect(empty.json().hint).toMatch(/earlier than until/);

    const fine = await get(`/v1/auth/decisions/summary?since=0&until=${T0}&bucket=hour`);
    expect(fine.statusCode).toBe(400);
    expect(fine.json().message).toMatch(/hour buckets; at most 2000/);
    expect(fine.json().hint).toMatch(/bucket=day/);

    const badBucket = await get('/v1/auth/decisions/summary?bucket=week');
    expect(badBucket.statusCode).toBe(400);
    expect(badBucket.json().message).toContain('bucket');

    const badTime = await get('/v1/auth/decisions/summary?since=yesterday');
    expect(badTime.statusCode).toBe(400);
    expect(badTime.json().message).toMatch(
      /since.*a date \(2024-01-01\), an ISO time or epoch ms, got "yesterday"/s,
    );

    expect((await get('/v1/auth/decisions/summary?top=0')).statusCode).toBe(400);
    expect((await get('/v1/auth/decisions/summary', {})).statusCode).toBe(401);
  });
});
