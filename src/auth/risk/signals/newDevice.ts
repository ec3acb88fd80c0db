import type { RiskSignal } from '../signal.js';
import { novelty } from './novelty.js';

export const newDeviceSignal: RiskSignal = {
  id: 'newDevice',
  description: 'device fingerprint (hashed) never seen on a successful login: 1, else 0',
  trustedDeviceSuppresses: true,
  evaluate: ({ profile, input }) =>
    novelty(profile, (p) => p.devices, input.deviceId, 'device', 'no device fingerprint given'),
};
