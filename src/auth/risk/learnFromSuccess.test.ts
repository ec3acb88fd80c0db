import { describe, expect, it } from 'vitest';
import { emptyProfile } from './authProfile.js';
import { learnFromSuccess } from './learnFromSuccess.js';
import { BASE } from './signals/signalContext.fixture.js';

const facts = { deviceId: 'd1', ip: '10.0.0.1', network: '10.0.0.0/24', at: 1000 };

describe('learnFromSuccess', () => {
  it('learns device, address, network, country and location', () => {
    const p = emptyProfile();
    learnFromSuccess(p, { ...facts, geo: { lat: 1, lon: 2, country: 'DE' } }, { enrolSamples: 3 });
    expect([...p.devices.keys()]).toEqual(['d1']);
    expect([...p.ips.keys()]).toEqual(['10.0.0.1']);
    expect([...p.networks.keys()]).toEqual(['10.0.0.0/24']);
    expect([...p.countries.keys()]).toEqual(['DE']);
    expect(p.lastGeo).toEqual({ lat: 1, lon: 2, country: 'DE', at: 1000 });
    expect(p.successes).toBe(1);
    // An older located login does not move the travel origin back in time.
    learnFromSuccess(p, { ...facts, geo: { lat: 5, lon: 5 }, at: 500 }, { enrolSamples: 3 });
    expect(p.lastGeo?.at).toBe(1000);
  });

  it('enrols from the first enrolSamples samples, then updates only through the guarded verify', () => {
    const p = emptyProfile();
    const steps = [-1, 0, 1].map((k) =>
      learnFromSuccess(p, { ...facts, keystrokes: BASE.map((v) => v + 10 * k) }, { enrolSamples: 3 }),
    );
    expect(steps).toEqual(['enrolling', 'enrolling', 'enrolled']);
    expect(p.keystroke?.ready).toBe(true);
    // The user's own rhythm is absorbed; a far-off one is not.
    expect(learnFromSuccess(p, { ...facts, keystrokes: BASE, at: 10_000_000 }, { enrolSamples: 3 })).toBe(
      'absorbed',
    );
    expect(
      learnFromSuccess(
        p,
        { ...facts, keystrokes: BASE.map((v) => v * 3), at: 20_000_000 },
        { enrolSamples: 3 },
      ),
    ).toBe('rejected');
    expect(p.keystroke?.size).toBe(4);
  });

  it('restarts enrolment on a new phrase length, and ignores it once enrolled', () => {
    const p = emptyProfile();
    learnFromSuccess(p, { ...facts, keystrokes: BASE }, { enrolSamples: 2 });
    learnFromSuccess(p, { ...facts, keystrokes: new Float64Array(7).fill(100) }, { enrolSamples: 2 });
    expect(p.keystroke?.featureCount).toBe(7);
    expect(p.keystroke?.size).toBe(1);
    learnFromSuccess(p, { ...facts, keystrokes: new Float64Array(7).fill(110) }, { enrolSamples: 2 });
    expect(learnFromSuccess(p, { ...facts, keystrokes: BASE }, { enrolSamples: 2 })).toBe('other-phrase');
    expect(p.keystroke?.featureCount).toBe(7);
  });
});
