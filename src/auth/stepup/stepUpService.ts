import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import type { Clock } from '../../core/clock.js';
import { newId } from '../../core/ids.js';
import type {
  AuthChallengeRepository,
  MfaFactorKind,
  MfaFactorRepository,
  StepUpRepository,
  StepUpRequirement,
  TrustedDeviceRepository,
} from '../../store/types.js';
import { StepUpError } from './stepUpError.js';
import type { TotpFactors } from './totpFactor.js';
import type { WebAuthnFactors } from './webauthnFactor.js';

export type StepUpFactorChoice = MfaFactorKind | 'any';

/** What the client must do to pass the step-up. */
export type StepUpChallenge =
  | { factor: 'totp'; challengeId: string; prompt: string; expiresAt: number }
  | {
      factor: 'webauthn';
      challengeId: string;
      options: PublicKeyCredentialRequestOptionsJSON;
      expiresAt: number;
    };

/** The client's answer: a TOTP code, or the WebAuthn assertion for the challenge it was given. */
export type StepUpAnswer =
  | { challengeId: string; code: string }
  | { challengeId: string; response: AuthenticationResponseJSON };

export interface StepUpResult {
  factor: MfaFactorKind;
  factorId: string;
  /** Pending step-up requirements (from the alert pipeline) that this proof satisfied. */
  satisfied: number;
  /** Present when a device fingerprint came with the answer. */
  trustedDevice?: { deviceId: string; expiresAt: number };
}

/** What the risk engine needs to know about pending step-ups for a user. */
export interface PendingStepUp {
  required: boolean;
  /** The strongest factor any pending requirement asks for ('any' when none names one). */
  factor: StepUpFactorChoice;
  requirements: StepUpRequirement[];
}

export interface StepUpServiceDeps {
  totp: TotpFactors;
  webauthn: WebAuthnFactors;
  factors: MfaFactorRepository;
  challenges: AuthChallengeRepository;
  stepUps: StepUpRepository;
  trustedDevices: TrustedDeviceRepository;
  /** The deployment's fingerprint hash (deviceHasher); the risk engine must use the same one. */
  deviceId: (fingerprint: string) => string;
  clock: Clock;
  /** config auth.trustedDeviceMs */
  trustedDeviceMs: number;
  /** How long a TOTP step-up challenge stays open (default 5 minutes, as WebAuthn's). */
  challengeTtlMs?: number;
  /** Wrong codes one TOTP challenge takes before it closes (default 5). */
  maxTotpAttempts?: number;
}

const PURPOSE_TOTP = 'step-up.totp';
const TOTP_PROMPT = 'Enter the 6-digit code from your authenticator app.';

/** WebAuthn resists phishing and TOTP does not: it is the stronger of the two. */
const STRENGTH: Record<StepUpFactorChoice, number> = { any: 0, totp: 1, webauthn: 2 };

interface TotpChallengeData {
  attempts: number;
}

/**
 * The step-up flow the API exposes: pick the factor and issue the challenge, check the answer,
 * then satisfy pending step-ups and remember the device.
 */
export class StepUpService {
  private readonly ttlMs: number;
  private readonly maxAttempts: number;

  constructor(private readonly deps: StepUpServiceDeps) {
    this.ttlMs = deps.challengeTtlMs ?? 5 * 60_000;
    this.maxAttempts = deps.maxTotpAttempts ?? 5;
  }

  /** The hash a device fingerprint is trusted under; the risk engine looks trust up with it. */
  deviceId(fingerprint: string): string {
    return this.deps.deviceId(fingerprint);
  }

  /** Whether the device passed a step-up for this user recently enough to be trusted now. */
  async isTrustedDevice(userId: string, fingerprint: string): Promise<boolean> {
    return this.deps.trustedDevices.isTrusted(userId, this.deviceId(fingerprint), this.deps.clock.now());
  }

  /** Step-ups the alert pipeline demanded and the user has not passed yet. */
  async pending(userId: string): Promise<PendingStepUp> {
    const requirements = await this.deps.stepUps.pending(userId);
    return { required: requirements.length > 0, factor: strongest('any', requirements), requirements };
  }

  /**
   * Issues a challenge for `factor`, raised to what pending requirements demand. 'any' picks the
   * user's strongest confirmed factor; 'totp' falls back to WebAuthn when only that is enrolled.
   */
  async challenge(userId: string, factor: StepUpFactorChoice = 'any'): Promise<StepUpChallenge> {
    const demanded = strongest(factor, await this.deps.stepUps.pending(userId));
    const kind = await this.pick(userId, demanded);
    if (kind === 'webauthn') {
      const start = await this.deps.webauthn.authenticationOptions(userId);
      return {
        factor: 'webauthn',
        challengeId: start.challengeId,
        options: start.options,
        expiresAt: start.expiresAt,
      };
    }
    const now = this.deps.clock.now();
    const data: TotpChallengeData = { attempts: 0 };
    const challenge = {
      id: newId('chl', now),
      userId,
      purpose: PURPOSE_TOTP,
      data: JSON.stringify(data),
      createdAt: now,
      expiresAt: now + this.ttlMs,
    };
    await this.deps.challenges.put(challenge);
    return { factor: 'totp', challengeId: challenge.id, prompt: TOTP_PROMPT, expiresAt: challenge.expiresAt };
  }

