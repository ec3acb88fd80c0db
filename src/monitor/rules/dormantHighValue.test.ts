import { describe, expect, it } from 'vitest';
import { features, harness } from './rules.fixture.js';

const RULES = `
rules:
  - id: dormant
    type: dormant-high-value
    severity: high
    dormantFor: 30d
    minValue: 50000
`;

describe('dormant-high-value', () => {
  it('fires at exactly the dormancy and value thresholds, and names both in the explanation', () => {
    const { send } = harness(RULES);
    const [hit, ...rest] = send({ valueUsd: 50_000, to: 'mallory' }, features({ dormancy_days: 30 }));
    expect(rest).toEqual([]);
    expect(hit).toMatchObject({
      ruleId: 'dormant',
      type: 'dormant-high-value',
      severity: 'high',
      accounts: ['alice'],
    });
    expect(hit?.score).toBe(0.5);
    expect(hit?.explanation).toBe(
      'dormant for 30 days, then sent 50,000 USD to mallory; rule: ≥ 30 days dormant and ≥ 50,000',
    );
    expect(hit?.evidence).toContainEqual({ kind: 'feature', name: 'dormancy_days', value: 30, baseline: 30 });
  });

  it('does not fire just below either threshold', () => {
    const { send } = harness(RULES);
    expect(send({ valueUsd: 49_999.99 }, features({ dormancy_days: 41 }))).toEqual([]);
    expect(send({ valueUsd: 120_000 }, features({ dormancy_days: 29.99 }))).toEqual([]);
  });

  it('scores further past the thresholds higher', () => {
    const { send } = harness(RULES);
    const [hit] = send({ valueUsd: 120_000 }, features({ dormancy_days: 41 }));
    expect(hit?.explanation).toContain('dormant for 41 days, then sent 120,000 USD');
    expect(hit?.score).toBeGreaterThan(0.6);
    expect(hit?.score).toBeLessThan(1);
  });

  it('compares amount when the event has no valueUsd, and says the unit is the asset', () => {
    const { send } = harness(RULES);
    const [hit] = send(
      { valueUsd: undefined, amount: 60_000, asset: 'DAI' },
      features({ dormancy_days: 90 }),
    );
    expect(hit?.explanation).toContain('sent 60,000 DAI');
    expect(send({ valueUsd: 10, amount: 60_000 }, features({ dormancy_days: 90 }))).toEqual([]);
  });
});
