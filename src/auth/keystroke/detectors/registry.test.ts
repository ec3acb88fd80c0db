import { describe, expect, it } from 'vitest';
import { fromRows, matrix } from '../../../ml/matrix.js';
import { seededRandom } from '../../../ml/random.js';
import { ARGUS_DETECTOR, KEYSTROKE_DETECTORS, REFERENCE_DETECTOR } from './registry.js';

describe('keystroke detector registry', () => {
  it('lists the reference first and Argus’s detector, with unique names', () => {
    const names = KEYSTROKE_DETECTORS.map((d) => d.name);
    expect(names[0]).toBe(REFERENCE_DETECTOR);
    expect(names).toContain(ARGUS_DETECTOR);
    expect(new Set(names).size).toBe(names.length);
  });

  // A user with a steady rhythm; the impostor types the same phrase at a different one.
  const rng = seededRandom(11);
  const base = [90, 180, 90, 110, 240, 130, 80];
  const other = [140, 120, -20, 70, 320, 250, 120];
  const noisy = (v: number[]) => Float64Array.from(v, (x) => x + 12 * (rng.next() - 0.5));
  const train = matrix(8, base.length);
  for (let i = 0; i < 8; i++) train.data.set(noisy(base), i * base.length);

  for (const detector of KEYSTROKE_DETECTORS) {
    describe(detector.name, () => {
      it('scores the user’s own new samples below an impostor’s', () => {
        const score = detector.fit(train);
        for (let k = 0; k < 5; k++) expect(score(noisy(base))).toBeLessThan(score(noisy(other)));
      });

      it('refuses one training sample, non-finite training values and a sample of the wrong length', () => {
        expect(() => detector.fit(fromRows([[1, 2]]))).toThrow(/at least 2 training samples/);
        expect(() =>
          detector.fit(
            fromRows([
              [1, Number.NaN],
              [2, 3],
            ]),
          ),
        ).toThrow(/not finite/);
        const score = detector.fit(train);
        expect(() => score(Float64Array.of(1, 2))).toThrow(/2 features/);
      });
    });
  }
});
