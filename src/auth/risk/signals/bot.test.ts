import { describe, expect, it } from 'vitest';
import { botSignal } from './bot.js';
import { context, enrolledTemplate, profileWith, typed } from './signalContext.fixture.js';

const human = typed([95, 81, 110, 78, 102, 88], [160, 240, 130, 310, 190]);

describe('bot signal', () => {
  it('is quiet on a human rhythm', () => {
    const r = botSignal.evaluate(context({ body: { keystrokes: human } }));
    expect(r.strength).toBe(0);
    expect(r.detail).toMatch(/^human-like rhythm/);
  });

  it('fires on machine-regular intervals (CV below 0.1)', () => {
    const r = botSignal.evaluate(
      context({ body: { keystrokes: typed([95, 81, 110, 78, 102], [150, 152, 149, 151]) } }),
    );
    expect(r.strength).toBe(1);
    expect(r.detail).toMatch(/^machine-regular rhythm/);
    expect(r.evidence?.intervalCv).toBeLessThan(0.1);
  });

  it('fires on identical holds and on sub-human speed', () => {
    const holds = botSignal.evaluate(
      context({ body: { keystrokes: typed([50, 50, 50, 50, 50], [120, 250, 90, 300]) } }),
    );
    expect(holds.detail).toBe('every key held exactly 50 ms');
    const fast = botSignal.evaluate(
      context({ body: { keystrokes: typed([9, 14, 7, 12, 10], [12, 30, 8, 25]) } }),
    );
    expect(fast.strength).toBe(1);
    expect(fast.detail).toMatch(/^faster than people type: 18\.8 ms/);
  });

  it('fires when keystrokes are missing where expected', () => {
    expect(botSignal.evaluate(context({ body: { keystrokesExpected: true } })).strength).toBe(1);
    const enrolled = profileWith({ keystroke: enrolledTemplate() });
    expect(botSignal.evaluate(context({ profile: enrolled })).strength).toBe(0.5);
    expect(botSignal.evaluate(context({})).strength).toBe(0);
  });

  it('does not judge regularity on a coarse (100 ms) timer, but still judges speed', () => {
    const coarse = typed([100, 100, 100, 100, 100], [200, 200, 200, 200]);
    const r = botSignal.evaluate(context({ body: { keystrokes: coarse } }));
    expect(r.strength).toBe(0);
    expect(r.detail).toBe('coarse 100 ms timer: regularity not judged');
    const zeros = typed([0, 0, 0, 0, 0], [0, 0, 0, 0]);
    expect(botSignal.evaluate(context({ body: { keystrokes: zeros } })).strength).toBe(1);
  });

  it('needs at least three intervals to judge', () => {
    expect(
      botSignal.evaluate(context({ body: { keystrokes: typed([50, 50, 50], [100, 100]) } })).strength,
    ).toBe(0);
  });
});
