import type { StepUpRequirement } from '../../store/types.js';
import type { AssessInput } from './assessInput.js';
import type { AttemptWindows } from './attemptWindows.js';
import type { AuthConfig } from './authConfig.js';
import type { AuthProfile } from './authProfile.js';

/** A signal's id is its key in auth.weights, so every signal has a weight the operator can set. */
export type SignalId = keyof AuthConfig['weights'];

/** What a signal says about one attempt. Strength 0 means it did not fire; the detail still says why. */
export interface SignalResult {
  /** In [0, 1]. */
  strength: number;
  detail: string;
  /** The numbers behind it, for the decision log (never a fingerprint, a typed key or a hash of the password). */
  evidence?: Record<string, number | string | boolean>;
}

/** The breached-password lookup for this attempt, done by the engine before the signals run. */
export type BreachLookup = { checked: true; count: number } | { checked: false; why: string };

/** Everything a signal may read; signals are synchronous and pure over it. */
export interface SignalContext {
  readonly input: AssessInput;
  readonly config: AuthConfig;
  /** Undefined for a user Argus has never seen succeed (or whose stored profile is unreadable). */
  readonly profile: AuthProfile | undefined;
  /** Recent attempts, this one included. */
  readonly windows: AttemptWindows;
  readonly breach: BreachLookup;
  /** Step-ups the response pipeline demands of this user, not yet satisfied. */
  readonly stepUps: readonly StepUpRequirement[];
}

/**
 * A risk signal as data plus one function, like an ESLint rule: adding one means one file here and
 * one line in signals.ts (and its weight in the auth config).
 */
export interface RiskSignal {
  readonly id: SignalId;
  /** One line for people: what it detects and how its strength is computed. */
  readonly description: string;
  /**
   * A device that passed a challenge (TrustedDeviceRepository) silences this signal. Only the
   * novelty signals set it: a trusted device may roam to new addresses, but it does not make a trip
   * possible, a breached password safe or a script human.
   */
  readonly trustedDeviceSuppresses: boolean;
  /**
   * A gate forces at least a challenge when it fires (weight > 0) and adds nothing to the score:
   * a pending step-up must be answered by the factor, not turned into a deny by the score.
   */
  readonly gate?: boolean;
  evaluate(context: SignalContext): SignalResult;
}

export function quiet(detail: string, evidence?: SignalResult['evidence']): SignalResult {
  return evidence === undefined ? { strength: 0, detail } : { strength: 0, detail, evidence };
}

export function fired(strength: number, detail: string, evidence?: SignalResult['evidence']): SignalResult {
  const s = Math.min(1, Math.max(0, strength));
  return evidence === undefined ? { strength: s, detail } : { strength: s, detail, evidence };
}

/** Rounds for people (details); the evidence keeps full precision. */
export function round(value: number, digits = 2): string {
  return Number.isFinite(value) ? String(Number(value.toFixed(digits))) : String(value);
}
