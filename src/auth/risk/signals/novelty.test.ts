import { describe, expect, it } from 'vitest';
import { newCountrySignal } from './newCountry.js';
import { newDeviceSignal } from './newDevice.js';
import { newIpSignal } from './newIp.js';
import { newNetworkSignal } from './newNetwork.js';
import { context, profileWith } from './signalContext.fixture.js';

const profile = profileWith({
  devices: ['laptop'],
  ips: ['203.0.113.7'],
  networks: ['203.0.113.0/24'],
  countries: ['DE'],
});
const known = {
  deviceFingerprint: 'laptop',
  ip: '203.0.113.7',
  geo: { lat: 52.5, lon: 13.4, country: 'de' },
};

describe('novelty signals', () => {
  it('stay quiet on what the profile has seen', () => {
    const c = context({ profile, body: known });
    for (const s of [newDeviceSignal, newIpSignal, newNetworkSignal, newCountrySignal]) {
      expect(s.evaluate(c).strength).toBe(0);
    }
  });

  it('fire at full strength on what it has not', () => {
    const c = context({
      profile,
      body: { deviceFingerprint: 'phone', ip: '198.51.100.4', geo: { lat: 48.9, lon: 2.35, country: 'FR' } },
    });
    expect(newDeviceSignal.evaluate(c)).toEqual({
      strength: 1,
      detail: 'new device (1 known)',
      evidence: { known: 1 },
    });
    expect(newIpSignal.evaluate(c).detail).toBe('new IP 198.51.100.4 (1 known)');
    expect(newNetworkSignal.evaluate(c).detail).toBe('new network 198.51.100.0/24 (1 known)');
    expect(newCountrySignal.evaluate(c).detail).toBe('new country FR (1 known)');
  });

  it('treat a new IP in a known network as new IP only', () => {
    const c = context({ profile, body: { ...known, ip: '203.0.113.99' } });
    expect(newIpSignal.evaluate(c).strength).toBe(1);
    expect(newNetworkSignal.evaluate(c).strength).toBe(0);
  });

  it('need a history: nothing is new for a user with no successful login', () => {
    const c = context({ body: { deviceFingerprint: 'phone', ip: '198.51.100.4' } });
    for (const s of [newDeviceSignal, newIpSignal, newNetworkSignal, newCountrySignal]) {
      expect(s.evaluate(c)).toEqual({ strength: 0, detail: 'no login history to compare with' });
    }
  });

  it('say so when the request lacks the value', () => {
    const c = context({ profile, body: { ip: '203.0.113.7' } });
    expect(newDeviceSignal.evaluate(c).detail).toBe('no device fingerprint given');
    expect(newCountrySignal.evaluate(c).detail).toBe('no country given');
    const noCountries = profileWith({ ips: ['203.0.113.7'] });
    const c2 = context({ profile: noCountries, body: { geo: { lat: 0, lon: 0, country: 'FR' } } });
    expect(newCountrySignal.evaluate(c2).strength).toBe(0);
  });
});
