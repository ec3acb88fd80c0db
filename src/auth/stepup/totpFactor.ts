import { generateSecret, generateURI, verify } from 'otplib';
import type { Clock } from '../../core/clock.js';
import { newId } from '../../core/ids.js';
import { KeyedSerializer } from '../../core/keyedSerializer.js';
import type { MfaFactor, MfaFactorRepository } from '../../store/types.js';
import type { SecretBox } from './secretBox.js';
import { StepUpError } from './stepUpError.js';

/** RFC 6238 defaults that every authenticator app supports. */
const PERIOD_S = 30;
/** ±1 step: the app's clock may be up to one period off, and the user needs time to type. */
const TOLERANCE_S = PERIOD_S;
const CODE = /^\d{6}$/;

/** What a TOTP factor keeps in MfaFactor.data. */
interface TotpData {
  v: 1;
  /** The base32 seed, sealed by the SecretBox with the factor id as context. */
  secret: string;
  /** The last time step a code was accepted for: that step and earlier ones are refused (replay). */
  lastStep?: number;
}

export interface TotpFactorsDeps {
  factors: MfaFactorRepository;
  box: SecretBox;
  /** Shown in the authenticator app next to the account name (config auth.issuer). */
  issuer: string;
  clock: Clock;
  /** Shared with other services that verify the same factors in this process. */
  queue?: KeyedSerializer;
}

export interface TotpEnrolment {
  factorId: string;
  /** The base32 seed: show it once (with the QR code of otpauthUri), it is never returned again. */
  secret: string;
  otpauthUri: string;
}

export interface TotpMatch {
  factorId: string;
  /** The RFC 6238 time step the code belonged to. */
  timeStep: number;
  /** Steps between the code and the server's clock (-1, 0 or 1): a hint of clock drift on the phone. */
  delta: number;
}

/** TOTP (authenticator app) factors: enrol, confirm with a first code, verify codes once each. */
export class TotpFactors {
  private readonly queue: KeyedSerializer;

  constructor(private readonly deps: TotpFactorsDeps) {
    this.queue = deps.queue ?? new KeyedSerializer();
  }

  /**
   * Creates an unconfirmed factor with a fresh seed. Earlier unconfirmed TOTP factors of the user
   * are removed: a new enrolment abandons them, and their seeds were shown to someone.
   */
  async enrol(userId: string, label?: string, accountName: string = userId): Promise<TotpEnrolment> {
    const now = this.deps.clock.now();
    return this.queue.run(queueKey(userId), async () => {
      for (const old of await this.deps.factors.list(userId)) {
        if (old.kind === 'totp' && !old.confirmed) await this.deps.factors.remove(old.id);
      }
      const factorId = newId('mfa', now);
      const secret = generateSecret();
      const data: TotpData = { v: 1, secret: this.deps.box.seal(secret, factorId) };
      await this.deps.factors.add({
        id: factorId,
        userId,
        kind: 'totp',
        ...(label === undefined ? {} : { label }),
        data: JSON.stringify(data),
        confirmed: false,
        createdAt: now,
      });
      const otpauthUri = generateURI({
        issuer: this.deps.issuer,
        label: accountName,
        secret,
        period: PERIOD_S,
      });
      return { factorId, secret, otpauthUri };
    });
  }

  /** Marks an enrolled factor confirmed when the code is valid; that code cannot be used again. */
  async confirm(userId: string, factorId: string, code: string): Promise<TotpMatch> {
    return this.queue.run(queueKey(userId), async () => {
      const factor = await this.deps.factors.get(factorId);
      if (factor === undefined || factor.userId !== userId || factor.kind !== 'totp') {
        throw new StepUpError('factor_not_found', `TOTP factor ${factorId} was not found for this user`, {
          input: factorId,
          hint: 'start again with a new TOTP enrolment',
        });
      }
      if (factor.confirmed) {
        throw new StepUpError('factor_already_confirmed', `TOTP factor ${factorId} is already confirmed`, {
          input: factorId,
        });
      }
      checkShape(code);
      const data = readData(factor);
      const result = await this.check(factor, data, code, undefined);
      if (!result.valid) {
        throw new StepUpError('invalid_code', 'the code does not match the new authenticator entry', {
          hint: 'scan the QR code again or check that the phone clock is set automatically, then enter the current code',
        });
      }
      await this.deps.factors.update(factor.id, {
        confirmed: true,
        data: JSON.stringify({ ...data, lastStep: result.timeStep } satisfies TotpData),
        lastUsedAt: this.deps.clock.now(),
      });
      return { factorId: factor.id, timeStep: result.timeStep, delta: result.delta };
    });
  }

