import { fired, quiet, type RiskSignal } from '../signal.js';

/**
 * The password's SHA-1 is in the local breached list (k-anonymity range files). Strength grows with
 * how often it was seen: 0.6 once, +0.1 per factor of ten, 1 from 10,000 sightings. A password seen
 * once in a breach may be this user's own leaked one; one seen millions of times is a guess.
 */
export const breachedPasswordSignal: RiskSignal = {
  id: 'breachedPassword',
  description: 'password SHA-1 in the local breached list: 0.6 + 0.1 x log10(times seen), capped at 1',
  trustedDeviceSuppresses: false,
  evaluate({ breach }) {
    if (!breach.checked) return quiet(breach.why);
    if (breach.count === 0) return quiet('not in the breached-password list');
    return fired(
      0.6 + 0.1 * Math.log10(breach.count),
      `password seen ${breach.count} time${breach.count === 1 ? '' : 's'} in breaches`,
      { timesSeen: breach.count },
    );
  },
};
