import type { RiskSignal } from './signal.js';
import { botSignal } from './signals/bot.js';
import { breachedPasswordSignal } from './signals/breachedPassword.js';
import { credentialStuffingSignal } from './signals/credentialStuffing.js';
import { impossibleTravelSignal } from './signals/impossibleTravel.js';
import { ipFailureVelocitySignal } from './signals/ipFailureVelocity.js';
import { keystrokeSignal } from './signals/keystroke.js';
import { newCountrySignal } from './signals/newCountry.js';
import { newDeviceSignal } from './signals/newDevice.js';
import { newIpSignal } from './signals/newIp.js';
import { newNetworkSignal } from './signals/newNetwork.js';
import { stepUpRequiredSignal } from './signals/stepUpRequired.js';
import { userFailureVelocitySignal } from './signals/userFailureVelocity.js';

/** Every risk signal, in the order ties are listed; adding one means one file and one line here. */
export const RISK_SIGNALS: readonly RiskSignal[] = [
  keystrokeSignal,
  newDeviceSignal,
  newIpSignal,
  newNetworkSignal,
  newCountrySignal,
  impossibleTravelSignal,
  userFailureVelocitySignal,
  ipFailureVelocitySignal,
  credentialStuffingSignal,
  breachedPasswordSignal,
  botSignal,
  stepUpRequiredSignal,
];

/** One row per signal for people (`argus auth signals`, the docs): its weight and how it is computed. */
export function signalTable(weights: Record<RiskSignal['id'], number>): {
  id: RiskSignal['id'];
  weight: number;
  description: string;
  trustedDeviceSuppresses: boolean;
  gate: boolean;
}[] {
  return RISK_SIGNALS.map((s) => ({
    id: s.id,
    weight: weights[s.id],
    description: s.description,
    trustedDeviceSuppresses: s.trustedDeviceSuppresses,
    gate: s.gate ?? false,
  }));
}
