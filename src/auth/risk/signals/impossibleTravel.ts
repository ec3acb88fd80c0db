import { haversineKm } from '../haversine.js';
import { fired, quiet, type RiskSignal, round } from '../signal.js';

/** Uncertainty assumed for a location sent without accuracyKm: city-level IP geolocation. */
export const DEFAULT_GEO_ACCURACY_KM = 25;

/**
 * Speed needed to get from the last successful login's location to this one, with the distance first
 * reduced by both locations' uncertainty (so two guesses of one city are no trip). At or below
 * auth.impossibleTravelKmh (805 km/h, Okta's figure): 0. Above it the strength is 0.5 and grows
 * linearly to 1 at twice the limit: just over the limit is a fast flight plus geolocation error as
 * often as it is an attacker. A location at or before the last one's time, but far away, is 1.
 */
export const impossibleTravelSignal: RiskSignal = {
  id: 'impossibleTravel',
  description:
    'speed from the last successful login location: 0 up to impossibleTravelKmh, 0.5 just above, 1 at twice it',
  trustedDeviceSuppresses: false,
  evaluate({ profile, input, config }) {
    const last = profile?.lastGeo ?? null;
    const here = input.geo;
    if (last === null) return quiet('no earlier located login');
    if (here === undefined) return quiet('no location given');
    const km = haversineKm(last.lat, last.lon, here.lat, here.lon);
    const slack = (last.accuracyKm ?? DEFAULT_GEO_ACCURACY_KM) + (here.accuracyKm ?? DEFAULT_GEO_ACCURACY_KM);
    const effectiveKm = Math.max(0, km - slack);
    const hours = (input.at - last.at) / 3_600_000;
    const evidence = { km, effectiveKm, hours, limitKmh: config.impossibleTravelKmh };
    const from = last.country === undefined ? '' : ` from ${last.country}`;
    if (effectiveKm === 0)
      return quiet(`${round(km, 0)} km${from}, within the locations' accuracy`, evidence);
    if (hours <= 0) {
      return fired(
        1,
        `${round(effectiveKm, 0)} km${from} at the same time as the last login or before it`,
        evidence,
      );
    }
    const kmh = effectiveKm / hours;
    const detail = `${round(effectiveKm, 0)} km${from} in ${round(hours)} h: ${round(kmh, 0)} km/h (limit ${config.impossibleTravelKmh})`;
    const over = kmh / config.impossibleTravelKmh;
    if (over <= 1) return quiet(detail, { ...evidence, kmh });
    return fired(0.5 + 0.5 * (over - 1), detail, { ...evidence, kmh });
  },
};
