import { resolve } from 'node:path';
import { type Clock, systemClock } from '../../core/clock.js';
import type { ArgusConfig } from '../../core/config/schema.js';
import { KeyedSerializer } from '../../core/keyedSerializer.js';
import type { Store } from '../../store/types.js';
import { deviceHasher } from './deviceId.js';
import { openSecretBox, type SecretBox } from './secretBox.js';
import { StepUpService } from './stepUpService.js';
import { TotpFactors } from './totpFactor.js';
import { WebAuthnFactors } from './webauthnFactor.js';

export interface StepUp {
  box: SecretBox;
  totp: TotpFactors;
  webauthn: WebAuthnFactors;
  service: StepUpService;
  /** The trusted-device hash, for the risk engine's lookups. */
  deviceId: (fingerprint: string) => string;
}

export interface BuildStepUpOptions {
  auth: ArgusConfig['auth'];
  store: Pick<Store, 'mfaFactors' | 'trustedDevices' | 'authChallenges' | 'stepUps'>;
  /** Folder of the config file: auth.secretKeyFile resolves against it. */
  baseDir: string;
  clock?: Clock;
}

/** Builds the step-up services from config and the store; creates the secret key file on first use. */
export async function buildStepUp(options: BuildStepUpOptions): Promise<StepUp> {
  const { auth, store, baseDir } = options;
  const clock = options.clock ?? systemClock;
  const box = await openSecretBox(resolve(baseDir, auth.secretKeyFile));
  // One queue: TOTP and WebAuthn checks of one user never interleave their read-check-write.
  const queue = new KeyedSerializer();
  const totp = new TotpFactors({ factors: store.mfaFactors, box, issuer: auth.issuer, clock, queue });
  const webauthn = new WebAuthnFactors({
    factors: store.mfaFactors,
    challenges: store.authChallenges,
    clock,
    rpId: auth.webauthn.rpId,
    rpName: auth.issuer,
    origins: auth.webauthn.origins,
    queue,
  });
  const deviceId = deviceHasher(box);
  const service = new StepUpService({
    totp,
    webauthn,
    factors: store.mfaFactors,
    challenges: store.authChallenges,
    stepUps: store.stepUps,
    trustedDevices: store.trustedDevices,
    deviceId,
    clock,
    trustedDeviceMs: auth.trustedDeviceMs,
  });
  return { box, totp, webauthn, service, deviceId };
}
