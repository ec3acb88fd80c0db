import { describe, expect, it } from 'vitest';
import { matrix } from '../../ml/matrix.js';
import { featureBaselines, featureBinOf, loadFeatureBaselines } from './featureBaselines.js';
import { normalRows } from './syntheticRows.fixture.js';

describe('featureBinOf', () => {
  it('gives the edge values bins of their own between the gaps', () => {
    const edges = Float64Array.of(0, 1, 5);
    expect([-1, 0, 0.5, 1, 3, 5, 9].map((v) => featureBinOf(edges, v))).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(featureBinOf(edges, Number.NaN)).toBe(0);
    expect(featureBinOf(new Float64Array(0), 42)).toBe(0);
  });
});

describe('featureBaselines', () => {
  it('splits a continuous column into deciles of about a tenth each', () => {
    const [first] = featureBaselines(normalRows(5_000, 2, 3));
    expect(first?.edges).toHaveLength(9);
    const gaps = Array.from(first?.proportions ?? []).filter((_, b) => b % 2 === 0);
    for (const share of gaps) expect(share).toBeCloseTo(0.1, 2);
  });

  it("keeps a mostly-zero flag's two values apart, so its share can be seen to move", () => {
    const x = matrix(1_000, 1);
    for (let i = 0; i < 1_000; i++) x.data[i] = i % 12 === 0 ? 1 : 0;
    const [flag] = featureBaselines(x);
    expect(Array.from(flag?.edges ?? [])).toEqual([0]);
    expect(Array.from(flag?.proportions ?? [])).toEqual([0, 916 / 1_000, 84 / 1_000]);
  });

  it('reads at most maxRows rows, strided over the whole window, and survives a column with no finite value', () => {
    const x = matrix(10_000, 2);
    for (let i = 0; i < 10_000; i++) {
      x.data[i * 2] = i;
      x.data[i * 2 + 1] = Number.NaN;
    }
    const [ramp, empty] = featureBaselines(x, 100);
    // Rows 0, 100, ..., 9,900: the deciles of those hundred values.
    expect(ramp?.edges[0]).toBeCloseTo(990, 9);
    expect(ramp?.edges[8]).toBeCloseTo(8_910, 9);
    expect(Array.from(empty?.edges ?? [])).toEqual([]);
    expect(Array.from(empty?.proportions ?? [])).toEqual([1]);
  });

  it('loads what it saved and refuses a malformed save', () => {
    const saved = featureBaselines(normalRows(500, 3, 1)).map((b) => ({
      edges: Array.from(b.edges),
      proportions: Array.from(b.proportions),
    }));
    const loaded = loadFeatureBaselines(JSON.parse(JSON.stringify(saved)), 3);
    expect(loaded?.map((b) => Array.from(b.proportions))).toEqual(saved.map((b) => b.proportions));
    expect(loadFeatureBaselines(undefined, 3)).toBeUndefined();
    expect(() => loadFeatureBaselines(saved, 4)).toThrow(/4 features/);
    expect(() => loadFeatureBaselines([{ edges: [1], proportions: [1] }], 1)).toThrow(/expected 3/);
  });
});