  /**
   * Checks the answer. On success the pending step-ups are satisfied, the device (when a
   * fingerprint is given) is trusted for trustedDeviceMs, and the factor is marked used. On failure
   * a StepUpError says why, and none of that happens.
   */
  async complete(userId: string, answer: StepUpAnswer, deviceFingerprint?: string): Promise<StepUpResult> {
    // Hashed first, so a bad fingerprint fails before a code or challenge is used up.
    const deviceId = deviceFingerprint === undefined ? undefined : this.deviceId(deviceFingerprint);
    const kind: MfaFactorKind = 'code' in answer ? 'totp' : 'webauthn';
    const demanded = strongest('any', await this.deps.stepUps.pending(userId));
    if (STRENGTH[kind] < STRENGTH[demanded]) {
      throw new StepUpError(
        'factor_too_weak',
        `a pending step-up requires ${describe(demanded)}, not ${describe(kind)}`,
        {
          hint: 'request a new challenge and answer it with the factor it names',
        },
      );
    }
    const factorId =
      'code' in answer
        ? await this.completeTotp(userId, answer.challengeId, answer.code)
        : (await this.deps.webauthn.verifyAuthentication(userId, answer.challengeId, answer.response))
            .factorId;

    const now = this.deps.clock.now();
    const satisfied = await this.deps.stepUps.satisfy(userId, now);
    const result: StepUpResult = { factor: kind, factorId, satisfied };
    if (deviceId !== undefined) {
      const expiresAt = now + this.deps.trustedDeviceMs;
      await this.deps.trustedDevices.trust({ userId, deviceId, trustedAt: now, expiresAt });
      result.trustedDevice = { deviceId, expiresAt };
    }
    return result;
  }

  private async completeTotp(userId: string, challengeId: string, code: string): Promise<string> {
    const now = this.deps.clock.now();
    const challenge = await this.deps.challenges.take(challengeId, now);
    if (challenge === undefined || challenge.userId !== userId || challenge.purpose !== PURPOSE_TOTP) {
      throw new StepUpError('challenge_not_found', 'the challenge is unknown, expired or already answered', {
        input: challengeId,
        hint: 'request a new step-up challenge and try again',
      });
    }
    try {
      return (await this.deps.totp.verify(userId, code)).factorId;
    } catch (error) {
      if (
        !(error instanceof StepUpError) ||
        (error.reason !== 'invalid_code' && error.reason !== 'replayed_code')
      ) {
        throw error;
      }
      // A typo should not cost the user a new challenge, but the guesses one challenge allows are few.
      const attempts = readAttempts(challenge.data) + 1;
      if (attempts >= this.maxAttempts) {
        throw new StepUpError('too_many_attempts', `${attempts} wrong codes: this challenge is closed`, {
          hint: 'request a new step-up challenge',
          cause: error,
        });
      }
      await this.deps.challenges.put({
        ...challenge,
        data: JSON.stringify({ attempts } satisfies TotpChallengeData),
      });
      throw error;
    }
  }

  private async pick(userId: string, demanded: StepUpFactorChoice): Promise<MfaFactorKind> {
    const kinds = new Set(
      (await this.deps.factors.list(userId)).filter((f) => f.confirmed).map((f) => f.kind as MfaFactorKind),
    );
    if (demanded === 'totp' && kinds.has('totp')) return 'totp';
    if (kinds.has('webauthn')) return 'webauthn';
    if (demanded !== 'webauthn' && kinds.has('totp')) return 'totp';
    throw new StepUpError(
      'no_factor',
      demanded === 'any' || kinds.size === 0
        ? 'this user has no second factor enrolled'
        : `a step-up here requires ${describe(demanded)}, and this user has none registered`,
      {
        hint: `enrol ${demanded === 'webauthn' ? 'a security key or passkey' : 'an authenticator app or a security key'} first`,
      },
    );
  }
}

function strongest(requested: StepUpFactorChoice, pending: readonly StepUpRequirement[]): StepUpFactorChoice {
  let best = requested;
  for (const requirement of pending)
    if (STRENGTH[requirement.factor] > STRENGTH[best]) best = requirement.factor;
  return best;
}

function describe(factor: StepUpFactorChoice): string {
  if (factor === 'webauthn') return 'a security key or passkey (WebAuthn)';
  if (factor === 'totp') return 'an authenticator app code (TOTP)';
  return 'a second factor';
}

function readAttempts(data: string): number {
  try {
    const attempts = (JSON.parse(data) as Partial<TotpChallengeData>).attempts;
    return typeof attempts === 'number' && Number.isSafeInteger(attempts) ? attempts : 0;
  } catch {
    return 0;
  }
}
