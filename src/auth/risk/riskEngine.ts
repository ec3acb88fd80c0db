import { type Clock, systemClock } from '../../core/clock.js';
import { newId } from '../../core/ids.js';
import type {
  AuthDecisionKind,
  AuthDecisionRecord,
  AuthProfileRepository,
  MfaFactorRepository,
  StepUpRepository,
  TrustedDeviceRepository,
} from '../../store/types.js';
import { type AssessInput, type DeviceHasher, parseAssessInput } from './assessInput.js';
import { AttemptWindows } from './attemptWindows.js';
import type { AuthConfig } from './authConfig.js';
import type { BreachedPasswordList } from './breachedPasswords.js';
import { CappedMap } from './cappedMap.js';
import { chooseFactor, type FactorChoice } from './chooseFactor.js';
import { combineSignals, decide, type RiskReason } from './combineSignals.js';
import { type LoginFacts, learnFromSuccess } from './learnFromSuccess.js';
import { ProfileCache } from './profileCache.js';
import type { BreachLookup, RiskSignal, SignalContext, SignalResult } from './signal.js';
import { RISK_SIGNALS } from './signals.js';

/** How long a challenged login's lessons wait for learnAfterChallenge before they are dropped. */
export const PENDING_LEARNING_MS = 15 * 60_000;
/** Challenged logins waiting at most; beyond it the oldest wait is dropped (bounded memory). */
export const PENDING_LEARNING_MAX = 10_000;

export interface RiskEngineOptions {
  config: AuthConfig;
  profiles: AuthProfileRepository;
  trustedDevices: TrustedDeviceRepository;
  mfaFactors: MfaFactorRepository;
  stepUps: StepUpRepository;
  /**
   * The deployment's keyed fingerprint hash, the one the step-up service trusts devices under
   * (stepup/deviceId.ts deviceHasher), so that trusted devices are found.
   */
  deviceId: DeviceHasher;
  /** The local breached-password list, when auth.breachedPasswords is set. */
  breachedPasswords?: BreachedPasswordList;
  /** Receives every decision (the wiring appends them to AuthDecisionRepository in batches). */
  onDecision?: (record: AuthDecisionRecord) => void;
  /**
   * Problems that must not change the answer: a profile that could not be learnt or read, a
   * breached list that could not be read, an onDecision that threw.
   */
  onError?: (error: unknown, during: string) => void;
  clock?: Clock;
  /** The signals to run (tests); RISK_SIGNALS by default. */
  signals?: readonly RiskSignal[];
}

export interface RiskAssessment {
  /** The decision's id: learnAfterChallenge takes it, and the decision log keeps it. */
  id: string;
  userId: string;
  at: number;
  score: number;
  decision: AuthDecisionKind;
  /** The factor to challenge with, on a challenge. */
  factor?: FactorChoice;
  /** Every signal that fired (strength > 0), gates first, then heaviest first. */
  reasons: RiskReason[];
  user: {
    /** Argus has a profile for this user (a successful login on record). */
    known: boolean;
    keystrokeEnrolled: boolean;
    /** Keystroke samples in the template (enrolment or kept). */
    samples: number;
  };
  /** The device passed a challenge earlier and is still trusted: novelty signals were silenced. */
  trustedDevice: boolean;
  /** What the profile learnt: now (allowed success), after a passed challenge, or nothing. */
  learning: 'now' | 'after-challenge' | 'none';
}

interface PendingLesson {
  userId: string;
  facts: LoginFacts;
  expiresAt: number;
}

/**
 * Argus's adaptive-authentication risk engine: scores a login attempt from the user's profile (devices,
 * networks, countries, last location, keystroke template), recent attempts (failure velocity, stuffing),
 * the breached-password list, bot signs and pending step-ups, and decides allow / challenge / deny.
 *
 * It learns only from logins that got in: an allowed success teaches the profile at once; a
 * challenged success only once learnAfterChallenge(userId, id) says the challenge was passed; failures and
 * denied attempts never teach it (they only feed the in-memory velocity windows). A trusted device
 * (one that passed a challenge, TrustedDeviceRepository) silences newDevice, newIp and newNetwork, and
 * nothing else: travel, stuffing, breach, bot, keystroke, new country and step-ups still count.
 */
export class RiskEngine {
  readonly config: AuthConfig;
  private readonly options: RiskEngineOptions;
  private readonly clock: Clock;
  private readonly signals: readonly RiskSignal[];
  private readonly windows: AttemptWindows;
  private readonly cache: ProfileCache;
  private readonly pending = new CappedMap<string, PendingLesson>(PENDING_LEARNING_MAX);

  constructor(options: RiskEngineOptions) {
    this.options = options;
    this.config = options.config;
    this.clock = options.clock ?? systemClock;
    this.signals = options.signals ?? RISK_SIGNALS;
    this.windows = new AttemptWindows({
      ...options.config.velocity,
      windowKeys: options.config.memory.windowKeys,
    });
    this.cache = new ProfileCache(options.profiles, options.config.memory.profiles);
  }

