import type { RiskSignal } from '../signal.js';
import { quiet } from '../signal.js';
import { novelty } from './novelty.js';

export const newCountrySignal: RiskSignal = {
  id: 'newCountry',
  description: 'country (geo.country) never seen on a successful login: 1, else 0; needs a country on record',
  trustedDeviceSuppresses: false,
  evaluate({ profile, input }) {
    // Logins that never reported a country give no baseline: every country would look new.
    if (profile !== undefined && profile.successes > 0 && profile.countries.size === 0) {
      return quiet('no country on record to compare with');
    }
    return novelty(
      profile,
      (p) => p.countries,
      input.geo?.country,
      `country ${input.geo?.country}`,
      'no country given',
    );
  },
};
