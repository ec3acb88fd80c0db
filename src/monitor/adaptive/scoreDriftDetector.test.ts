import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../ml/random.js';
import { type DriftReport, decileBaseline, ScoreDriftDetector } from './scoreDriftDetector.js';

const uniformBaseline = decileBaseline(Float64Array.from({ length: 10_000 }, (_, i) => (i + 0.5) / 10_000));

function detector(
  options: { window?: number; checkEvery?: number; cooldown?: number; threshold?: number } = {},
) {
  const reports: DriftReport[] = [];
  const drift = new ScoreDriftDetector({
    window: 1_000,
    checkEvery: 100,
    ...options,
    onDrift: (r) => reports.push(r),
  });
  drift.setBaseline(uniformBaseline);
  return { drift, reports };
}

describe('decileBaseline', () => {
  it('puts a tenth of the scores in each decile bin', () => {
    expect(uniformBaseline.edges).toHaveLength(9);
    expect(uniformBaseline.edges[0]).toBeCloseTo(0.1, 3);
    for (const p of uniformBaseline.proportions) expect(p).toBeCloseTo(0.1, 3);
  });

  it('keeps ties in one bin so the proportions still describe the scores', () => {
    const tied = decileBaseline(Float64Array.from({ length: 100 }, (_, i) => (i < 50 ? 0 : i)));
    const sum = tied.proportions.reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(1, 12);
    expect(Math.max(...tied.proportions)).toBeCloseTo(0.5, 12);
  });
});

describe('ScoreDriftDetector', () => {
  it('stays quiet when scores keep the training distribution', () => {
    const { drift, reports } = detector();
    const random = seededRandom(3);
    for (let i = 0; i < 5_000; i++) drift.observe(random.next());
    expect(reports).toHaveLength(0);
    expect(drift.lastPsi).toBeLessThan(0.1);
  });

  it('reports a shift towards high scores with both distributions and the window size', () => {
    const { drift, reports } = detector();
    const random = seededRandom(4);
    for (let i = 0; i < 1_000; i++) drift.observe(random.next());
    expect(reports).toHaveLength(0);
    // Half of the traffic now scores in the top decile.
    for (let i = 0; i < 1_000; i++) drift.observe(i % 2 === 0 ? 0.9 + random.next() * 0.1 : random.next());
    expect(reports.length).toBeGreaterThanOrEqual(1);
    const report = reports[0] as DriftReport;
    expect(report.psi).toBeGreaterThanOrEqual(0.2);
    expect(report.level).toBe('significant');
    expect(report.window).toBe(1_000);
    expect(report.baselineBins).toHaveLength(10);
    expect(report.currentBins.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(report.currentBins[9]).toBeGreaterThan(0.2);
  });

  it('waits for a full window before judging', () => {
    const { drift, reports } = detector();
    for (let i = 0; i < 999; i++) drift.observe(0.99);
    expect(reports).toHaveLength(0);
    expect(drift.lastPsi).toBeNaN();
    drift.observe(0.99);
    expect(reports).toHaveLength(1);
  });

  it('reports a sustained shift once per cool-down', () => {
    const { drift, reports } = detector({ cooldown: 2_000 });
    for (let i = 0; i < 1_000; i++) drift.observe(0.99);
    expect(reports.map((r) => r.observed)).toEqual([1_000]);
    // Checked every 100 scores, drifted at every check, but silent until 2,000 scores have passed.
    for (let i = 0; i < 1_999; i++) drift.observe(0.99);
    expect(reports).toHaveLength(1);
    drift.observe(0.99);
    expect(reports.map((r) => r.observed)).toEqual([1_000, 3_000]);
  });

  it('reports at every drifted check with no cool-down, and only once with an endless one', () => {
    const none = detector({ cooldown: 0 });
    const endless = detector({ cooldown: Number.POSITIVE_INFINITY });
    for (let i = 0; i < 1_500; i++) {
      none.drift.observe(0.99);
      endless.drift.observe(0.99);
    }
    expect(none.reports.map((r) => r.observed)).toEqual([1_000, 1_100, 1_200, 1_300, 1_400, 1_500]);
    expect(endless.reports.map((r) => r.observed)).toEqual([1_000]);
  });

  it('starts over when a new baseline is set and ignores scores without one', () => {
    const reports: DriftReport[] = [];
    const drift = new ScoreDriftDetector({ window: 100, checkEvery: 10, onDrift: (r) => reports.push(r) });
    for (let i = 0; i < 500; i++) drift.observe(0.99);
    expect(drift.observed).toBe(0);
    drift.setBaseline(uniformBaseline);
    for (let i = 0; i < 100; i++) drift.observe(0.99);
    expect(reports).toHaveLength(1);
    drift.setBaseline(uniformBaseline);
    expect(drift.observed).toBe(0);
    for (let i = 0; i < 100; i++) drift.observe(0.99);
    // The cool-down was forgotten with the old model.
    expect(reports).toHaveLength(2);
  });

  it('refuses malformed baselines and options', () => {
    const drift = new ScoreDriftDetector({ onDrift: () => {} });
    expect(() =>
      drift.setBaseline({ edges: Float64Array.from([0.5]), proportions: Float64Array.from([1]) }),
    ).toThrow(/2 proportions/);
    expect(() =>
      drift.setBaseline({
        edges: Float64Array.from([0.5, 0.2]),
        proportions: Float64Array.from([0.3, 0.3, 0.4]),
      }),
    ).toThrow(/ascending/);
    expect(() => new ScoreDriftDetector({ window: 0, onDrift: () => {} })).toThrow(/window/);
    expect(() => new ScoreDriftDetector({ threshold: 0, onDrift: () => {} })).toThrow(/threshold/);
  });
});
