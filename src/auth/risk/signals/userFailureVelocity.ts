import { fired, quiet, type RiskSignal } from '../signal.js';

export const userFailureVelocitySignal: RiskSignal = {
  id: 'userFailureVelocity',
  description: 'failed attempts for the user in velocity.windowMs / velocity.userFailures, capped at 1',
  trustedDeviceSuppresses: false,
  evaluate({ input, windows, config }) {
    const { windowMs, userFailures } = config.velocity;
    const n = windows.userFailuresAt(input.userId, input.at);
    const detail = `${n} failed attempt${n === 1 ? '' : 's'} for this user in ${windowMs / 60_000} min (full strength at ${userFailures})`;
    return n > 0 ? fired(n / userFailures, detail, { failures: n }) : quiet(detail);
  },
};
