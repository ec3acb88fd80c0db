import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../core/clock.js';
import { ValidationError } from '../../core/errors.js';
import type { AuthDecisionRecord } from '../../store/types.js';
import type { AssessBody } from './assessInput.js';
import { type AuthConfigInput, authConfig } from './authConfig.js';
import { serializeProfile } from './authProfile.js';
import { BreachedPasswordList } from './breachedPasswords.js';
import {
  InMemoryAuthProfiles,
  InMemoryMfaFactors,
  InMemoryStepUps,
  InMemoryTrustedDevices,
} from './inMemoryAuthStore.js';
import { RiskEngine } from './riskEngine.js';
import { deviceIdOf, NOW, profileWith, typed } from './signals/signalContext.fixture.js';

const HOUR = 3_600_000;
const berlin = { lat: 52.52, lon: 13.405, country: 'DE' };
const sydney = { lat: -33.87, lon: 151.21, country: 'AU' };

function setup(config: AuthConfigInput = {}, extra: { breached?: BreachedPasswordList } = {}) {
  const clock = new ManualClock(NOW);
  const profiles = new InMemoryAuthProfiles();
  const trustedDevices = new InMemoryTrustedDevices();
  const mfaFactors = new InMemoryMfaFactors();
  const stepUps = new InMemoryStepUps();
  const decisions: AuthDecisionRecord[] = [];
  const errors: [unknown, string][] = [];
  const engine = new RiskEngine({
    config: authConfig(config),
    profiles,
    trustedDevices,
    mfaFactors,
    stepUps,
    deviceId: deviceIdOf,
    clock,
    onDecision: (r) => decisions.push(r),
    onError: (e, during) => errors.push([e, during]),
    ...(extra.breached ? { breachedPasswords: extra.breached } : {}),
  });
  return { engine, clock, profiles, trustedDevices, mfaFactors, stepUps, decisions, errors };
}

/** Alice's usual: laptop, home IP, Berlin, a day ago. */
async function withAlice(env: ReturnType<typeof setup>) {
  const p = profileWith({
    devices: ['laptop'],
    ips: ['203.0.113.7'],
    networks: ['203.0.113.0/24'],
    countries: ['DE'],
    lastGeo: { ...berlin, at: NOW - 24 * HOUR },
    successes: 10,
  });
  await env.profiles.put('alice', serializeProfile(p), NOW - 24 * HOUR);
}

const usual: AssessBody = {
  userId: 'alice',
  ip: '203.0.113.7',
  deviceFingerprint: 'laptop',
  geo: berlin,
  outcome: 'success',
};

