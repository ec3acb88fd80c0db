import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../ml/random.js';
import {
  type DriftReport,
  decileBaseline,
  histogramBinOf,
  SCORE_HISTOGRAM_BINS,
  ScoreDriftDetector,
} from './scoreDriftDetector.js';

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

  it('tells onCheck about every check, drifted or not, before onDrift hears of a drifted one', () => {
    const calls: string[] = [];
    const checks: DriftReport[] = [];
    const drift = new ScoreDriftDetector({
      window: 1_000,
      checkEvery: 100,
      onDrift: (r) => calls.push(`drift ${r.observed}`),
      onCheck: (r, drifted) => {
        checks.push(r);
        calls.push(`check ${r.observed} ${drifted}`);
      },
    });
    drift.setBaseline(uniformBaseline);
    const random = seededRandom(5);
    for (let i = 0; i < 1_200; i++) drift.observe(random.next());
    for (let i = 0; i < 1_000; i++) drift.observe(0.97 + random.next() * 0.03);
    const drifted = calls.filter((c) => c.startsWith('drift'));
    expect(drifted).toHaveLength(1);
    const at = calls.indexOf(drifted[0] as string);
    expect(calls[at - 1]).toMatch(/^check \d+ true$/);
    // Checks at 1,000 scores and every 100 after: 13 of them, the drifted one among them.
    expect(checks.map((r) => r.observed)).toEqual(Array.from({ length: 13 }, (_, i) => 1_000 + i * 100));
    expect(checks[0]?.psi).toBeLessThan(0.1);
    expect(checks.at(-1)?.psi).toBeGreaterThan(1);
  });

  it('counts the window over twenty equal bins of [0, 1] beside the training shares in them', () => {
    const checks: DriftReport[] = [];
    const drift = new ScoreDriftDetector({
      window: 400,
      checkEvery: 400,
      onDrift: () => {},
      onCheck: (r) => checks.push(r),
    });
    drift.setBaseline(uniformBaseline);
    // 100 scores each in the bins [0, 0.05), [0.5, 0.55) and [0.95, 1] (1 and above included), then the window slides.
    for (let i = 0; i < 100; i++) drift.observe(0.01);
    for (let i = 0; i < 100; i++) drift.observe(0.5);
    for (let i = 0; i < 100; i++) drift.observe(0.999);
    for (let i = 0; i < 100; i++) drift.observe(1.5);
    for (let i = 0; i < 400; i++) drift.observe(i < 200 ? -3 : 0.26);
    expect(checks).toHaveLength(2);
    const [first, second] = checks as [DriftReport, DriftReport];
    expect(first.histogram).toHaveLength(SCORE_HISTOGRAM_BINS);
    expect(first.histogram[0]).toBe(0.25);
    expect(first.histogram[10]).toBe(0.25);
    expect(first.histogram[19]).toBe(0.5);
    expect(Array.from(second.histogram).filter((v) => v > 0)).toEqual([0.5, 0.5]);
    expect(second.histogram[5]).toBe(0.5);
    for (const share of first.baselineHistogram ?? []) expect(share).toBeCloseTo(0.05, 12);
    expect(histogramBinOf(0.05)).toBe(1);
    expect(histogramBinOf(Number.NaN)).toBe(0);
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
