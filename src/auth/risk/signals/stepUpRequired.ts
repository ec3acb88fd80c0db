import { fired, quiet, type RiskSignal } from '../signal.js';

/** The response pipeline asked for a second factor from this user (StepUpRepository.pending). */
export const stepUpRequiredSignal: RiskSignal = {
  id: 'stepUpRequired',
  description: 'a pending step-up from the response pipeline: forces a challenge (adds nothing to the score)',
  trustedDeviceSuppresses: false,
  gate: true,
  evaluate({ stepUps }) {
    const pending = stepUps.filter((s) => s.satisfiedAt === undefined);
    if (pending.length === 0) return quiet('no step-up pending');
    const first = pending[0];
    return fired(
      1,
      `step-up required: ${first?.reason}${pending.length > 1 ? ` (+${pending.length - 1} more)` : ''}`,
      {
        pending: pending.length,
        factor: first?.factor ?? 'any',
        ...(first?.alertId === undefined ? {} : { alertId: first.alertId }),
      },
    );
  },
};
