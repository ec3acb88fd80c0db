import { describe, expect, it } from 'vitest';
import { fromRows } from '../../../ml/matrix.js';
import { ARGUS_KEYSTROKE_PARAMS, argusKeystroke, createBoundedManhattan } from './boundedManhattan.js';
import { scaledManhattan } from './scaledManhattan.js';

const train = fromRows([
  [100, 200, 50, 80],
  [110, 190, 52, 90],
  [90, 210, 48, 85],
  [104, 196, 50, 86],
]);

describe('Argus bounded Manhattan', () => {
  it('scores the median centre 0 and caps each feature at `cap` spreads', () => {
    const score = createBoundedManhattan({ cap: 4, spreadFloor: 0, centre: 'median' }).fit(train);
    // Medians: 102, 198, 50, 85.5.
    expect(score(Float64Array.of(102, 198, 50, 85.5))).toBe(0);
    // Feature 0 is 10,000 ms off: it adds the cap (4), not thousands.
    expect(score(Float64Array.of(10_102, 198, 50, 85.5))).toBe(4);
  });

  it('floors a spread at a fraction of the user’s median spread', () => {
    const tight = fromRows([
      [100, 200, 50],
      [110, 180, 50],
      [90, 220, 50],
    ]);
    // Spreads about the median: 20/3, 40/3, 0 → the floor (0.25 × 20/3) applies to the third feature.
    const floored = createBoundedManhattan({
      cap: Number.POSITIVE_INFINITY,
      spreadFloor: 0.25,
      centre: 'median',
    });
    expect(floored.fit(tight)(Float64Array.of(100, 200, 51))).toBeCloseTo(1 / (0.25 * (20 / 3)), 12);
    // Without the floor a zero spread counts any difference as the cap.
    const bare = createBoundedManhattan({ cap: 4, spreadFloor: 0, centre: 'median' });
    expect(bare.fit(tight)(Float64Array.of(100, 200, 51))).toBe(4);
  });

  it('does not reject a genuine sample for one hesitation the way scaled Manhattan does', () => {
    const genuineWithPause = Float64Array.of(101, 199, 51, 1500);
    const impostor = Float64Array.of(130, 160, 70, 60);
    const argus = argusKeystroke.fit(train);
    const reference = scaledManhattan.fit(train);
    expect(argus(genuineWithPause)).toBeLessThan(argus(impostor));
    expect(reference(genuineWithPause)).toBeGreaterThan(reference(impostor));
  });

  it('uses the documented defaults', () => {
    expect(ARGUS_KEYSTROKE_PARAMS).toEqual({ cap: 4, spreadFloor: 0.25, centre: 'median' });
    expect(argusKeystroke.name).toBe('argus');
  });
});
