import { randomBytes } from 'node:crypto';
import { generate } from 'otplib';
import { beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../core/clock.js';
import { deviceHasher } from './deviceId.js';
import { createSecretBox } from './secretBox.js';
import { SoftAuthenticator } from './softAuthenticator.fixture.js';
import { StepUpError } from './stepUpError.js';
import { StepUpService } from './stepUpService.js';
import {
  MemoryAuthChallenges,
  MemoryMfaFactors,
  MemoryStepUps,
  MemoryTrustedDevices,
} from './stepUpStores.fixture.js';
import { TotpFactors } from './totpFactor.js';
import { WebAuthnFactors } from './webauthnFactor.js';

const ORIGIN = 'http://localhost:7070';
const DAY = 86_400_000;

async function failure(promise: Promise<unknown>): Promise<StepUpError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof StepUpError) return error;
    throw error;
  }
  throw new Error('expected a StepUpError, but the call passed');
}

describe('StepUpService', () => {
  let clock: ManualClock;
  let factors: MemoryMfaFactors;
  let challenges: MemoryAuthChallenges;
  let stepUps: MemoryStepUps;
  let trustedDevices: MemoryTrustedDevices;
  let totp: TotpFactors;
  let webauthn: WebAuthnFactors;
  let service: StepUpService;

  beforeEach(() => {
    clock = new ManualClock(1_750_000_005_000);
    factors = new MemoryMfaFactors();
    challenges = new MemoryAuthChallenges();
    stepUps = new MemoryStepUps();
    trustedDevices = new MemoryTrustedDevices();
    const box = createSecretBox(randomBytes(32));
    totp = new TotpFactors({ factors, box, issuer: 'Argus', clock });
    webauthn = new WebAuthnFactors({
      factors,
      challenges,
      clock,
      rpId: 'localhost',
      rpName: 'Argus',
      origins: [ORIGIN],
    });
    service = new StepUpService({
      totp,
      webauthn,
      factors,
      challenges,
      stepUps,
      trustedDevices,
      deviceId: deviceHasher(box),
      clock,
      trustedDeviceMs: 30 * DAY,
    });
  });

  async function withTotp(userId = 'u1'): Promise<string> {
    const { factorId, secret } = await totp.enrol(userId);
    await totp.confirm(userId, factorId, await generate({ secret, epoch: Math.floor(clock.now() / 1000) }));
    clock.advance(30_000);
    return secret;
  }

  async function withKey(userId = 'u1'): Promise<SoftAuthenticator> {
    const key = new SoftAuthenticator();
    const start = await webauthn.registrationOptions(userId, userId);
    await webauthn.verifyRegistration(userId, start.challengeId, key.register(start.options, ORIGIN));
    return key;
  }

  async function code(secret: string): Promise<string> {
    return generate({ secret, epoch: Math.floor(clock.now() / 1000) });
  }

  async function requireStepUp(
    factor: 'any' | 'totp' | 'webauthn',
    userId = 'u1',
    id = `stp_${stepUps.rows.length}`,
  ) {
    await stepUps.require({
      id,
      userId,
      factor,
      reason: 'withdrawal to a new address',
      createdAt: clock.now(),
    });
  }

  describe('challenge', () => {
    it('says the user has nothing enrolled', async () => {
      const error = await failure(service.challenge('u1', 'any'));
      expect(error.reason).toBe('no_factor');
      expect(error.message).toBe('this user has no second factor enrolled');
      expect(error.code).toBe('NOT_FOUND');
    });

    it("'any' picks the strongest confirmed factor", async () => {
      await withTotp();
      expect((await service.challenge('u1', 'any')).factor).toBe('totp');
      await withKey();
      const challenge = await service.challenge('u1', 'any');
      expect(challenge.factor).toBe('webauthn');
      if (challenge.factor === 'webauthn') expect(challenge.options.allowCredentials).toHaveLength(1);
    });

    it('a TOTP challenge asks for a code and is stored for the user', async () => {
      await withTotp();
      const challenge = await service.challenge('u1', 'totp');
      expect(challenge).toMatchObject({ factor: 'totp', prompt: expect.stringMatching(/6-digit code/) });
      expect(challenges.rows.get(challenge.challengeId)).toMatchObject({
        userId: 'u1',
        purpose: 'step-up.totp',
      });
    });

    it("'totp' falls back to WebAuthn when only a key is enrolled; 'webauthn' never falls back to TOTP", async () => {
      await withKey('keyOnly');
      expect((await service.challenge('keyOnly', 'totp')).factor).toBe('webauthn');
      await withTotp('appOnly');
      const error = await failure(service.challenge('appOnly', 'webauthn'));
      expect(error.reason).toBe('no_factor');
      expect(error.message).toMatch(/requires a security key or passkey/);
    });

    it('raises the factor to what a pending requirement demands', async () => {
      await withTotp();
      await withKey();
      await requireStepUp('webauthn');
      expect((await service.challenge('u1', 'totp')).factor).toBe('webauthn');
    });

    it('unconfirmed factors do not count', async () => {
      await totp.enrol('u1');
      expect((await failure(service.challenge('u1'))).reason).toBe('no_factor');
    });
  });

  describe('complete', () => {
    it('with a TOTP code: satisfies pending step-ups, trusts the device, marks the factor used', async () => {
      const secret = await withTotp();
      await requireStepUp('any');
      await requireStepUp('totp');
      await requireStepUp('any', 'someone-else');
      const challenge = await service.challenge('u1');
      const result = await service.complete(
        'u1',
        { challengeId: challenge.challengeId, code: await code(secret) },
        'device-fp-1',
      );
      const deviceId = service.deviceId('device-fp-1');
      expect(result).toEqual({
        factor: 'totp',
        factorId: expect.any(String),
        satisfied: 2,
        trustedDevice: { deviceId, expiresAt: clock.now() + 30 * DAY },
      });
      expect(await stepUps.pending('u1')).toEqual([]);
      expect(await stepUps.pending('someone-else')).toHaveLength(1);
      expect(trustedDevices.rows).toEqual([
        { userId: 'u1', deviceId, trustedAt: clock.now(), expiresAt: clock.now() + 30 * DAY },
      ]);
      expect(JSON.stringify(trustedDevices.rows)).not.toContain('device-fp-1');
      expect(factors.rows.get(result.factorId)?.lastUsedAt).toBe(clock.now());
      expect(await service.isTrustedDevice('u1', 'device-fp-1')).toBe(true);
      expect(await service.isTrustedDevice('u2', 'device-fp-1')).toBe(false);
      clock.advance(30 * DAY);
      expect(await service.isTrustedDevice('u1', 'device-fp-1')).toBe(false);
    });

    it('with a WebAuthn assertion: the same, and without a fingerprint no device is trusted', async () => {
      const key = await withKey();
      await requireStepUp('webauthn');
      const challenge = await service.challenge('u1');
      if (challenge.factor !== 'webauthn') throw new Error('expected a WebAuthn challenge');
      const result = await service.complete('u1', {
        challengeId: challenge.challengeId,
        response: key.authenticate(challenge.options, ORIGIN),
      });
      expect(result).toMatchObject({ factor: 'webauthn', satisfied: 1 });
      expect(result.trustedDevice).toBeUndefined();
      expect(trustedDevices.rows).toEqual([]);
      expect((await service.pending('u1')).required).toBe(false);
    });

    it('a wrong code changes nothing, and the same challenge can be answered again', async () => {
      const secret = await withTotp();
      await requireStepUp('any');
      const challenge = await service.challenge('u1');
      const error = await failure(
        service.complete('u1', { challengeId: challenge.challengeId, code: '000000' }, 'fp-device'),
      );
      expect(error.reason).toBe('invalid_code');
      expect(error.code).toBe('UNAUTHORIZED');
      expect(await stepUps.pending('u1')).toHaveLength(1);
      expect(trustedDevices.rows).toEqual([]);
      const result = await service.complete(
        'u1',
        { challengeId: challenge.challengeId, code: await code(secret) },
        'fp-device',
      );
      expect(result.satisfied).toBe(1);
    });

    it('closes a TOTP challenge after 5 wrong codes', async () => {
      const secret = await withTotp();
      const challenge = await service.challenge('u1');
      const reasons: string[] = [];
      for (let i = 0; i < 5; i++) {
        reasons.push(
          (await failure(service.complete('u1', { challengeId: challenge.challengeId, code: '000000' })))
            .reason,
        );
      }
      expect(reasons).toEqual([
        'invalid_code',
        'invalid_code',
        'invalid_code',
        'invalid_code',
        'too_many_attempts',
      ]);
      const after = await failure(
        service.complete('u1', { challengeId: challenge.challengeId, code: await code(secret) }),
      );
      expect(after.reason).toBe('challenge_not_found');
    });

    it('refuses a TOTP challenge of another user and an expired one', async () => {
      const secret = await withTotp();
      await withTotp('u2');
      const challenge = await service.challenge('u2');
      expect(
        (
          await failure(
            service.complete('u1', { challengeId: challenge.challengeId, code: await code(secret) }),
          )
        ).reason,
      ).toBe('challenge_not_found');
      const late = await service.challenge('u1');
      clock.advance(5 * 60_000);
      expect(
        (await failure(service.complete('u1', { challengeId: late.challengeId, code: await code(secret) })))
          .reason,
      ).toBe('challenge_not_found');
    });

    it('refuses a TOTP answer while a pending step-up demands WebAuthn, before using the code', async () => {
      const secret = await withTotp();
      await withKey();
      const challenge = await service.challenge('u1', 'totp');
      await requireStepUp('webauthn'); // arrives between the challenge and the answer
      const answer = { challengeId: challenge.challengeId, code: await code(secret) };
      const error = await failure(service.complete('u1', answer));
      expect(error.reason).toBe('factor_too_weak');
      expect(error.message).toMatch(
        /requires a security key or passkey \(WebAuthn\), not an authenticator app code/,
      );
      expect(await stepUps.pending('u1')).toHaveLength(1);
      expect(challenges.rows.has(challenge.challengeId)).toBe(true);
    });

    it('a failed WebAuthn assertion changes nothing', async () => {
      const key = await withKey();
      await requireStepUp('any');
      const challenge = await service.challenge('u1');
      if (challenge.factor !== 'webauthn') throw new Error('expected a WebAuthn challenge');
      const response = key.authenticate(challenge.options, 'https://phish.example');
      expect(
        (await failure(service.complete('u1', { challengeId: challenge.challengeId, response }, 'fp-device')))
          .reason,
      ).toBe('webauthn_rejected');
      expect(await stepUps.pending('u1')).toHaveLength(1);
      expect(trustedDevices.rows).toEqual([]);
    });

    it('refuses an empty fingerprint before using up the code', async () => {
      const secret = await withTotp();
      const challenge = await service.challenge('u1');
      const answer = { challengeId: challenge.challengeId, code: await code(secret) };
      await expect(service.complete('u1', answer, '')).rejects.toThrow(/fingerprint must not be empty/);
      expect((await service.complete('u1', answer, 'fp-device')).factor).toBe('totp');
    });
  });

  it('pending() reports the strongest factor demanded', async () => {
    expect(await service.pending('u1')).toEqual({ required: false, factor: 'any', requirements: [] });
    await requireStepUp('totp');
    await requireStepUp('any');
    const pending = await service.pending('u1');
    expect(pending).toMatchObject({ required: true, factor: 'totp' });
    expect(pending.requirements).toHaveLength(2);
  });
});
