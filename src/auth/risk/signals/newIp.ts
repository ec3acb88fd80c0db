import type { RiskSignal } from '../signal.js';
import { novelty } from './novelty.js';

export const newIpSignal: RiskSignal = {
  id: 'newIp',
  description: 'IP address never seen on a successful login: 1, else 0',
  trustedDeviceSuppresses: true,
  evaluate: ({ profile, input }) => novelty(profile, (p) => p.ips, input.ip, `IP ${input.ip}`, 'no IP'),
};
