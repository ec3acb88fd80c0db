import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type ArgusApp, createArgusApp } from '../../app.js';
import { SoftAuthenticator } from '../../auth/stepup/softAuthenticator.fixture.js';
import { ConfigSchema } from '../../core/config/schema.js';
import { parsePolicy } from '../../respond/policy/parsePolicy.js';
import { createApiKey } from '../apiKeys.js';

const ORIGIN = 'http://localhost:7070';
const LAPTOP = 'fp-laptop-0000001';
const PHONE = 'fp-phone-00000002';
const TABLET = 'fp-tablet-0000003';

let dir: string;
let app: ArgusApp;
let auth: { authorization: string };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'argus-auth-routes-'));
  const config = ConfigSchema.parse({
    store: { sqlite: { path: join(dir, 'argus.db') } },
    server: { port: 0 },
  });
  const policy = parsePolicy(parse('rules: []'), 'test policy', config.respond);
  app = await createArgusApp({ config, baseDir: dir, policy, logger: { info() {}, warn() {}, error() {} } });
  const { key } = await createApiKey(app.store.apiKeys, 'test');
  auth = { authorization: `Bearer ${key}` };
});

afterAll(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

function post(url: string, payload: unknown, headers: Record<string, string> = auth) {
  return app.server.inject({ method: 'POST', url, headers, payload: payload as Record<string, unknown> });
}
function get(url: string, headers: Record<string, string> = auth) {
  return app.server.inject({ method: 'GET', url, headers });
}

/** A person's typing of a 10-key phrase: irregular intervals and holds, a few ms of jitter per sample. */
function typed(sample: number): { key: string; down: number; up: number }[] {
  const events = [];
  let t = 0;
  for (let i = 0; i < 10; i++) {
    const hold = 80 + ((i * 17) % 30) + ((sample + i) % 3) * 2;
    events.push({ key: '*', down: t, up: t + hold });
    t += 120 + ((i * 53) % 90) + ((sample * 7 + i) % 5);
  }
  return events;
}

const login = (userId: string, extra: Record<string, unknown> = {}) => ({
  userId,
  ip: '198.51.100.20',
  userAgent: 'Mozilla/5.0 (test)',
  deviceFingerprint: LAPTOP,
  outcome: 'success',
  ...extra,
});
const signals = (body: { reasons: { signal: string }[] }) => body.reasons.map((r) => r.signal);

describe('POST /v1/auth/assess', () => {
  it('assesses an unknown user without biometrics: allowed, nothing to compare, no crash', async () => {
    const res = await post('/v1/auth/assess', login('nobody-seen-before', { keystrokes: typed(0) }));
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      userId: 'nobody-seen-before',
      decision: 'allow',
      score: 0,
      reasons: [],
      trustedDevice: false,
      user: { known: false, keystrokeEnrolled: false, samples: 0 },
      learning: 'now',
    });
    expect(body.id).toMatch(/^authd/);
    expect(body.challenge).toBeUndefined();

    const bare = await post('/v1/auth/assess', { userId: 'ghost', ip: '::1', outcome: 'failure' });
    expect(bare.statusCode).toBe(200);
    expect(bare.json()).toMatchObject({ decision: 'allow', user: { known: false } });
  });

  it('rejects malformed keystrokes with 400 naming the index', async () => {
    const outOfOrder = typed(1);
    outOfOrder[3] = { key: '*', down: 900, up: 850 };
    const res = await post('/v1/auth/assess', login('alice', { keystrokes: outOfOrder }));
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('INPUT_INVALID');
    expect(body.message).toContain('keystrokes[3].up');
    expect(body.errors.map((e: { path: string }) => e.path)).toContain('keystrokes[3].up');
    expect(body.hint).toMatch(/down <= up/);

    const notANumber = await post(
      '/v1/auth/assess',
      login('alice', { keystrokes: [{ key: 'a', down: 'x', up: 1 }] }),
    );
    expect(notANumber.statusCode).toBe(400);
    expect(notANumber.json().message).toContain('keystrokes[0].down');

    const badIp = await post('/v1/auth/assess', login('alice', { ip: 'not-an-ip' }));
    expect(badIp.statusCode).toBe(400);
    expect(badIp.json().errors[0].path).toBe('ip');

    const missing = await post('/v1/auth/assess', { ip: '127.0.0.1', outcome: 'success' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().message).toContain('userId');
  });

  it('needs an API key', async () => {
    expect((await post('/v1/auth/assess', login('alice'), {})).statusCode).toBe(401);
    expect((await get('/v1/auth/decisions', {})).statusCode).toBe(401);
  });
});

