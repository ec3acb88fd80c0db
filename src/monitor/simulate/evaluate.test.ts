import { describe, expect, it } from 'vitest';
import { type DetectionAlert, evaluateDetections, type IncidentLike, quantile } from './evaluate.js';
import { formatDelay, formatEvaluation } from './formatEvaluation.js';

const HOUR = 3_600_000;

const incidents: IncidentLike[] = [
  { typology: 'structuring', id: 's1', accounts: ['acc1'], start: 1_000_000, end: 1_600_000 },
  { typology: 'structuring', id: 's2', accounts: ['acc2'], start: 5_000_000, end: 5_000_000 },
  { typology: 'dormant-drain', id: 'd1', accounts: ['acc3'], start: 10_000_000, end: 10_060_000 },
  {
    typology: 'coordinated-withdrawal',
    id: 'c1',
    accounts: ['acc4', 'acc5'],
    start: 20_000_000,
    end: 20_300_000,
  },
  { typology: 'takeover-burst', id: 't1', accounts: ['acc6'], start: 30_000_000, end: 30_100_000 },
];

const a = (detector: string, subjectId: string, occurredAt: number): DetectionAlert => ({
  detector,
  subjectId,
  occurredAt,
});

const alerts: DetectionAlert[] = [
  a('rule-structuring', 'acc1', 1_060_000), // s1, 60 s after start
  a('rule-structuring', 'acc1', 1_300_000), // s1 again
  a('rule-structuring', 'acc1', 1_600_000 + HOUR), // s1, exactly at end + grace
  a('rule-structuring', 'acc1', 1_600_000 + HOUR + 1), // one ms too late: FP
  a('rule-structuring', 'acc1', 999_999), // before the start: FP
  a('rule-structuring', 'acc9', 2_000_000), // not an incident account: FP
  a('iforest', 'acc2', 5_180_000), // s2, 180 s
  a('iforest', 'acc3', 10_000_000), // d1, 0 s
  a('iforest', 'acc7', 11_000_000), // FP
  a('iforest', 'acc8', 12_000_000), // FP
  a('iforest', 'acc9', 13_000_000), // FP
  a('coordinated', 'acc5', 20_600_000), // c1 via its second account, 600 s
  a('noisy', 'acc1', 50_000_000), // FP of a detector that never hits
  a('noisy', 'acc4', 19_999_999), // FP, just before c1
];

