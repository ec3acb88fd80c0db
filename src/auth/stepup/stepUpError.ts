import { ArgusError, type ErrorCode } from '../../core/errors.js';

/** Why a step-up or an enrolment was refused; the API and the dashboard branch on it. */
export type StepUpFailure =
  | 'no_factor'
  | 'factor_not_found'
  | 'factor_already_confirmed'
  | 'factor_too_weak'
  | 'challenge_not_found'
  | 'invalid_code'
  | 'replayed_code'
  | 'too_many_attempts'
  | 'unknown_credential'
  | 'credential_exists'
  | 'counter_regressed'
  | 'webauthn_rejected';

const CODES: Record<StepUpFailure, ErrorCode> = {
  no_factor: 'NOT_FOUND',
  factor_not_found: 'NOT_FOUND',
  factor_already_confirmed: 'CONFLICT',
  factor_too_weak: 'UNAUTHORIZED',
  challenge_not_found: 'UNAUTHORIZED',
  invalid_code: 'UNAUTHORIZED',
  replayed_code: 'UNAUTHORIZED',
  too_many_attempts: 'UNAUTHORIZED',
  unknown_credential: 'UNAUTHORIZED',
  credential_exists: 'CONFLICT',
  counter_regressed: 'UNAUTHORIZED',
  webauthn_rejected: 'UNAUTHORIZED',
};

/** A second-factor proof or enrolment that did not pass; nothing was changed when it is thrown. */
export class StepUpError extends ArgusError {
  readonly reason: StepUpFailure;

  constructor(
    reason: StepUpFailure,
    message: string,
    options: { hint?: string; input?: unknown; cause?: unknown } = {},
  ) {
    super(CODES[reason], message, options);
    this.name = 'StepUpError';
    this.reason = reason;
  }

  override toJSON(): { code: ErrorCode; message: string; hint?: string; reason: StepUpFailure } {
    return { ...super.toJSON(), reason: this.reason };
  }
}