describe('step-up: pipeline requirement, TOTP, trusted device', () => {
  it('a pipeline step-up forces a challenge; TOTP enrolment, challenge and completion trust the device', async () => {
    // A first genuine login: alice is known from the laptop.
    expect((await post('/v1/auth/assess', login('alice'))).json()).toMatchObject({ decision: 'allow' });

    // The respond area's step-up action writes this; the next assessment must challenge.
    await app.store.stepUps.require({
      id: 'stp-test-1',
      userId: 'alice',
      factor: 'any',
      reason: 'impossible travel',
      alertId: 'alt-1',
      createdAt: Date.now(),
    });
    const forced = (await post('/v1/auth/assess', login('alice'))).json();
    expect(forced).toMatchObject({ decision: 'challenge', factor: 'any' });
    expect(signals(forced)).toContain('stepUpRequired');
    expect(forced.challenge).toMatchObject({ factor: 'any', enrolmentNeeded: true });
    expect(forced.challenge.message).toMatch(/no second factor/);

    // Enrol an authenticator app and confirm it with a code computed here.
    const enrol = await post('/v1/auth/factors/totp', { userId: 'alice', label: 'phone app' });
    expect(enrol.statusCode).toBe(201);
    const { factorId, secret, otpauthUri } = enrol.json();
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    const wrong = await post('/v1/auth/factors/totp/confirm', { userId: 'alice', factorId, code: '000000' });
    expect([400, 401]).toContain(wrong.statusCode);
    const now = Math.floor(Date.now() / 1000);
    const confirm = await post('/v1/auth/factors/totp/confirm', {
      userId: 'alice',
      factorId,
      code: await generate({ secret, epoch: now }),
    });
    expect(confirm.statusCode).toBe(200);
    expect(confirm.json()).toMatchObject({ factorId, confirmed: true });

    const factors = (await get('/v1/auth/factors?userId=alice')).json().items;
    expect(factors).toEqual([
      expect.objectContaining({ id: factorId, kind: 'totp', confirmed: true, label: 'phone app' }),
    ]);
    expect(JSON.stringify(factors)).not.toContain(secret);
    expect(factors[0].data).toBeUndefined();

    // From a new phone: the step-up is still pending, now with a TOTP challenge ready for the client.
    const challenged = (await post('/v1/auth/assess', login('alice', { deviceFingerprint: PHONE }))).json();
    expect(challenged).toMatchObject({ decision: 'challenge', factor: 'totp', learning: 'after-challenge' });
    expect(signals(challenged)).toEqual(expect.arrayContaining(['stepUpRequired', 'newDevice']));
    expect(challenged.challenge).toMatchObject({ factor: 'totp', prompt: expect.stringMatching(/6-digit/) });

    const bad = await post('/v1/auth/challenge/complete', {
      userId: 'alice',
      assessmentId: challenged.id,
      answer: { challengeId: challenged.challenge.challengeId, code: '123456' },
      deviceFingerprint: PHONE,
    });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().reason).toMatch(/invalid_code|replayed_code/);

    const malformed = await post('/v1/auth/challenge/complete', {
      userId: 'alice',
      answer: { challengeId: challenged.challenge.challengeId, code: '12ab56' },
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().message).toContain('answer.code');

    // The next time step's code: the confirmation used this one, and replays are refused.
    const done = await post('/v1/auth/challenge/complete', {
      userId: 'alice',
      assessmentId: challenged.id,
      answer: {
        challengeId: challenged.challenge.challengeId,
        code: await generate({ secret, epoch: now + 30 }),
      },
      deviceFingerprint: PHONE,
    });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({
      passed: true,
      factor: 'totp',
      factorId,
      satisfiedStepUps: 1,
      learnt: true,
      trustedDevice: { expiresAt: expect.any(Number) },
    });
    expect(await app.store.stepUps.pending('alice')).toEqual([]);

    const after = (await post('/v1/auth/assess', login('alice', { deviceFingerprint: PHONE }))).json();
    expect(after).toMatchObject({ decision: 'allow', trustedDevice: true });
    expect(signals(after)).not.toContain('newDevice');
    expect(signals(after)).not.toContain('stepUpRequired');
  });
});

