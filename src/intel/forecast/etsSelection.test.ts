import { describe, expect, it } from 'vitest';
import { etsCandidates, etsName, selectEts } from './etsSelection.js';
import { normalNoise } from './normalNoise.js';

interface Truth {
  alpha: number;
  beta: number;
  gamma: number;
  phi: number;
  period: number;
  multiplicative: boolean;
  level: number;
  slope: number;
  season: number[];
}

/**
 * Draws a series from an additive-error ETS model by its own state equations (written out here, apart
 * from holtWinters.ts, so that a slip in one does not hide in the other).
 */
function simulate(n: number, seed: number, truth: Truth): Float64Array {
  const noise = normalNoise(n, seed);
  const y = new Float64Array(n);
  const s = [...truth.season];
  let l = truth.level;
  let b = truth.slope;
  for (let t = 0; t < n; t++) {
    const j = t % truth.period;
    const base = l + truth.phi * b;
    const st = s[j] as number;
    const e = noise[t] as number;
    y[t] = (truth.multiplicative ? base * st : base + st) + e;
    const w = truth.multiplicative ? 1 / st : 1;
    l = base + truth.alpha * e * w;
    b = truth.phi * b + truth.beta * e * w;
    s[j] = st + truth.gamma * e * (truth.multiplicative ? 1 / base : 1);
  }
  return y;
}

const flat = { beta: 0, gamma: 0, phi: 1, period: 1, multiplicative: false, slope: 0, season: [0] };
const GENERATORS: [string, Truth][] = [
  ['ETS(A,N,N)', { ...flat, alpha: 0.3, level: 20 }],
  ['ETS(A,A,N)', { ...flat, alpha: 0.3, beta: 0.05, level: 20, slope: 1 }],
  ['ETS(A,Ad,N)', { ...flat, alpha: 0.3, beta: 0.1, phi: 0.85, level: 20, slope: 3 }],
  ['ETS(A,N,A)', { ...flat, alpha: 0.2, gamma: 0.1, period: 4, level: 20, season: [5, -3, 2, -4] }],
  [
    'ETS(A,A,A)',
    { ...flat, alpha: 0.2, beta: 0.02, gamma: 0.05, period: 4, level: 20, slope: 1, season: [5, -3, 2, -4] },
  ],
  [
    'ETS(A,A,M)',
    {
      ...flat,
      alpha: 0.2,
      beta: 0.02,
      gamma: 0.05,
      period: 4,
      multiplicative: true,
      level: 20,
      slope: 1,
      season: [1.3, 0.7, 1.1, 0.9],
    },
  ],
];

describe('selectEts', () => {
  it.each(GENERATORS)('selects %s for most series drawn from it', { timeout: 30_000 }, (name, truth) => {
    // AICc is a statistic, not an oracle: 8 of 10 seeded draws of 100 points is the bar.
    let hits = 0;
    const chosen: string[] = [];
    for (let seed = 1; seed <= 10; seed++) {
      const selection = selectEts(simulate(100, seed, truth), { period: truth.period });
      chosen.push(selection.name);
      if (selection.name === name) hits++;
    }
    expect(hits, chosen.join(', ')).toBeGreaterThanOrEqual(8);
  });

  it('picks the lowest AICc among the fitted candidates, and the same one every time', () => {
    const y = simulate(60, 42, GENERATORS[3]?.[1] as Truth);
    const selection = selectEts(y, { period: 4 });
    const fitted = selection.candidates.filter((c) => c.skipped === undefined);
    expect(fitted.length).toBeGreaterThanOrEqual(6);
    expect(selection.model.aicc).toBe(Math.min(...fitted.map((c) => c.aicc)));
    expect(selectEts(y, { period: 4 })).toEqual(selection);
  });

  it('offers SES first, seasons only with a period and two seasons of data, multiplicative only above 0', () => {
    const positive = Array.from({ length: 24 }, (_, t) => 10 + (t % 4));
    const names = (y: number[], period?: number) =>
      etsCandidates(y, period === undefined ? {} : { period }).map(etsName);
    expect(names(positive)).toEqual(['ETS(A,N,N)', 'ETS(A,A,N)', 'ETS(A,Ad,N)']);
    expect(names(positive, 4)).toHaveLength(9);
    expect(names(positive, 4)).toContain('ETS(A,Ad,M)');
    expect(names([0, ...positive], 4)).not.toContain('ETS(A,N,M)');
    expect(names([0, ...positive], 4)).toContain('ETS(A,N,A)');
    expect(names(positive, 13)).toHaveLength(3);
  });

  it('drops candidates with too many parameters for their AICc, and fails when none is left', () => {
    // 9 points: ETS(A,N,N) has k = 3 (α, ℓ0, σ²), ETS(A,Ad,N) k = 6; the seasonal ones need more.
    const y = [3, 5, 4, 6, 5, 7, 6, 8, 7];
    const selection = selectEts(y, { period: 4 });
    expect(selection.candidates.find((c) => c.name === 'ETS(A,N,N)')?.skipped).toBeUndefined();
    expect(selection.candidates.find((c) => c.name === 'ETS(A,A,A)')?.skipped).toBeDefined();
    expect(() => selectEts([1, 2, 3, 4])).toThrow(/no exponential smoothing model/);
  });
});