  /**
   * Checks a code against every confirmed TOTP factor of the user; the first that accepts it is
   * marked used and remembers the code's time step, so the same code (or an older one) fails next time.
   */
  async verify(userId: string, code: string): Promise<TotpMatch> {
    return this.queue.run(queueKey(userId), async () => {
      const factors = (await this.deps.factors.list(userId)).filter((f) => f.kind === 'totp' && f.confirmed);
      if (factors.length === 0) {
        throw new StepUpError('no_factor', 'this user has no confirmed TOTP factor', {
          hint: 'enrol an authenticator app first (POST the TOTP enrolment, then confirm it with a code)',
        });
      }
      checkShape(code);
      let replayed = false;
      for (const factor of factors) {
        const data = readData(factor);
        const result = await this.check(factor, data, code, data.lastStep);
        if (result.valid) {
          await this.deps.factors.update(factor.id, {
            data: JSON.stringify({ ...data, lastStep: result.timeStep } satisfies TotpData),
            lastUsedAt: this.deps.clock.now(),
          });
          return { factorId: factor.id, timeStep: result.timeStep, delta: result.delta };
        }
        // Checked again without the replay bound only to tell the user why: the code itself was right.
        if (data.lastStep !== undefined && (await this.check(factor, data, code, undefined)).valid)
          replayed = true;
      }
      if (replayed) {
        throw new StepUpError('replayed_code', 'this code was already used', {
          hint: 'wait for the authenticator app to show the next code and enter that one',
        });
      }
      throw new StepUpError('invalid_code', 'the code is not valid', {
        hint: 'enter the current 6-digit code from the authenticator app; if it keeps failing, check that the phone clock is set automatically',
      });
    });
  }

  private async check(
    factor: MfaFactor,
    data: TotpData,
    code: string,
    lastStep: number | undefined,
  ): Promise<{ valid: false } | { valid: true; timeStep: number; delta: number }> {
    const epoch = Math.floor(this.deps.clock.now() / 1000);
    // otplib throws when afterTimeStep lies beyond the window; every step in the window is refused then anyway.
    const maxStep = Math.floor((epoch + TOLERANCE_S) / PERIOD_S);
    const result = await verify({
      secret: this.deps.box.open(data.secret, factor.id),
      token: code,
      epoch,
      period: PERIOD_S,
      epochTolerance: TOLERANCE_S,
      ...(lastStep === undefined ? {} : { afterTimeStep: Math.min(lastStep, maxStep) }),
    });
    // otplib's verify() types its result for TOTP and HOTP together; only TOTP results carry timeStep.
    if (!result.valid || !('timeStep' in result)) return { valid: false };
    return { valid: true, timeStep: result.timeStep, delta: result.delta };
  }
}

function queueKey(userId: string): string {
  return `totp:${userId}`;
}

function checkShape(code: string): void {
  if (!CODE.test(code)) {
    throw new StepUpError('invalid_code', 'a TOTP code is 6 digits', {
      input: code,
      hint: 'enter the 6 digits the authenticator app shows, without spaces',
    });
  }
}

function readData(factor: MfaFactor): TotpData {
  let parsed: unknown;
  try {
    parsed = JSON.parse(factor.data);
  } catch {
    parsed = undefined;
  }
  const data = parsed as Partial<TotpData> | undefined;
  if (
    data === undefined ||
    data === null ||
    data.v !== 1 ||
    typeof data.secret !== 'string' ||
    (data.lastStep !== undefined && !Number.isSafeInteger(data.lastStep))
  ) {
    throw new StepUpError('factor_not_found', `TOTP factor ${factor.id} has unreadable data`, {
      input: factor.id,
      hint: 'remove the factor and enrol the authenticator app again',
    });
  }
  return data as TotpData;
}
