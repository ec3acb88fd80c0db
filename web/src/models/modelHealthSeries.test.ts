import { describe, expect, it } from 'vitest';
import type { ModelHealthCheck } from './modelHealthApi.js';
import {
  alertRateBuckets,
  distributionOf,
  featureDriftRows,
  levelOf,
  perThousand,
  splitRows,
} from './modelHealthSeries.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 10, 1);

function check(
  at: number,
  alerts: { scored: number; model: number; rules: number },
  psi = 0.05,
): ModelHealthCheck {
  return {
    model: 'monitor',
    at,
    generation: 1,
    sampleSize: 1_000,
    psi,
    level: levelOf(psi),
    details: {
      kind: 'check',
      alerts: { ...alerts, modelRate: 0, ruleRate: 0 },
      histogram: {
        edges: [0.25, 0.5, 0.75],
        current: [0.1, 0.2, 0.3, 0.4],
        baseline: [0.25, 0.25, 0.25, 0.25],
      },
      deciles: { edges: [0.5], current: [0.3, 0.7], baseline: [0.5, 0.5] },
      features: [
        { name: 'amount_log', psi: 0.05 },
        { name: 'fan_out_log', psi: 0.31 },
        { name: 'dormancy_days', psi: 0.12 },
      ],
    },
  };
}

describe('model health series', () => {
  it('reads PSI the conventional way', () => {
    expect([0, 0.0999, 0.1, 0.1999, 0.2, 3].map(levelOf)).toEqual([
      'stable',
      'stable',
      'moderate',
      'moderate',
      'significant',
      'significant',
    ]);
  });

  it('splits checks from retrains, each oldest first', () => {
    const retrain: ModelHealthCheck = {
      ...check(T0 + 1, { scored: 0, model: 0, rules: 0 }),
      details: { kind: 'retrain' },
    };
    const [a, b] = [
      check(T0, { scored: 1, model: 0, rules: 0 }),
      check(T0 + 2, { scored: 1, model: 0, rules: 0 }),
    ];
    expect(splitRows([a, retrain, b])).toEqual({ checks: [a, b], retrains: [retrain] });
  });

  it('labels score bins by their range and deciles by rank', () => {
    const c = check(T0, { scored: 1, model: 0, rules: 0 });
    expect(distributionOf(c, 'histogram')?.labels).toEqual([
      '0.00–0.25',
      '0.25–0.50',
      '0.50–0.75',
      '0.75–1.00',
    ]);
    expect(distributionOf(c, 'deciles')).toEqual({
      labels: ['D1', 'D2'],
      current: [0.3, 0.7],
      baseline: [0.5, 0.5],
    });
    expect(distributionOf({ ...c, details: { kind: 'check' } }, 'histogram')).toBeUndefined();
  });

  it('sums alert counts per bucket, keeping empty buckets as gaps', () => {
    const checks = [
      check(T0 + HOUR, { scored: 100, model: 1, rules: 2 }),
      check(T0 + 5 * HOUR, { scored: 300, model: 0, rules: 1 }),
      check(T0 + 2 * DAY + HOUR, { scored: 200, model: 2, rules: 0 }),
    ];
    expect(alertRateBuckets(checks, DAY)).toEqual([
      { start: T0, scored: 400, model: 1, rules: 3 },
      { start: T0 + DAY, scored: 0, model: 0, rules: 0 },
      { start: T0 + 2 * DAY, scored: 200, model: 2, rules: 0 },
    ]);
    expect(perThousand(1, 400)).toBe(2.5);
    expect(perThousand(0, 0)).toBeNull();
    expect(alertRateBuckets([], DAY)).toEqual([]);
  });

  it('ranks features by PSI beside their value at an earlier check', () => {
    const now = check(T0 + DAY, { scored: 1, model: 0, rules: 0 });
    const before = check(T0, { scored: 1, model: 0, rules: 0 });
    before.details.features = [{ name: 'fan_out_log', psi: 0.02 }];
    expect(featureDriftRows(now, before)).toEqual([
      { name: 'fan_out_log', psi: 0.31, level: 'significant', earlier: 0.02 },
      { name: 'dormancy_days', psi: 0.12, level: 'moderate', earlier: undefined },
      { name: 'amount_log', psi: 0.05, level: 'stable', earlier: undefined },
    ]);
  });
});
