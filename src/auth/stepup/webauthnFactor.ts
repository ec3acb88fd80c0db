import { createHash } from 'node:crypto';
import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import type { Clock } from '../../core/clock.js';
import { newId } from '../../core/ids.js';
import { KeyedSerializer } from '../../core/keyedSerializer.js';
import type {
  AuthChallenge,
  AuthChallengeRepository,
  MfaFactor,
  MfaFactorRepository,
} from '../../store/types.js';
import { StepUpError } from './stepUpError.js';

/** How long a client has to answer registration or authentication options. */
export const WEBAUTHN_CHALLENGE_TTL_MS = 5 * 60_000;

const PURPOSE_REGISTER = 'webauthn.register';
export const PURPOSE_AUTHENTICATE = 'webauthn.authenticate';

/**
 * A second factor after the password: user presence is enough, as for a security key without a
 * PIN; user verification is asked for ('preferred') but not required, so such keys still work.
 */
const USER_VERIFICATION = 'preferred';

/** What a WebAuthn factor keeps in MfaFactor.data. */
interface WebAuthnData {
  v: 1;
  credentialId: string;
  /** The COSE public key, base64url. */
  publicKey: string;
  counter: number;
  transports?: string[];
  deviceType?: string;
  backedUp?: boolean;
}

/** What an AuthChallenge of this module keeps in its data. */
interface ChallengeData {
  challenge: string;
}

export interface WebAuthnFactorsDeps {
  factors: MfaFactorRepository;
  challenges: AuthChallengeRepository;
  clock: Clock;
  /** The relying party id: the site's domain (config auth.webauthn.rpId). */
  rpId: string;
  /** Shown by the browser when registering (config auth.issuer). */
  rpName: string;
  /** Origins allowed to answer (config auth.webauthn.origins). */
  origins: readonly string[];
  challengeTtlMs?: number;
  queue?: KeyedSerializer;
}

export interface WebAuthnRegistrationStart {
  challengeId: string;
  /** Pass to navigator.credentials.create() (via @simplewebauthn/browser's startRegistration). */
  options: PublicKeyCredentialCreationOptionsJSON;
  expiresAt: number;
}

export interface WebAuthnAuthenticationStart {
  challengeId: string;
  /** Pass to navigator.credentials.get() (via @simplewebauthn/browser's startAuthentication). */
  options: PublicKeyCredentialRequestOptionsJSON;
  expiresAt: number;
}

export interface WebAuthnRegistered {
  factorId: string;
  credentialId: string;
}

export interface WebAuthnMatch {
  factorId: string;
  counter: number;
}

/** WebAuthn (security key, passkey) factors: registration and authentication ceremonies. */
export class WebAuthnFactors {
  private readonly queue: KeyedSerializer;
  private readonly ttlMs: number;

  constructor(private readonly deps: WebAuthnFactorsDeps) {
    this.queue = deps.queue ?? new KeyedSerializer();
    this.ttlMs = deps.challengeTtlMs ?? WEBAUTHN_CHALLENGE_TTL_MS;
  }

  /** Options for registering a new authenticator; the user's existing credentials are excluded. */
  async registrationOptions(userId: string, userName: string): Promise<WebAuthnRegistrationStart> {
    const existing = (await this.credentials(userId)).map(({ data }) => descriptor(data));
    const options = await generateRegistrationOptions({
      rpName: this.deps.rpName,
      rpID: this.deps.rpId,
      userName,
      userID: userHandle(userId),
      timeout: this.ttlMs,
      attestationType: 'none',
      excludeCredentials: existing,
      authenticatorSelection: { residentKey: 'discouraged', userVerification: USER_VERIFICATION },
    });
    const stored = await this.store(userId, PURPOSE_REGISTER, options.challenge);
    return { challengeId: stored.id, options, expiresAt: stored.expiresAt };
  }

