import type { RiskSignal } from '../signal.js';
import { novelty } from './novelty.js';

export const newNetworkSignal: RiskSignal = {
  id: 'newNetwork',
  description: 'network (IPv4 /24, IPv6 /48) never seen on a successful login: 1, else 0',
  trustedDeviceSuppresses: true,
  evaluate: ({ profile, input }) =>
    novelty(profile, (p) => p.networks, input.network, `network ${input.network}`, 'no network'),
};
