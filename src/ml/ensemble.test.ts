import { describe, expect, it } from 'vitest';
import { createDetector } from './detectorFactory.js';
import { Ensemble } from './ensemble.js';
import { matrix } from './matrix.js';
import { seededRandom } from './random.js';
import { RankNormalizer } from './rankNormalizer.js';

function blobWithOutliers(): { x: ReturnType<typeof matrix>; outliers: number[] } {
  const random = seededRandom(7);
  const rows = 600;
  const x = matrix(rows, 3);
  for (let i = 0; i < rows * 3; i++) x.data[i] = random.next() - 0.5;
  const outliers = [10, 200, 590];
  for (const i of outliers) x.data[i * 3 + 1] = 6;
  return { x, outliers };
}

describe('RankNormalizer', () => {
  it('maps scores to mid-ranks among the reference scores', () => {
    const n = RankNormalizer.fit(Float64Array.from([3, 1, 2, 2]));
    expect(n.normalize(0)).toBe(0);
    expect(n.normalize(2)).toBe(0.5);
    expect(n.normalize(10)).toBe(1);
    expect(n.normalize(Number.NaN)).toBe(0.5);
  });
});

describe('Ensemble', () => {
  it('ranks injected outliers above every inlier, and survives a JSON round trip exactly', () => {
    const { x, outliers } = blobWithOutliers();
    const ensemble = createDetector('ensemble') as Ensemble;
    ensemble.fit(x);
    const scores = ensemble.score(x);
    const inlierMax = Math.max(...Array.from(scores).filter((_, i) => !outliers.includes(i)));
    for (const i of outliers) expect(scores[i]).toBeGreaterThan(inlierMax);
    const loaded = Ensemble.load(JSON.parse(JSON.stringify(ensemble.save())));
    expect(Array.from(loaded.score(x))).toEqual(Array.from(scores));
  });

  it('refuses to score before fit and to load an unknown member', () => {
    expect(() => createDetector('ensemble').score(matrix(1, 3))).toThrow(/not fitted/);
    const saved = {
      format: 'argus-model',
      kind: 'ensemble',
      version: 1,
      params: {},
      state: { members: [{ kind: 'svm' }], references: [[]], weights: [1] },
    };
    expect(() => Ensemble.load(saved)).toThrow(/svm/);
  });
});