  /** Checks the authenticator's attestation and stores the credential as a confirmed factor. */
  async verifyRegistration(
    userId: string,
    challengeId: string,
    response: RegistrationResponseJSON,
    label?: string,
  ): Promise<WebAuthnRegistered> {
    const challenge = await this.take(userId, challengeId, PURPOSE_REGISTER);
    return this.queue.run(queueKey(userId), async () => {
      let verification: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
      try {
        verification = await verifyRegistrationResponse({
          response,
          expectedChallenge: challenge.challenge,
          expectedOrigin: [...this.deps.origins],
          expectedRPID: this.deps.rpId,
          requireUserVerification: false,
        });
      } catch (error) {
        throw rejected('registration', error);
      }
      if (!verification.verified) throw rejected('registration', new Error('the attestation did not verify'));
      const info = verification.registrationInfo;
      const credentialId = info.credential.id;
      if ((await this.credentials(userId)).some(({ data }) => data.credentialId === credentialId)) {
        throw new StepUpError('credential_exists', 'this authenticator is already registered for the user', {
          hint: 'use it to authenticate, or register a different authenticator',
        });
      }
      const now = this.deps.clock.now();
      const transports = response.response.transports ?? info.credential.transports;
      const data: WebAuthnData = {
        v: 1,
        credentialId,
        publicKey: Buffer.from(info.credential.publicKey).toString('base64url'),
        counter: info.credential.counter,
        ...(transports === undefined || transports.length === 0 ? {} : { transports: [...transports] }),
        deviceType: info.credentialDeviceType,
        backedUp: info.credentialBackedUp,
      };
      const factorId = newId('mfa', now);
      await this.deps.factors.add({
        id: factorId,
        userId,
        kind: 'webauthn',
        ...(label === undefined ? {} : { label }),
        data: JSON.stringify(data),
        confirmed: true,
        createdAt: now,
      });
      return { factorId, credentialId };
    });
  }

  /** Options for proving possession of one of the user's registered authenticators. */
  async authenticationOptions(userId: string): Promise<WebAuthnAuthenticationStart> {
    const credentials = await this.credentials(userId);
    if (credentials.length === 0) {
      throw new StepUpError('no_factor', 'this user has no registered security key or passkey', {
        hint: 'register one first (WebAuthn registration options, then verification)',
      });
    }
    const options = await generateAuthenticationOptions({
      rpID: this.deps.rpId,
      allowCredentials: credentials.map(({ data }) => descriptor(data)),
      timeout: this.ttlMs,
      userVerification: USER_VERIFICATION,
    });
    const stored = await this.store(userId, PURPOSE_AUTHENTICATE, options.challenge);
    return { challengeId: stored.id, options, expiresAt: stored.expiresAt };
  }

  /**
   * Checks an assertion against the stored credential and moves its counter forward. The challenge
   * answers once: a second call with the same challenge id fails, whatever the response.
   */
  async verifyAuthentication(
    userId: string,
    challengeId: string,
    response: AuthenticationResponseJSON,
  ): Promise<WebAuthnMatch> {
    const challenge = await this.take(userId, challengeId, PURPOSE_AUTHENTICATE);
    return this.queue.run(queueKey(userId), async () => {
      const match = (await this.credentials(userId)).find(({ data }) => data.credentialId === response.id);
      if (match === undefined) {
        throw new StepUpError('unknown_credential', 'this authenticator is not registered for the user', {
          input: response.id,
          hint: 'use a security key or passkey registered with this account',
        });
      }
      const { factor, data } = match;
      const counter = signCount(response.response.authenticatorData);
      // A counter that does not move forward means the authenticator was cloned, or this is a replayed assertion.
      if ((counter > 0 || data.counter > 0) && counter <= data.counter) {
        throw new StepUpError(
          'counter_regressed',
          `the authenticator's signature counter went from ${data.counter} to ${counter}`,
          {
            hint: 'the authenticator may have been cloned: remove it and register it again, and review the account',
          },
        );
      }
      let verification: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
      try {
        verification = await verifyAuthenticationResponse({
          response,
          expectedChallenge: challenge.challenge,
          expectedOrigin: [...this.deps.origins],
          expectedRPID: this.deps.rpId,
          credential: {
            id: data.credentialId,
            publicKey: new Uint8Array(Buffer.from(data.publicKey, 'base64url')),
            counter: data.counter,
            ...(data.transports === undefined ? {} : { transports: data.transports }),
          },
          requireUserVerification: false,
        });
      } catch (error) {
        throw rejected('authentication', error);
      }
      if (!verification.verified) throw rejected('authentication', new Error('the signature did not verify'));
      const next: WebAuthnData = { ...data, counter: verification.authenticationInfo.newCounter };
      await this.deps.factors.update(factor.id, {
        data: JSON.stringify(next),
        lastUsedAt: this.deps.clock.now(),
      });
      return { factorId: factor.id, counter: next.counter };
    });
  }

