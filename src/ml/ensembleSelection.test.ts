import { describe, expect, it } from 'vitest';
import { pseudoLabelWeights, selectMembers, weightedCorrelation } from './ensembleSelection.js';
import { seededRandom } from './random.js';

/** Rank-like vectors: a shared signal plus member-specific noise, an inverted one and pure noise. */
function members(n: number): {
  signal: Float64Array;
  agreeing: Float64Array[];
  inverted: Float64Array;
  noise: Float64Array;
} {
  const random = seededRandom(11);
  const signal = Float64Array.from({ length: n }, () => random.next());
  const noisy = (amount: number) =>
    Float64Array.from(signal, (s) => (1 - amount) * s + amount * random.next());
  return {
    signal,
    agreeing: [noisy(0.1), noisy(0.2), noisy(0.3), noisy(0.4)],
    inverted: Float64Array.from(signal, (s) => 1 - s),
    noise: Float64Array.from({ length: n }, () => random.next()),
  };
}

/** The weighted average of the members' vectors. */
function combine(vectors: Float64Array[], weights: Float64Array): Float64Array {
  const out = new Float64Array((vectors[0] as Float64Array).length);
  vectors.forEach((v, k) => {
    for (let i = 0; i < out.length; i++)
      out[i] = (out[i] as number) + (weights[k] as number) * (v[i] as number);
  });
  return out;
}

describe('weightedCorrelation', () => {
  it('is Pearson correlation under weights, and 0 for a constant vector', () => {
    const a = Float64Array.from([1, 2, 3, 4]);
    const ones = new Float64Array(4).fill(1);
    expect(weightedCorrelation(a, Float64Array.from([2, 4, 6, 8]), ones)).toBeCloseTo(1, 12);
    expect(weightedCorrelation(a, Float64Array.from([4, 3, 2, 1]), ones)).toBeCloseTo(-1, 12);
    expect(weightedCorrelation(a, new Float64Array(4).fill(3), ones)).toBe(0);
    // Zero weight removes a row: without the last one the relation is exactly linear.
    const w = Float64Array.from([1, 1, 1, 0]);
    expect(weightedCorrelation(a, Float64Array.from([1, 2, 3, -50]), w)).toBeCloseTo(1, 12);
  });
});

describe('pseudoLabelWeights', () => {
  it('gives the top share and the rest half the weight each', () => {
    const target = Float64Array.from({ length: 20 }, (_, i) => i);
    const w = pseudoLabelWeights(target, 0.1);
    expect(w[19]).toBeCloseTo(0.25, 12);
    expect(w[18]).toBeCloseTo(0.25, 12);
    expect(w[0]).toBeCloseTo(0.5 / 18, 12);
    expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });
});

describe('selectMembers', () => {
  const { signal, agreeing, inverted, noise } = members(2000);
  const all = [...agreeing, inverted, noise];
  const ones = new Float64Array(2000).fill(1);

  it('SELECT drops an inverted member and pure noise, and beats the plain average', () => {
    const { weights, correlations } = selectMembers(all, 'select');
    expect(weights[0]).toBeGreaterThan(0);
    expect(weights[4]).toBe(0);
    expect(weights[5]).toBe(0);
    expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(correlations[4]).toBeLessThan(0);
    expect(Math.abs(correlations[5] as number)).toBeLessThan(0.2);
    expect(correlations[0]).toBeGreaterThan(correlations[3] as number);
    const selected = weightedCorrelation(combine(all, weights), signal, ones);
    const plain = weightedCorrelation(combine(all, selectMembers(all, 'none').weights), signal, ones);
    expect(selected).toBeGreaterThan(plain + 0.1);
  });

  it('correlation weighting zeroes negatively correlated members and favours the closest', () => {
    const { weights } = selectMembers([...agreeing, inverted], 'correlation');
    expect(weights[4]).toBe(0);
    expect(weights[0]).toBeGreaterThan(weights[3] as number);
    expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it("'none' weighs every member equally", () => {
    const { weights } = selectMembers([...agreeing, inverted], 'none');
    expect(Array.from(weights)).toEqual([0.2, 0.2, 0.2, 0.2, 0.2]);
  });

  it('refuses no members and members scoring different rows', () => {
    expect(() => selectMembers([], 'select')).toThrow(RangeError);
    expect(() => selectMembers([new Float64Array(3), new Float64Array(4)], 'select')).toThrow(/same rows/);
  });
});
