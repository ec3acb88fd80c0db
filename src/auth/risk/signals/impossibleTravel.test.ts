import { describe, expect, it } from 'vitest';
import { haversineKm } from '../haversine.js';
import { impossibleTravelSignal } from './impossibleTravel.js';
import { context, NOW, profileWith } from './signalContext.fixture.js';

const HOUR = 3_600_000;
const berlin = { lat: 52.52, lon: 13.405, country: 'DE', accuracyKm: 0 };
const paris = { lat: 48.8566, lon: 2.3522, country: 'FR', accuracyKm: 0 };
const km = haversineKm(berlin.lat, berlin.lon, paris.lat, paris.lon); // about 877 km

const fromBerlin = (hoursAgo: number) => profileWith({ lastGeo: { ...berlin, at: NOW - hoursAgo * HOUR } });

describe('impossibleTravel signal', () => {
  it('is quiet at plausible speeds', () => {
    const r = impossibleTravelSignal.evaluate(context({ profile: fromBerlin(2), body: { geo: paris } }));
    expect(r.strength).toBe(0);
    expect(r.evidence?.kmh).toBeCloseTo(km / 2, 6);
  });

  it('is 0.5 just over the limit and 1 at twice it', () => {
    // 878 km in 1 h is 878 km/h: over 805 by a factor 1.09.
    const r = impossibleTravelSignal.evaluate(context({ profile: fromBerlin(1), body: { geo: paris } }));
    expect(r.strength).toBeCloseTo(0.5 + 0.5 * (km / 805 - 1), 9);
    expect(r.detail).toMatch(/^877 km from DE in 1 h: 877 km\/h \(limit 805\)$/);
    const fast = impossibleTravelSignal.evaluate(
      context({ profile: fromBerlin(0.25), body: { geo: paris } }),
    );
    expect(fast.strength).toBe(1);
  });

  it('honours a configured limit', () => {
    const r = impossibleTravelSignal.evaluate(
      context({ profile: fromBerlin(1), body: { geo: paris }, config: { impossibleTravelKmh: 1000 } }),
    );
    expect(r.strength).toBe(0);
  });

  it('takes the locations’ uncertainty off the distance (25 km each when not given)', () => {
    const near = { lat: 52.52, lon: 13.9 }; // about 33 km east of Berlin
    const r = impossibleTravelSignal.evaluate(
      context({
        profile: profileWith({ lastGeo: { lat: 52.52, lon: 13.405, at: NOW - 60_000 } }),
        body: { geo: near },
      }),
    );
    expect(r.strength).toBe(0);
    expect(r.detail).toMatch(/within the locations' accuracy/);
  });

  it('is 1 for a far location at or before the last login’s time', () => {
    const r = impossibleTravelSignal.evaluate(context({ profile: fromBerlin(0), body: { geo: paris } }));
    expect(r.strength).toBe(1);
  });

  it('needs both locations', () => {
    expect(impossibleTravelSignal.evaluate(context({ profile: fromBerlin(1) })).detail).toBe(
      'no location given',
    );
    expect(
      impossibleTravelSignal.evaluate(context({ profile: profileWith(), body: { geo: paris } })).detail,
    ).toBe('no earlier located login');
    expect(impossibleTravelSignal.evaluate(context({ body: { geo: paris } })).strength).toBe(0);
  });
});