describe('step-up: WebAuthn', () => {
  it('enrols a security key, challenges with it, and trusting the device silences newDevice', async () => {
    const key = new SoftAuthenticator();
    expect((await post('/v1/auth/assess', login('bob'))).json()).toMatchObject({ decision: 'allow' });

    const start = await post('/v1/auth/factors/webauthn/options', {
      userId: 'bob',
      userName: 'bob@example.com',
    });
    expect(start.statusCode).toBe(200);
    const { challengeId, options } = start.json();
    expect(options.rp.id).toBe('localhost');
    const registered = await post('/v1/auth/factors/webauthn', {
      userId: 'bob',
      challengeId,
      response: key.register(options, ORIGIN),
      label: 'yubikey',
    });
    expect(registered.statusCode).toBe(201);
    expect(registered.json()).toMatchObject({
      kind: 'webauthn',
      confirmed: true,
      label: 'yubikey',
      credentialId: key.id,
    });

    // A new device with no history: newDevice alone reaches the challenge threshold.
    const challenged = (await post('/v1/auth/assess', login('bob', { deviceFingerprint: TABLET }))).json();
    expect(challenged).toMatchObject({ decision: 'challenge', factor: 'webauthn' });
    expect(signals(challenged)).toContain('newDevice');
    expect(challenged.challenge).toMatchObject({ factor: 'webauthn', challengeId: expect.any(String) });

    // Without assessmentId nothing is learnt: only the trust silences newDevice next time.
    const done = await post('/v1/auth/challenge/complete', {
      userId: 'bob',
      answer: {
        challengeId: challenged.challenge.challengeId,
        response: key.authenticate(challenged.challenge.options, ORIGIN),
      },
      deviceFingerprint: TABLET,
    });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ passed: true, factor: 'webauthn', learnt: false });

    const again = (await post('/v1/auth/assess', login('bob', { deviceFingerprint: TABLET }))).json();
    expect(again).toMatchObject({ decision: 'allow', trustedDevice: true });
    expect(signals(again)).not.toContain('newDevice');

    // A replayed assertion fails with the step-up reason.
    const replay = await post('/v1/auth/challenge/complete', {
      userId: 'bob',
      answer: {
        challengeId: challenged.challenge.challengeId,
        response: key.authenticate(challenged.challenge.options, ORIGIN),
      },
    });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().reason).toBeDefined();
  });
});

