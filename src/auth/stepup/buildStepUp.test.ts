import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../core/clock.js';
import { ConfigSchema } from '../../core/config/schema.js';
import { buildStepUp } from './buildStepUp.js';
import { SoftAuthenticator } from './softAuthenticator.fixture.js';
import {
  MemoryAuthChallenges,
  MemoryMfaFactors,
  MemoryStepUps,
  MemoryTrustedDevices,
} from './stepUpStores.fixture.js';

describe('buildStepUp', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'argus-stepup-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('wires config and store: key file beside the config, rp and origins from auth.webauthn', async () => {
    const config = ConfigSchema.parse({
      auth: {
        webauthn: { rpId: 'example.com', origins: ['https://login.example.com'] },
        trustedDeviceMs: 1_000,
      },
    });
    const store = {
      mfaFactors: new MemoryMfaFactors(),
      trustedDevices: new MemoryTrustedDevices(),
      authChallenges: new MemoryAuthChallenges(),
      stepUps: new MemoryStepUps(),
    };
    const clock = new ManualClock(1_750_000_000_000);
    const stepUp = await buildStepUp({ auth: config.auth, store, baseDir: dir, clock });
    expect((await stat(join(dir, '.argus', 'auth-secret.key'))).mode & 0o777).toBe(0o600);

    const key = new SoftAuthenticator();
    const reg = await stepUp.webauthn.registrationOptions('u1', 'alice');
    expect(reg.options.rp).toEqual({ name: 'Argus', id: 'example.com' });
    await stepUp.webauthn.verifyRegistration(
      'u1',
      reg.challengeId,
      key.register(reg.options, 'https://login.example.com'),
    );
    const challenge = await stepUp.service.challenge('u1');
    if (challenge.factor !== 'webauthn') throw new Error('expected a WebAuthn challenge');
    const result = await stepUp.service.complete(
      'u1',
      {
        challengeId: challenge.challengeId,
        response: key.authenticate(challenge.options, 'https://login.example.com'),
      },
      'fingerprint-1',
    );
    expect(result.trustedDevice).toEqual({
      deviceId: stepUp.deviceId('fingerprint-1'),
      expiresAt: clock.now() + 1_000,
    });

    // A second build over the same key file hashes devices the same way.
    const again = await buildStepUp({ auth: config.auth, store, baseDir: dir, clock });
    expect(again.deviceId('fingerprint-1')).toBe(stepUp.deviceId('fingerprint-1'));
  });
});
