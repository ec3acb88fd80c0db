import { randomBytes } from 'node:crypto';
import { generate } from 'otplib';
import { beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../core/clock.js';
import { createSecretBox } from './secretBox.js';
import { StepUpError } from './stepUpError.js';
import { MemoryMfaFactors } from './stepUpStores.fixture.js';
import { TotpFactors } from './totpFactor.js';

const T0 = 1_750_000_005_000; // 5 s into a 30 s period

function codeAt(secret: string, ms: number): Promise<string> {
  return generate({ secret, epoch: Math.floor(ms / 1000) });
}

async function reason(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof StepUpError) return error.reason;
    throw error;
  }
  return 'passed';
}

describe('TotpFactors', () => {
  let clock: ManualClock;
  let factors: MemoryMfaFactors;
  let totp: TotpFactors;

  beforeEach(() => {
    clock = new ManualClock(T0);
    factors = new MemoryMfaFactors();
    totp = new TotpFactors({ factors, box: createSecretBox(randomBytes(32)), issuer: 'Argus Test', clock });
  });

  async function enrolled(userId = 'u1') {
    const enrolment = await totp.enrol(userId, 'phone', 'alice@example.com');
    await totp.confirm(userId, enrolment.factorId, await codeAt(enrolment.secret, clock.now()));
    clock.advance(30_000);
    return enrolment;
  }

  it('enrols an unconfirmed factor whose secret is stored sealed, with an otpauth URI', async () => {
    const { factorId, secret, otpauthUri } = await totp.enrol('u1', 'phone', 'alice@example.com');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/Argus%20Test:alice%40example\.com\?/);
    expect(otpauthUri).toContain(`secret=${secret}`);
    const row = factors.rows.get(factorId);
    expect(row).toMatchObject({ userId: 'u1', kind: 'totp', label: 'phone', confirmed: false });
    expect(row?.data).not.toContain(secret);
  });

  it('confirms with a valid first code, not with a wrong one', async () => {
    const { factorId, secret } = await totp.enrol('u1');
    expect(await reason(totp.confirm('u1', factorId, '000000'))).toBe('invalid_code');
    expect(factors.rows.get(factorId)?.confirmed).toBe(false);
    const match = await totp.confirm('u1', factorId, await codeAt(secret, clock.now()));
    expect(match).toMatchObject({ factorId, delta: 0 });
    expect(factors.rows.get(factorId)).toMatchObject({ confirmed: true, lastUsedAt: T0 });
    expect(await reason(totp.confirm('u1', factorId, await codeAt(secret, clock.now())))).toBe(
      'factor_already_confirmed',
    );
  });

  it("refuses to confirm another user's factor", async () => {
    const { factorId, secret } = await totp.enrol('u1');
    expect(await reason(totp.confirm('u2', factorId, await codeAt(secret, clock.now())))).toBe(
      'factor_not_found',
    );
  });

  it('a new enrolment drops the earlier unconfirmed one', async () => {
    const first = await totp.enrol('u1');
    const second = await totp.enrol('u1');
    expect(factors.rows.has(first.factorId)).toBe(false);
    expect(factors.rows.has(second.factorId)).toBe(true);
  });

  it('verifies codes of confirmed factors only', async () => {
    const pending = await totp.enrol('u1');
    expect(await reason(totp.verify('u1', await codeAt(pending.secret, clock.now())))).toBe('no_factor');
  });

  it('accepts the current code and the codes one step before and after, not two steps away', async () => {
    const { factorId, secret } = await enrolled();
    clock.advance(60_000); // well past the confirming code's step, so only the window decides
    const now = clock.now();
    expect(await reason(totp.verify('u1', await codeAt(secret, now - 60_000)))).toBe('invalid_code');
    expect(await totp.verify('u1', await codeAt(secret, now - 30_000))).toMatchObject({
      factorId,
      delta: -1,
    });
    clock.advance(30_000);
    expect(await totp.verify('u1', await codeAt(secret, clock.now() + 30_000))).toMatchObject({ delta: 1 });
    clock.advance(90_000);
    expect(await reason(totp.verify('u1', await codeAt(secret, clock.now() + 60_000)))).toBe('invalid_code');
    expect(await totp.verify('u1', await codeAt(secret, clock.now()))).toMatchObject({ delta: 0 });
  });

  it('refuses a code whose step was already accepted, and older steps, as replays', async () => {
    const { factorId, secret } = await enrolled();
    const code = await codeAt(secret, clock.now());
    const match = await totp.verify('u1', code);
    expect(JSON.parse(factors.rows.get(factorId)?.data ?? '{}').lastStep).toBe(match.timeStep);
    expect(factors.rows.get(factorId)?.lastUsedAt).toBe(clock.now());
    expect(await reason(totp.verify('u1', code))).toBe('replayed_code');
    expect(await reason(totp.verify('u1', await codeAt(secret, clock.now() - 30_000)))).toBe('replayed_code');
    clock.advance(30_000);
    expect(await totp.verify('u1', await codeAt(secret, clock.now()))).toMatchObject({ factorId });
  });

  it('the confirming code cannot be replayed for a step-up', async () => {
    const { factorId, secret } = await totp.enrol('u1');
    const code = await codeAt(secret, clock.now());
    await totp.confirm('u1', factorId, code);
    expect(await reason(totp.verify('u1', code))).toBe('replayed_code');
  });

  it('accepts one code once when two verifications race', async () => {
    const { secret } = await enrolled();
    const code = await codeAt(secret, clock.now());
    const outcomes = await Promise.all([reason(totp.verify('u1', code)), reason(totp.verify('u1', code))]);
    expect(outcomes.sort()).toEqual(['passed', 'replayed_code']);
  });

  it('tells which of several factors matched', async () => {
    const phone = await enrolled();
    const tablet = await enrolled();
    expect((await totp.verify('u1', await codeAt(tablet.secret, clock.now()))).factorId).toBe(
      tablet.factorId,
    );
    expect((await totp.verify('u1', await codeAt(phone.secret, clock.now()))).factorId).toBe(phone.factorId);
  });

  it('rejects malformed codes without checking them', async () => {
    await enrolled();
    for (const bad of ['12345', '1234567', 'abcdef', '']) {
      expect(await reason(totp.verify('u1', bad))).toBe('invalid_code');
    }
  });

  it("does not accept one user's code for another user", async () => {
    const alice = await enrolled('alice');
    await enrolled('bob');
    expect(await reason(totp.verify('bob', await codeAt(alice.secret, clock.now())))).toBe('invalid_code');
  });
});