  /**
   * Assesses one attempt. Throws a ValidationError (INPUT_INVALID) for a bad body, and whatever the
   * store throws when a profile, step-up or trusted-device read fails: the caller answers 503 then,
   * rather than the engine guessing. An unknown user is assessed without biometrics.
   */
  async assess(body: unknown): Promise<RiskAssessment> {
    const input = parseAssessInput(body, this.clock.now(), this.options.deviceId);
    const { config } = this;
    this.windows.record(input);

    const [entry, stepUps, trusted, breach] = await Promise.all([
      this.cache.get(input.userId),
      this.options.stepUps.pending(input.userId),
      input.deviceId === undefined
        ? false
        : // Trust expires by the server's clock: a client's `at` must not revive an expired device.
          this.options.trustedDevices.isTrusted(input.userId, input.deviceId, this.clock.now()),
      this.lookUpBreach(input),
    ]);
    if (entry.unreadable !== undefined) {
      this.report(
        new Error(`stored auth profile of ${input.userId} is unreadable: ${entry.unreadable}`),
        'profile',
      );
    }
    const profile = entry.profile;
    const context: SignalContext = { input, config, profile, windows: this.windows, breach, stepUps };

    const results: { signal: RiskSignal; weight: number; result: SignalResult }[] = [];
    for (const signal of this.signals) {
      const weight = config.weights[signal.id];
      if (!(weight > 0)) continue;
      let result = signal.evaluate(context);
      if (trusted && signal.trustedDeviceSuppresses && result.strength > 0) {
        result = { strength: 0, detail: `${result.detail}; silenced: trusted device` };
      }
      results.push({ signal, weight, result });
    }
    const { score, gated, reasons } = combineSignals(results);
    const decision = decide(score, gated, config);
    const factor =
      decision === 'challenge'
        ? chooseFactor(await this.options.mfaFactors.list(input.userId), stepUps)
        : undefined;

    const id = newId('authd', input.at);
    const template = profile?.keystroke ?? null;
    const assessment: RiskAssessment = {
      id,
      userId: input.userId,
      at: input.at,
      score,
      decision,
      reasons,
      user: {
        known: profile !== undefined,
        keystrokeEnrolled: template?.ready ?? false,
        samples: template?.size ?? 0,
      },
      trustedDevice: trusted,
      learning: 'none',
    };
    if (factor !== undefined) assessment.factor = factor;

    if (input.outcome === 'success' && decision !== 'deny') {
      const facts = factsOf(input);
      if (decision === 'allow') {
        assessment.learning = (await this.learn(input.userId, facts)) ? 'now' : 'none';
      } else {
        this.pending.set(id, {
          userId: input.userId,
          facts,
          expiresAt: this.clock.now() + PENDING_LEARNING_MS,
        });
        assessment.learning = 'after-challenge';
      }
    }
    this.emit(assessment, input);
    return assessment;
  }

  /**
   * Teaches the profile a challenged login once its challenge was passed (the step-up flow calls this
   * with the user who passed it and the assessment's id). Returns false when there is nothing to
   * learn: unknown or expired id, another user's assessment (one user's passed challenge must never
   * teach another's profile), or the assessment was not a challenged success. Each id teaches once.
   */
  async learnAfterChallenge(userId: string, assessmentId: string, now = this.clock.now()): Promise<boolean> {
    const lesson = this.pending.peek(assessmentId);
    if (lesson === undefined || lesson.userId !== userId) return false;
    this.pending.delete(assessmentId);
    if (lesson.expiresAt < now) return false;
    return this.learn(lesson.userId, lesson.facts);
  }

  /** Forgets a user's keystroke template (after a password or phrase change): enrolment starts again. */
  async resetKeystrokes(userId: string): Promise<void> {
    await this.cache.update(userId, this.clock.now(), (p) => {
      p.keystroke = null;
    });
  }

  /** Memory use of the bounded parts, for /metrics and the bench. */
  stats(): {
    profiles: ReturnType<ProfileCache['stats']>;
    windows: ReturnType<AttemptWindows['stats']>;
    pendingLessons: number;
  } {
    return { profiles: this.cache.stats(), windows: this.windows.stats(), pendingLessons: this.pending.size };
  }

  private async learn(userId: string, facts: LoginFacts): Promise<boolean> {
    const enrolSamples = this.config.keystroke.enrolSamples;
    try {
      await this.cache.update(userId, facts.at, (p) => {
        learnFromSuccess(p, facts, { enrolSamples });
      });
      return true;
    } catch (error) {
      this.report(error, 'learning');
      return false;
    }
  }

  private async lookUpBreach(input: AssessInput): Promise<BreachLookup> {
    const list = this.options.breachedPasswords;
    if (this.config.weights.breachedPassword <= 0) return { checked: false, why: 'turned off' };
    if (list === undefined) return { checked: false, why: 'no breached-password list configured' };
    if (input.passwordSha1 === undefined) return { checked: false, why: 'no passwordSha1 given' };
    try {
      return { checked: true, count: await list.count(input.passwordSha1) };
    } catch (error) {
      this.report(error, 'breached-password list');
      return { checked: false, why: `breached-password list unreadable: ${(error as Error).message}` };
    }
  }

  private emit(a: RiskAssessment, input: AssessInput): void {
    const onDecision = this.options.onDecision;
    if (onDecision === undefined) return;
    const record: AuthDecisionRecord = {
      id: a.id,
      userId: a.userId,
      ip: input.ip,
      score: a.score,
      decision: a.decision,
      reasons: JSON.stringify(a.reasons),
      at: a.at,
    };
    if (a.factor !== undefined) record.factor = a.factor;
    try {
      onDecision(record);
    } catch (error) {
      this.report(error, 'onDecision');
    }
  }

  private report(error: unknown, during: string): void {
    try {
      this.options.onError?.(error, during);
    } catch {
      // A broken error sink must not turn a login into a 500.
    }
  }
}

function factsOf(input: AssessInput): LoginFacts {
  const facts: LoginFacts = { ip: input.ip, network: input.network, at: input.at };
  if (input.deviceId !== undefined) facts.deviceId = input.deviceId;
  if (input.geo !== undefined) facts.geo = input.geo;
  if (input.keystrokes !== undefined) facts.keystrokes = input.keystrokes.features;
  return facts;
}
