import { beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../core/clock.js';
import { SoftAuthenticator } from './softAuthenticator.fixture.js';
import { StepUpError } from './stepUpError.js';
import { MemoryAuthChallenges, MemoryMfaFactors } from './stepUpStores.fixture.js';
import { WebAuthnFactors } from './webauthnFactor.js';

const ORIGIN = 'https://login.example.com';
const RP_ID = 'example.com';

async function failure(promise: Promise<unknown>): Promise<StepUpError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof StepUpError) return error;
    throw error;
  }
  throw new Error('expected a StepUpError, but the call passed');
}

describe('WebAuthnFactors', () => {
  let clock: ManualClock;
  let factors: MemoryMfaFactors;
  let challenges: MemoryAuthChallenges;
  let webauthn: WebAuthnFactors;

  beforeEach(() => {
    clock = new ManualClock(1_750_000_000_000);
    factors = new MemoryMfaFactors();
    challenges = new MemoryAuthChallenges();
    webauthn = new WebAuthnFactors({
      factors,
      challenges,
      clock,
      rpId: RP_ID,
      rpName: 'Argus Test',
      origins: ['https://other.example.com', ORIGIN],
    });
  });

  async function registered(key = new SoftAuthenticator(), userId = 'u1') {
    const start = await webauthn.registrationOptions(userId, 'alice@example.com');
    const done = await webauthn.verifyRegistration(
      userId,
      start.challengeId,
      key.register(start.options, ORIGIN),
      'yubikey',
    );
    return { key, ...done };
  }

  describe('registration', () => {
    it('offers options for the configured relying party and stores the challenge for 5 minutes', async () => {
      const start = await webauthn.registrationOptions('u1', 'alice@example.com');
      expect(start.options.rp).toEqual({ name: 'Argus Test', id: RP_ID });
      expect(start.options.user.name).toBe('alice@example.com');
      expect(start.options.user.id).not.toContain('u1');
      expect(start.options.attestation).toBe('none');
      expect(start.expiresAt).toBe(clock.now() + 5 * 60_000);
      const stored = challenges.rows.get(start.challengeId);
      expect(stored).toMatchObject({
        userId: 'u1',
        purpose: 'webauthn.register',
        expiresAt: start.expiresAt,
      });
      expect(JSON.parse(stored?.data ?? '{}').challenge).toBe(start.options.challenge);
    });

    it('verifies a real attestation and stores a confirmed factor with the credential', async () => {
      const key = new SoftAuthenticator();
      const { factorId, credentialId } = await registered(key);
      expect(credentialId).toBe(key.id);
      const row = factors.rows.get(factorId);
      expect(row).toMatchObject({ userId: 'u1', kind: 'webauthn', label: 'yubikey', confirmed: true });
      const data = JSON.parse(row?.data ?? '{}');
      expect(data).toMatchObject({ v: 1, credentialId: key.id, counter: 0, transports: ['usb'] });
      expect(data.publicKey).toMatch(/^[\w-]{40,}$/);
    });

    it('excludes credentials the user already registered, and refuses to register one twice', async () => {
      const { key } = await registered();
      const start = await webauthn.registrationOptions('u1', 'alice@example.com');
      expect(start.options.excludeCredentials).toEqual([
        { id: key.id, type: 'public-key', transports: ['usb'] },
      ]);
      const error = await failure(
        webauthn.verifyRegistration('u1', start.challengeId, key.register(start.options, ORIGIN)),
      );
      expect(error.reason).toBe('credential_exists');
      expect(factors.rows.size).toBe(1);
    });

    it('rejects a response from an origin that is not configured', async () => {
      const start = await webauthn.registrationOptions('u1', 'alice@example.com');
      const response = new SoftAuthenticator().register(start.options, 'https://evil.example.net');
      const error = await failure(webauthn.verifyRegistration('u1', start.challengeId, response));
      expect(error.reason).toBe('webauthn_rejected');
      expect(error.message).toMatch(/origin "https:\/\/evil\.example\.net"/);
      expect(factors.rows.size).toBe(0);
    });

    it('rejects a response signed for another relying party', async () => {
      const start = await webauthn.registrationOptions('u1', 'alice@example.com');
      const response = new SoftAuthenticator().register(start.options, ORIGIN, 'evil.example.net');
      expect((await failure(webauthn.verifyRegistration('u1', start.challengeId, response))).reason).toBe(
        'webauthn_rejected',
      );
    });

    it("does not accept one user's challenge for another user, nor an expired one", async () => {
      const start = await webauthn.registrationOptions('u1', 'alice@example.com');
      const response = new SoftAuthenticator().register(start.options, ORIGIN);
      expect((await failure(webauthn.verifyRegistration('u2', start.challengeId, response))).reason).toBe(
        'challenge_not_found',
      );
      const late = await webauthn.registrationOptions('u1', 'alice@example.com');
      clock.advance(5 * 60_000 + 1);
      const lateResponse = new SoftAuthenticator().register(late.options, ORIGIN);
      expect((await failure(webauthn.verifyRegistration('u1', late.challengeId, lateResponse))).reason).toBe(
        'challenge_not_found',
      );
    });
  });

  describe('authentication', () => {
    it('refuses to offer options to a user without credentials', async () => {
      expect((await failure(webauthn.authenticationOptions('u1'))).reason).toBe('no_factor');
    });

    it("allows only the user's credentials and stores the challenge", async () => {
      const { key } = await registered();
      await registered(new SoftAuthenticator(), 'u2');
      const start = await webauthn.authenticationOptions('u1');
      expect(start.options.rpId).toBe(RP_ID);
      expect(start.options.allowCredentials).toEqual([
        { id: key.id, type: 'public-key', transports: ['usb'] },
      ]);
      expect(challenges.rows.get(start.challengeId)).toMatchObject({
        userId: 'u1',
        purpose: 'webauthn.authenticate',
      });
    });

    it('verifies a real assertion, moves the counter and marks the factor used', async () => {
      const { key, factorId } = await registered();
      clock.advance(1_000);
      const start = await webauthn.authenticationOptions('u1');
      const match = await webauthn.verifyAuthentication(
        'u1',
        start.challengeId,
        key.authenticate(start.options, ORIGIN),
      );
      expect(match).toEqual({ factorId, counter: 1 });
      expect(JSON.parse(factors.rows.get(factorId)?.data ?? '{}').counter).toBe(1);
      expect(factors.rows.get(factorId)?.lastUsedAt).toBe(clock.now());
      const again = await webauthn.authenticationOptions('u1');
      expect(
        (
          await webauthn.verifyAuthentication(
            'u1',
            again.challengeId,
            key.authenticate(again.options, ORIGIN),
          )
        ).counter,
      ).toBe(2);
    });

    it('rejects an assertion from an origin that is not configured', async () => {
      const { key, factorId } = await registered();
      const start = await webauthn.authenticationOptions('u1');
      const error = await failure(
        webauthn.verifyAuthentication(
          'u1',
          start.challengeId,
          key.authenticate(start.options, 'https://evil.example.net'),
        ),
      );
      expect(error.reason).toBe('webauthn_rejected');
      expect(error.message).toMatch(/origin/);
      expect(JSON.parse(factors.rows.get(factorId)?.data ?? '{}').counter).toBe(0);
    });

    it('answers a challenge once: the same response replayed fails', async () => {
      const { key } = await registered();
      const start = await webauthn.authenticationOptions('u1');
      const response = key.authenticate(start.options, ORIGIN);
      await webauthn.verifyAuthentication('u1', start.challengeId, response);
      expect((await failure(webauthn.verifyAuthentication('u1', start.challengeId, response))).reason).toBe(
        'challenge_not_found',
      );
    });

    it('rejects an assertion signed over another challenge', async () => {
      const { key } = await registered();
      const first = await webauthn.authenticationOptions('u1');
      const second = await webauthn.authenticationOptions('u1');
      const error = await failure(
        webauthn.verifyAuthentication('u1', second.challengeId, key.authenticate(first.options, ORIGIN)),
      );
      expect(error.reason).toBe('webauthn_rejected');
      expect(error.message).toMatch(/challenge/);
    });

    it('refuses a counter that went backwards (a cloned authenticator)', async () => {
      const { key, factorId } = await registered();
      key.counter = 10;
      const start = await webauthn.authenticationOptions('u1');
      await webauthn.verifyAuthentication('u1', start.challengeId, key.authenticate(start.options, ORIGIN));
      key.counter = 4; // the clone has been used less often than the original
      const next = await webauthn.authenticationOptions('u1');
      const error = await failure(
        webauthn.verifyAuthentication('u1', next.challengeId, key.authenticate(next.options, ORIGIN)),
      );
      expect(error.reason).toBe('counter_regressed');
      expect(error.message).toMatch(/from 11 to 5/);
      expect(JSON.parse(factors.rows.get(factorId)?.data ?? '{}').counter).toBe(11);
    });

    it('accepts authenticators that always report 0 (counter not supported)', async () => {
      const { key } = await registered();
      for (let i = 0; i < 2; i++) {
        key.counter = -1; // authenticate() adds one before signing
        const start = await webauthn.authenticationOptions('u1');
        expect(
          (
            await webauthn.verifyAuthentication(
              'u1',
              start.challengeId,
              key.authenticate(start.options, ORIGIN),
            )
          ).counter,
        ).toBe(0);
      }
    });

    it("rejects an unknown credential, including another user's", async () => {
      await registered();
      const bobs = await registered(new SoftAuthenticator(), 'bob');
      const start = await webauthn.authenticationOptions('u1');
      const stranger = new SoftAuthenticator();
      expect(
        (
          await failure(
            webauthn.verifyAuthentication(
              'u1',
              start.challengeId,
              stranger.authenticate(start.options, ORIGIN),
            ),
          )
        ).reason,
      ).toBe('unknown_credential');
      const again = await webauthn.authenticationOptions('u1');
      expect(
        (
          await failure(
            webauthn.verifyAuthentication(
              'u1',
              again.challengeId,
              bobs.key.authenticate(again.options, ORIGIN),
            ),
          )
        ).reason,
      ).toBe('unknown_credential');
    });

    it('rejects a forged signature', async () => {
      const { key } = await registered();
      const start = await webauthn.authenticationOptions('u1');
      const response = key.authenticate(start.options, ORIGIN);
      const forged = {
        ...response,
        response: {
          ...response.response,
          signature: new SoftAuthenticator().authenticate(start.options, ORIGIN).response.signature,
        },
      };
      const error = await failure(webauthn.verifyAuthentication('u1', start.challengeId, forged));
      expect(error.reason).toBe('webauthn_rejected');
      expect(error.message).toMatch(/signature did not verify/);
    });

    it('does not accept a registration challenge for authentication', async () => {
      const { key } = await registered();
      const reg = await webauthn.registrationOptions('u1', 'alice@example.com');
      const response = key.authenticate({ challenge: reg.options.challenge, rpId: RP_ID }, ORIGIN);
      expect((await failure(webauthn.verifyAuthentication('u1', reg.challengeId, response))).reason).toBe(
        'challenge_not_found',
      );
    });
  });
});