describe('evaluateDetections', () => {
  const report = evaluateDetections({ incidents }, alerts);
  const byTypology = Object.fromEntries(report.typologies.map((t) => [t.typology, t]));

  it('counts recall and detection delay per typology', () => {
    expect(report.typologies.map((t) => t.typology)).toEqual([
      'dormant-drain',
      'coordinated-withdrawal',
      'structuring',
      'takeover-burst',
    ]);
    expect(byTypology.structuring).toMatchObject({
      incidents: 2,
      detected: 2,
      recall: 1,
      delayMedianSeconds: 120,
      delayP90Seconds: 168, // 60 + 0.9 · (180 - 60)
    });
    expect(byTypology['dormant-drain']).toMatchObject({
      detected: 1,
      delayMedianSeconds: 0,
      delayP90Seconds: 0,
    });
    expect(byTypology['coordinated-withdrawal']).toMatchObject({ detected: 1, delayMedianSeconds: 600 });
    expect(byTypology['takeover-burst']).toMatchObject({
      incidents: 1,
      detected: 0,
      recall: 0,
      delayMedianSeconds: null,
      truePositives: 0,
      precision: null,
    });
  });

  it('attributes each detector’s false positives to the typologies it caught, pro rata', () => {
    // rule-structuring: 3 TP all structuring, 3 FP -> 3 to structuring.
    // iforest: TP 1 structuring + 1 dormant, 3 FP -> 1.5 each. noisy: no TP -> unattributed.
    expect(byTypology.structuring?.truePositives).toBe(4);
    expect(byTypology.structuring?.attributedFalsePositives).toBeCloseTo(4.5, 12);
    expect(byTypology.structuring?.precision).toBeCloseTo(4 / 8.5, 12);
    expect(byTypology['dormant-drain']?.attributedFalsePositives).toBeCloseTo(1.5, 12);
    expect(byTypology['dormant-drain']?.precision).toBeCloseTo(0.4, 12);
    expect(byTypology['coordinated-withdrawal']).toMatchObject({
      truePositives: 1,
      attributedFalsePositives: 0,
      precision: 1,
    });
  });

  it('reports overall and per-detector figures', () => {
    const { delayP90Seconds, ...overall } = report.overall;
    expect(delayP90Seconds).toBeCloseTo(474, 9); // delays 0, 60, 180, 600: 180 + 0.7 · (600 - 180)
    expect(overall).toEqual({
      incidents: 5,
      detected: 4,
      recall: 0.8,
      alerts: 14,
      truePositives: 6,
      falsePositives: 8,
      unattributedFalsePositives: 2,
      precision: 6 / 14,
      delayMedianSeconds: 120,
    });
    expect(report.detectors).toEqual([
      {
        detector: 'coordinated',
        alerts: 1,
        truePositives: 1,
        falsePositives: 0,
        precision: 1,
        incidentsDetected: 1,
      },
      {
        detector: 'iforest',
        alerts: 5,
        truePositives: 2,
        falsePositives: 3,
        precision: 0.4,
        incidentsDetected: 2,
      },
      {
        detector: 'noisy',
        alerts: 2,
        truePositives: 0,
        falsePositives: 2,
        precision: 0,
        incidentsDetected: 0,
      },
      {
        detector: 'rule-structuring',
        alerts: 6,
        truePositives: 3,
        falsePositives: 3,
        precision: 0.5,
        incidentsDetected: 1,
      },
    ]);
    expect(report.incidents.find((i) => i.id === 'c1')).toEqual({
      id: 'c1',
      typology: 'coordinated-withdrawal',
      detected: true,
      firstAlertAt: 20_600_000,
      delaySeconds: 600,
      detectors: ['coordinated'],
    });
  });

  it('honours a custom grace and takes a bare incident list', () => {
    const strict = evaluateDetections(incidents, alerts, { graceMs: 0 });
    // Only alerts inside [start, end] still count: two on s1 and the one on d1; s2's (180 s after its
    // single transfer), c1's (300 s after its end) and the one at s1's end + 1 h no longer do.
    expect(strict.overall.truePositives).toBe(3);
    expect(strict.graceSeconds).toBe(0);
    expect(strict.typologies.find((t) => t.typology === 'coordinated-withdrawal')?.detected).toBe(0);
  });

  it('counts an alert on an account shared by two typologies as a hit for both, once overall', () => {
    const shared: IncidentLike[] = [
      { typology: 'pass-through', id: 'p1', accounts: ['x'], start: 0, end: 1000 },
      { typology: 'takeover-burst', id: 't1', accounts: ['x'], start: 500, end: 2000 },
    ];
    const r = evaluateDetections(shared, [a('d', 'x', 600), a('d', 'y', 600)]);
    expect(r.overall.truePositives).toBe(1);
    expect(r.overall.detected).toBe(2);
    expect(r.typologies.map((t) => [t.typology, t.truePositives, t.attributedFalsePositives])).toEqual([
      ['pass-through', 1, 0.5],
      ['takeover-burst', 1, 0.5],
    ]);
  });

  it('handles no alerts and rejects a negative grace', () => {
    const r = evaluateDetections(incidents, []);
    expect(r.overall).toMatchObject({ alerts: 0, precision: null, recall: 0, detected: 0 });
    expect(() => evaluateDetections(incidents, [], { graceMs: -1 })).toThrow(/graceMs/);
  });
});

describe('quantile', () => {
  it('interpolates between closest ranks', () => {
    expect(quantile([], 0.5)).toBeNull();
    expect(quantile([7], 0.9)).toBe(7);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 0.9)).toBe(90);
  });
});

describe('formatEvaluation', () => {
  it('prints one row per typology, the total, the detectors and the precision definition', () => {
    const text = formatEvaluation(evaluateDetections({ incidents }, alerts));
    const lines = text.split('\n');
    const row = (name: string) => (lines.find((l) => l.startsWith(`${name} `)) ?? '').split(/\s+/);
    expect(row('structuring')).toEqual([
      'structuring',
      '2',
      '2',
      '100.0%',
      '2m00s',
      '2m48s',
      '4',
      '4.5',
      '47.1%',
    ]);
    expect(row('takeover-burst')).toEqual(['takeover-burst', '1', '0', '0.0%', '-', '-', '0', '0', '-']);
    expect(row('all')).toEqual(['all', '5', '4', '80.0%', '2m00s', '7m54s', '6', '8', '42.9%']);
    expect(row('iforest')).toEqual(['iforest', '5', '2', '3', '40.0%', '2']);
    expect(text).toMatch(/False positives from detectors that matched nothing:\s+2 /);
    expect(text).toMatch(/in proportion to its\s+true positives/);
  });

  it('formats delays in the two largest units', () => {
    expect([5, 125, 3 * 3600 + 120, 2 * 86_400 + 4 * 3600].map(formatDelay)).toEqual([
      '5s',
      '2m05s',
      '3h02m',
      '2d04h',
    ]);
    expect(formatDelay(null)).toBe('-');
  });
});
