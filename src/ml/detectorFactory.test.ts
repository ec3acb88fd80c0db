import { describe, expect, it } from 'vitest';
import { createDetector, DETECTOR_NAMES, loadDetector } from './detectorFactory.js';
import { type Matrix, matrix, row } from './matrix.js';
import { seededRandom } from './random.js';

/** A small correlated 4-D blob with two far rows and some missing values. */
function table(): Matrix {
  const random = seededRandom(21);
  const x = matrix(300, 4);
  for (let i = 0; i < 300; i++) {
    const a = random.next() - 0.5;
    const b = random.next() - 0.5;
    x.data.set([a, b, a + 0.1 * b, a - b], i * 4);
  }
  x.data.set([4, -4, 0, 3], 0);
  x.data.set([0, 5, -5, 0], 4 * 150);
  x.data[4 * 10 + 2] = Number.NaN;
  x.data[4 * 20] = Number.NaN;
  return x;
}

describe('every detector', () => {
  const x = table();

  it.each(DETECTOR_NAMES)(
    '%s: scoreRow equals score on every row, before and after a JSON round trip',
    (name) => {
      const detector = createDetector(name, 3);
      detector.fit(x);
      const scores = detector.score(x);
      for (let i = 0; i < x.rows; i++) expect(detector.scoreRow(row(x, i))).toBe(scores[i]);
      const loaded = loadDetector(JSON.parse(JSON.stringify(detector.save())));
      expect(loaded.kind).toBe(detector.kind);
      const reloaded = loaded.score(x);
      expect(Array.from(reloaded)).toEqual(Array.from(scores));
      for (let i = 0; i < x.rows; i += 37) expect(loaded.scoreRow(row(x, i))).toBe(scores[i]);
    },
  );

  it.each(DETECTOR_NAMES)('%s: ranks the two far rows in the top 5%%', (name) => {
    const detector = createDetector(name, 3);
    detector.fit(x);
    const scores = detector.score(x);
    const cut = Float64Array.from(scores).sort()[Math.floor(0.95 * scores.length)] as number;
    expect(scores[0]).toBeGreaterThanOrEqual(cut);
    expect(scores[150]).toBeGreaterThanOrEqual(cut);
  });

  it('refuses to load a kind it does not know', () => {
    expect(() => loadDetector({ format: 'argus-model', kind: 'svm', version: 1 })).toThrow(/svm/);
    expect(() => loadDetector(null)).toThrow(/undefined/);
  });
});
