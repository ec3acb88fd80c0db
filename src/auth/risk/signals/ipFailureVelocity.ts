import { fired, quiet, type RiskSignal } from '../signal.js';

export const ipFailureVelocitySignal: RiskSignal = {
  id: 'ipFailureVelocity',
  description:
    'failed attempts from the IP (any user) in velocity.windowMs / velocity.ipFailures, capped at 1',
  trustedDeviceSuppresses: false,
  evaluate({ input, windows, config }) {
    const { windowMs, ipFailures } = config.velocity;
    const n = windows.ipFailuresAt(input.ip, input.at);
    const detail = `${n} failed attempt${n === 1 ? '' : 's'} from ${input.ip} in ${windowMs / 60_000} min (full strength at ${ipFailures})`;
    return n > 0 ? fired(n / ipFailures, detail, { failures: n }) : quiet(detail);
  },
};
