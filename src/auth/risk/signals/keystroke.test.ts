import { describe, expect, it } from 'vitest';
import { KeystrokeTemplate } from '../../keystroke/keystrokeTemplate.js';
import { keystrokeSignal } from './keystroke.js';
import { BASE, context, enrolledTemplate, FEATURES, profileWith, typed } from './signalContext.fixture.js';

// The fixture template has median BASE and spread 12 on every feature, so a sample BASE + 12x on
// every feature scores exactly x (x <= 4). Accept threshold 1.8, update margin 0.75:
// strength = (x - 1.35) / (2.7 - 1.35).
const at = (x: number) => BASE.map((v) => v + 12 * x);

describe('keystroke signal', () => {
  it('is 0 at the user’s own rhythm and up to the learning margin', () => {
    const profile = profileWith({ keystroke: enrolledTemplate() });
    expect(keystrokeSignal.evaluate(context({ profile, features: at(0) })).strength).toBe(0);
    expect(keystrokeSignal.evaluate(context({ profile, features: at(1.35) })).strength).toBe(0);
  });

  it('rises linearly to full strength at 1.5x the accept threshold', () => {
    const profile = profileWith({ keystroke: enrolledTemplate() });
    const half = keystrokeSignal.evaluate(context({ profile, features: at(2.025) }));
    expect(half.strength).toBeCloseTo(0.5, 9);
    expect(half.evidence?.distance).toBeCloseTo(2.025, 9);
    expect(half.detail).toBe('typing distance 2.02 (accepted up to 1.8, full strength at 2.7)');
    expect(keystrokeSignal.evaluate(context({ profile, features: at(1.8) })).strength).toBeCloseTo(1 / 3, 9);
    expect(keystrokeSignal.evaluate(context({ profile, features: at(3.5) })).strength).toBe(1);
  });

  it('says how far enrolment has got when the user is not enrolled', () => {
    const partial = KeystrokeTemplate.create(FEATURES, { enrolSamples: 5 });
    partial.enrol(BASE);
    partial.enrol(BASE);
    const r = keystrokeSignal.evaluate(
      context({ profile: profileWith({ keystroke: partial }), features: at(4) }),
    );
    expect(r).toEqual({ strength: 0, detail: 'not enrolled (2 of 5 samples)' });
    const unknown = keystrokeSignal.evaluate(context({ features: at(4) }));
    expect(unknown).toEqual({ strength: 0, detail: 'not enrolled (0 of 5 samples)' });
  });

  it('is half strength for a sample of another length, 0 without a sample', () => {
    const profile = profileWith({ keystroke: enrolledTemplate() });
    const other = keystrokeSignal.evaluate(
      context({ profile, body: { keystrokes: typed([80, 90, 70], [150, 160]) } }),
    );
    expect(other.strength).toBe(0.5);
    expect(other.detail).toMatch(/typed 3 keys, the template has 4/);
    expect(keystrokeSignal.evaluate(context({ profile })).strength).toBe(0);
  });
});