  /** The user's confirmed WebAuthn factors with their parsed data. */
  async credentials(userId: string): Promise<{ factor: MfaFactor; data: WebAuthnData }[]> {
    const out: { factor: MfaFactor; data: WebAuthnData }[] = [];
    for (const factor of await this.deps.factors.list(userId)) {
      if (factor.kind !== 'webauthn' || !factor.confirmed) continue;
      out.push({ factor, data: readData(factor) });
    }
    return out;
  }

  private async store(userId: string, purpose: string, challenge: string): Promise<AuthChallenge> {
    const now = this.deps.clock.now();
    const data: ChallengeData = { challenge };
    const stored: AuthChallenge = {
      id: newId('chl', now),
      userId,
      purpose,
      data: JSON.stringify(data),
      createdAt: now,
      expiresAt: now + this.ttlMs,
    };
    await this.deps.challenges.put(stored);
    return stored;
  }

  private async take(userId: string, challengeId: string, purpose: string): Promise<ChallengeData> {
    const stored = await this.deps.challenges.take(challengeId, this.deps.clock.now());
    if (stored === undefined || stored.userId !== userId || stored.purpose !== purpose) {
      throw new StepUpError('challenge_not_found', 'the challenge is unknown, expired or already answered', {
        input: challengeId,
        hint: `request new ${purpose === PURPOSE_REGISTER ? 'registration' : 'authentication'} options and try again`,
      });
    }
    const data = JSON.parse(stored.data) as Partial<ChallengeData>;
    if (typeof data.challenge !== 'string') {
      throw new StepUpError('challenge_not_found', `challenge ${challengeId} has unreadable data`, {
        input: challengeId,
      });
    }
    return { challenge: data.challenge };
  }
}

function queueKey(userId: string): string {
  return `webauthn:${userId}`;
}

/** The WebAuthn user handle: stable per user, and not the user id itself (which may be an e-mail). */
function userHandle(userId: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(createHash('sha256').update(`argus-user:${userId}`).digest());
}

function descriptor(data: WebAuthnData): { id: string; transports?: string[] } {
  return { id: data.credentialId, ...(data.transports === undefined ? {} : { transports: data.transports }) };
}

/** The signature counter: bytes 33-36 of authenticatorData (after the rpIdHash and the flags). */
function signCount(authenticatorData: string): number {
  const bytes = Buffer.from(authenticatorData, 'base64url');
  if (bytes.length < 37) {
    throw new StepUpError('webauthn_rejected', 'the authenticator data is too short to be valid', {
      hint: 'answer with the response of navigator.credentials.get() unchanged',
    });
  }
  return bytes.readUInt32BE(33);
}

function rejected(ceremony: 'registration' | 'authentication', error: unknown): StepUpError {
  const why = error instanceof Error ? error.message : String(error);
  return new StepUpError('webauthn_rejected', `the WebAuthn ${ceremony} was rejected: ${why}`, {
    hint:
      ceremony === 'registration'
        ? 'request new registration options and try again from an allowed origin'
        : 'request new authentication options and try again with a registered authenticator',
    cause: error,
  });
}

function readData(factor: MfaFactor): WebAuthnData {
  let data: Partial<WebAuthnData> | undefined;
  try {
    data = JSON.parse(factor.data) as Partial<WebAuthnData>;
  } catch {
    data = undefined;
  }
  if (
    data === undefined ||
    data === null ||
    data.v !== 1 ||
    typeof data.credentialId !== 'string' ||
    typeof data.publicKey !== 'string' ||
    !Number.isSafeInteger(data.counter)
  ) {
    throw new StepUpError('factor_not_found', `WebAuthn factor ${factor.id} has unreadable data`, {
      input: factor.id,
      hint: 'remove the factor and register the authenticator again',
    });
  }
  return data as WebAuthnData;
}