describe('RiskEngine', () => {
  it('allows the user’s usual login with nothing fired, and learns from it', async () => {
    const env = setup();
    await withAlice(env);
    const a = await env.engine.assess(usual);
    expect(a).toMatchObject({
      score: 0,
      decision: 'allow',
      reasons: [],
      learning: 'now',
      trustedDevice: false,
    });
    expect(a.user).toEqual({ known: true, keystrokeEnrolled: false, samples: 0 });
    expect(a.factor).toBeUndefined();
    expect(env.profiles.revisionOf('alice')).toBe(2);
  });

  it('challenges a new device on a new network with the user’s strongest factor', async () => {
    const env = setup();
    await withAlice(env);
    await env.mfaFactors.add({
      id: 'f1',
      userId: 'alice',
      kind: 'totp',
      data: '',
      confirmed: true,
      createdAt: 1,
    });
    await env.mfaFactors.add({
      id: 'f2',
      userId: 'alice',
      kind: 'webauthn',
      data: '',
      confirmed: true,
      createdAt: 2,
    });
    const a = await env.engine.assess({ ...usual, deviceFingerprint: 'phone', ip: '198.51.100.4' });
    // 1 - (1 - 0.3)(1 - 0.1)(1 - 0.2)
    expect(a.score).toBeCloseTo(0.496, 12);
    expect(a.decision).toBe('challenge');
    expect(a.factor).toBe('webauthn');
    expect(a.reasons.map((r) => r.signal)).toEqual(['newDevice', 'newNetwork', 'newIp']);
    expect(a.reasons[0]).toMatchObject({
      weight: 0.3,
      strength: 1,
      contribution: 0.3,
      detail: 'new device (1 known)',
    });
  });

  it('says "any" factor when the user has none confirmed', async () => {
    const env = setup();
    await withAlice(env);
    const a = await env.engine.assess({ ...usual, deviceFingerprint: 'phone', ip: '198.51.100.4' });
    expect(a.factor).toBe('any');
  });

  it('lets a trusted device silence novelty, not travel', async () => {
    const env = setup();
    await withAlice(env);
    await env.trustedDevices.trust({
      userId: 'alice',
      deviceId: deviceIdOf('phone'),
      trustedAt: NOW,
      expiresAt: NOW + HOUR,
    });
    const roaming = await env.engine.assess({ ...usual, deviceFingerprint: 'phone', ip: '198.51.100.4' });
    expect(roaming).toMatchObject({ decision: 'allow', score: 0, trustedDevice: true, reasons: [] });
    env.clock.advance(60_000);
    const flown = await env.engine.assess({
      ...usual,
      deviceFingerprint: 'phone',
      ip: '198.51.100.4',
      geo: sydney,
    });
    expect(flown.reasons.map((r) => r.signal)).toEqual(['impossibleTravel', 'newCountry']);
    expect(flown.decision).toBe('challenge');
  });

  it('assesses an unknown user without biometrics, then knows them after a success', async () => {
    const env = setup();
    const body = {
      ...usual,
      userId: 'newbie',
      keystrokes: typed([95, 81, 110, 78, 102], [160, 240, 130, 310]),
    };
    const first = await env.engine.assess(body);
    expect(first).toMatchObject({
      decision: 'allow',
      score: 0,
      user: { known: false, keystrokeEnrolled: false, samples: 0 },
    });
    env.clock.advance(60_000);
    const second = await env.engine.assess({ ...body, at: NOW + 60_000 });
    expect(second.user).toEqual({ known: true, keystrokeEnrolled: false, samples: 1 });
  });

  it('enrols keystrokes from the first enrolSamples successful logins, then compares', async () => {
    const env = setup({ keystroke: { enrolSamples: 3 } });
    const mine = (j: number) =>
      typed([95 + j, 81 - j, 110 + j, 78, 102 - j], [160 + 2 * j, 240 - j, 130 + j, 310 - 2 * j]);
    for (let i = 0; i < 3; i++) {
      const a = await env.engine.assess({
        ...usual,
        userId: 'bob',
        keystrokes: mine(i * 3 - 3),
        at: NOW + i,
      });
      expect(a.decision).toBe('allow');
    }
    const genuine = await env.engine.assess({ ...usual, userId: 'bob', keystrokes: mine(1), at: NOW + 10 });
    expect(genuine.user).toEqual({ known: true, keystrokeEnrolled: true, samples: 3 });
    expect(genuine.reasons.find((r) => r.signal === 'keystroke')).toBeUndefined();
    const impostor = await env.engine.assess({
      ...usual,
      userId: 'bob',
      keystrokes: typed([40, 160, 45, 150, 50], [420, 90, 500, 120]),
      at: NOW + 20,
    });
    const k = impostor.reasons.find((r) => r.signal === 'keystroke');
    expect(k?.strength).toBe(1);
    expect(k?.contribution).toBe(0.5);
    expect(impostor.decision).toBe('challenge');
  });

  it('never learns from failures, denials or unconfirmed challenges', async () => {
    const env = setup();
    await withAlice(env);
    const failed = await env.engine.assess({ ...usual, deviceFingerprint: 'phone', outcome: 'failure' });
    expect(failed.learning).toBe('none');
    expect(env.profiles.puts).toBe(1);
    const unknown = await env.engine.assess({ ...usual, outcome: 'unknown' });
    expect(unknown.learning).toBe('none');
    expect(env.profiles.puts).toBe(1);

    const challenged = await env.engine.assess({ ...usual, deviceFingerprint: 'phone', ip: '198.51.100.4' });
    expect(challenged).toMatchObject({ decision: 'challenge', learning: 'after-challenge' });
    expect(env.profiles.puts).toBe(1);
    const again = await env.engine.assess({ ...usual, deviceFingerprint: 'phone', ip: '198.51.100.4' });
    expect(again.reasons.map((r) => r.signal)).toContain('newDevice');
    // The challenge was passed: now the phone is known, once.
    expect(await env.engine.learnAfterChallenge('someone-else', challenged.id)).toBe(false);
    expect(await env.engine.learnAfterChallenge(challenged.userId, challenged.id)).toBe(true);
    expect(await env.engine.learnAfterChallenge(challenged.userId, challenged.id)).toBe(false);
    expect(await env.engine.learnAfterChallenge(challenged.userId, 'authd_nonsense')).toBe(false);
    const known = await env.engine.assess({ ...usual, deviceFingerprint: 'phone', ip: '198.51.100.4' });
    expect(known.decision).toBe('allow');

    const denied = setup({ denyAt: 0.4 });
    await withAlice(denied);
    const d = await denied.engine.assess({ ...usual, deviceFingerprint: 'phone', ip: '198.51.100.4' });
    expect(d).toMatchObject({ decision: 'deny', learning: 'none' });
    expect(denied.profiles.puts).toBe(1);
  });

  it('forgets a challenged login’s lessons when the challenge comes too late', async () => {
    const env = setup();
    await withAlice(env);
    const c = await env.engine.assess({ ...usual, deviceFingerprint: 'phone', ip: '198.51.100.4' });
    expect(await env.engine.learnAfterChallenge(c.userId, c.id, NOW + 16 * 60_000)).toBe(false);
  });

  it('forces a challenge for a pending step-up with its factor, even at score 0', async () => {
    const env = setup();
    await withAlice(env);
    await env.mfaFactors.add({
      id: 'f1',
      userId: 'alice',
      kind: 'webauthn',
      data: '',
      confirmed: true,
      createdAt: 1,
    });
    await env.stepUps.require({
      id: 's1',
      userId: 'alice',
      factor: 'totp',
      reason: 'large withdrawal',
      createdAt: NOW,
    });
    const a = await env.engine.assess(usual);
    expect(a).toMatchObject({ score: 0, decision: 'challenge', factor: 'totp' });
    expect(a.reasons[0]?.detail).toBe('step-up required: large withdrawal (forces a challenge)');
  });

  it('denies a credential-stuffing burst from one IP with bot-like typing', async () => {
    const env = setup();
    let last: Awaited<ReturnType<RiskEngine['assess']>> | undefined;
    for (let i = 0; i < 10; i++) {
      last = await env.engine.assess({
        userId: `victim${i}`,
        ip: '192.0.2.66',
        outcome: 'failure',
        keystrokes: typed([20, 20, 20, 20, 20], [50, 50, 50, 50]),
        at: NOW + i * 1000,
      });
    }
    expect(last?.decision).toBe('deny');
    expect(last?.reasons.map((r) => r.signal)).toEqual([
      'credentialStuffing',
      'bot',
      'ipFailureVelocity',
      'userFailureVelocity',
    ]);
    // 1 - (1 - 0.85)(1 - 0.7)(1 - 0.5 * 10/20)(1 - 0.5 * 1/5)
    expect(last?.score).toBeCloseTo(1 - 0.15 * 0.3 * 0.75 * 0.9, 12);
  });

  it('checks the breached-password list and lets weight 0 turn a signal off', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'argus-pwned-'));
    const sha1 = createHash('sha1').update('password').digest('hex');
    writeFileSync(join(dir, `${sha1.slice(0, 5).toUpperCase()}.txt`), `${sha1.slice(5).toUpperCase()}:100\n`);
    const env = setup({}, { breached: BreachedPasswordList.open(dir) });
    await withAlice(env);
    const a = await env.engine.assess({ ...usual, passwordSha1: sha1 });
    expect(a.reasons).toEqual([
      {
        signal: 'breachedPassword',
        weight: 0.6,
        strength: expect.closeTo(0.8, 12),
        contribution: expect.closeTo(0.48, 12),
        detail: 'password seen 100 times in breaches',
        evidence: { timesSeen: 100 },
      },
    ]);
    expect(a.decision).toBe('challenge');
    const off = setup({ weights: { breachedPassword: 0 } }, { breached: BreachedPasswordList.open(dir) });
    await withAlice(off);
    expect((await off.engine.assess({ ...usual, passwordSha1: sha1 })).decision).toBe('allow');
  });

  it('records every decision without the fingerprint or the password hash', async () => {
    const env = setup();
    await withAlice(env);
    const sha1 = 'a'.repeat(40);
    const a = await env.engine.assess({ ...usual, deviceFingerprint: 'secret-fp', passwordSha1: sha1 });
    expect(env.decisions).toHaveLength(1);
    const r = env.decisions[0] as AuthDecisionRecord;
    expect(r).toMatchObject({ id: a.id, userId: 'alice', ip: '203.0.113.7', decision: a.decision, at: NOW });
    expect(JSON.parse(r.reasons)).toEqual(a.reasons);
    expect(JSON.stringify(r)).not.toMatch(/secret-fp|aaaaaaaa/i);
  });

  it('rejects bad input with a ValidationError and records nothing', async () => {
    const env = setup();
    await expect(
      env.engine.assess({
        ...usual,
        keystrokes: [
          { key: 'a', down: 10, up: 5 },
          { key: 'b', down: 20, up: 30 },
        ],
      }),
    ).rejects.toThrow(/keystrokes\[0\]\.up: key 0: released at 5 ms, before it was pressed at 10 ms/);
    await expect(
      env.engine.assess({ userId: 'alice', ip: 'nope', outcome: 'success' }),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(env.decisions).toHaveLength(0);
    expect(env.engine.stats().windows.ipUsernames?.keys).toBe(0);
  });

  it('assesses a user whose stored profile is unreadable as unknown, and says so', async () => {
    const env = setup();
    await env.profiles.put('alice', '{broken', NOW);
    const a = await env.engine.assess(usual);
    expect(a.user.known).toBe(false);
    expect(a.decision).toBe('allow');
    expect(env.errors.map(([, during]) => during)).toEqual(['profile']);
    // The allowed success replaced it with a readable profile.
    expect((await env.engine.assess(usual)).user.known).toBe(true);
  });

  it('resets a keystroke template', async () => {
    const env = setup({ keystroke: { enrolSamples: 2 } });
    const k = typed([95, 81, 110, 78, 102], [160, 240, 130, 310]);
    await env.engine.assess({ ...usual, userId: 'carol', keystrokes: k, at: NOW });
    await env.engine.assess({ ...usual, userId: 'carol', keystrokes: k, at: NOW + 1 });
    expect((await env.engine.assess({ ...usual, userId: 'carol', at: NOW + 2 })).user.keystrokeEnrolled).toBe(
      true,
    );
    await env.engine.resetKeystrokes('carol');
    expect((await env.engine.assess({ ...usual, userId: 'carol', at: NOW + 3 })).user.keystrokeEnrolled).toBe(
      false,
    );
  });
});