describe('factors, decisions and keystroke reset', () => {
  it('removes a factor, and 404 for an unknown one', async () => {
    const { factorId } = (await post('/v1/auth/factors/totp', { userId: 'dave' })).json();
    const del = await app.server.inject({
      method: 'DELETE',
      url: `/v1/auth/factors/${factorId}`,
      headers: auth,
    });
    expect(del.statusCode).toBe(200);
    expect((await get('/v1/auth/factors?userId=dave')).json().items).toEqual([]);
    const again = await app.server.inject({
      method: 'DELETE',
      url: `/v1/auth/factors/${factorId}`,
      headers: auth,
    });
    expect(again.statusCode).toBe(404);
  });

  it('lists decisions newest first with parsed reasons, filters and cursor pages', async () => {
    const all = (await get('/v1/auth/decisions?userId=alice')).json();
    expect(all.items.length).toBeGreaterThanOrEqual(4);
    expect(all.items[0].at).toBeGreaterThanOrEqual(all.items.at(-1).at);
    const challenges = (await get('/v1/auth/decisions?userId=alice&decision=challenge')).json().items;
    expect(challenges.length).toBe(2);
    expect(challenges[0].reasons.map((r: { signal: string }) => r.signal)).toContain('stepUpRequired');
    expect(challenges[0].reasons[0]).toEqual(
      expect.objectContaining({
        signal: expect.any(String),
        weight: expect.any(Number),
        detail: expect.any(String),
      }),
    );
    const first = (await get('/v1/auth/decisions?userId=alice&limit=1')).json();
    expect(first.items).toHaveLength(1);
    const second = (await get(`/v1/auth/decisions?userId=alice&limit=1&cursor=${first.nextCursor}`)).json();
    expect(second.items[0].id).not.toBe(first.items[0].id);
    expect((await get('/v1/auth/decisions?decision=maybe')).statusCode).toBe(400);
  });

  it('enrols the keystroke template over genuine logins and forgets it on reset', async () => {
    let last: { user: { samples: number; keystrokeEnrolled: boolean } } | undefined;
    for (let i = 0; i < 5; i++) {
      last = (
        await post('/v1/auth/assess', login('erin', { keystrokes: typed(i), keystrokesExpected: true }))
      ).json();
    }
    // The response reports the template as it was before this login taught it.
    expect(last?.user).toMatchObject({ samples: 4, keystrokeEnrolled: false });
    // The rhythm of one of the enrolled samples: as close to erin as it gets.
    const enrolled = (await post('/v1/auth/assess', login('erin', { keystrokes: typed(2) }))).json();
    expect(enrolled.user).toMatchObject({ samples: 5, keystrokeEnrolled: true });
    expect(enrolled.decision).toBe('allow');
    expect(signals(enrolled)).not.toContain('keystroke');
    // Someone else typing the same phrase: slower, with long holds and another rhythm.
    let t = 0;
    const impostor = typed(0).map((_, i) => {
      const event = { key: '*', down: t, up: t + 160 + ((i * 29) % 70) };
      t += 230 + ((i * 97) % 150);
      return event;
    });
    const other = (await post('/v1/auth/assess', login('erin', { keystrokes: impostor }))).json();
    expect(signals(other)).toEqual(['keystroke']);
    expect(other.reasons[0].strength).toBe(1);
    expect(other.decision).toBe('challenge');

    const reset = await post('/v1/auth/users/erin/reset-keystrokes', {});
    expect(reset.statusCode).toBe(200);
    const after = (await post('/v1/auth/assess', login('erin', { keystrokes: typed(6) }))).json();
    expect(after.user).toMatchObject({ samples: 0, keystrokeEnrolled: false });
  });
});

describe('the browser module and OpenAPI', () => {
  it('serves the keystroke recorder as public JavaScript', async () => {
    const res = await get('/auth/keystroke-recorder.js', {});
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/javascript/);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.body).toContain('export function attachToForm');
    expect(res.body).toContain('export class KeystrokeLog');
    expect(res.body).not.toMatch(/^import /m);
    expect(res.body).not.toContain('sourceMappingURL');
  });

  it('has no demo login page outside demo mode', async () => {
    expect((await get('/demo/login', {})).statusCode).toBe(401);
    expect((await get('/demo/login')).statusCode).toBe(404);
  });

  it('documents the routes under the auth tag', async () => {
    const doc = (await get('/openapi.json', {})).json();
    for (const path of ['/v1/auth/assess', '/v1/auth/challenge/complete', '/v1/auth/factors/totp']) {
      expect(doc.paths[path].post.tags).toEqual(['auth']);
    }
    expect(doc.paths['/v1/auth/decisions'].get.tags).toEqual(['auth']);
  });
});
