import { describe, expect, it } from 'vitest';
import { features, harness, MINUTE, T0 } from './rules.fixture.js';

const RULES = `
rules:
  - id: dormant
    type: dormant-high-value
    severity: high
    dormantFor: 30d
    minValue: 50000
`;

/** A row for an account whose earlier transfers average `usual` (weight 0.1, long decayed). */
function withUsual(usual: number, value: number, extra: Record<string, number> = {}): Float64Array {
  return features({ out_count_7d: 1.1, out_sum_7d: Math.log1p(0.1 * usual + value), ...extra });
}

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

describe('dormant-high-value over a window after waking', () => {
  const WINDOWED = `
rules:
  - id: drain
    type: dormant-high-value
    severity: high
    dormantFor: 30d
    window: 1h
    minValue: 1000
    minTimesUsual: 5
    requireNewRecipient: true
`;

  it('adds up the transfers of the hour after waking, and fires once when they reach minValue', () => {
    const { send, hits } = harness(WINDOWED);
    send({ valueUsd: 400, to: 'fence', time: T0 }, features({ dormancy_days: 45, new_counterparty: 1 }));
    send({ valueUsd: 400, to: 'fence', time: T0 + 10 * MINUTE });
    expect(hits).toEqual([]);
    const [hit] = send({ valueUsd: 300, to: 'fence', time: T0 + 20 * MINUTE });
    expect(hit?.explanation).toBe(
      'dormant for 45 days, then sent 1,100 USD within 20 minutes of waking, the last to fence (it never sent before);' +
        ' rule: ≥ 30 days dormant and ≥ 1,000 and ≥ 5× its usual transfer within 1 hour of waking, to a new recipient',
    );
    send({ valueUsd: 5_000, to: 'fence', time: T0 + 30 * MINUTE });
    expect(hits).toHaveLength(1);
  });

  it('does not count what leaves after the window, nor accounts that did not wake', () => {
    const { send, hits } = harness(WINDOWED);
    send({ valueUsd: 600, time: T0 }, features({ dormancy_days: 45, new_counterparty: 1 }));
    send({ valueUsd: 600, time: T0 + 61 * MINUTE });
    send(
      { from: 'bob', valueUsd: 50_000, time: T0 + 62 * MINUTE },
      features({ dormancy_days: 2, new_counterparty: 1 }),
    );
    expect(hits).toEqual([]);
  });

  it('needs the total to be minTimesUsual times the usual transfer when the account has one', () => {
    const { send, hits } = harness(WINDOWED);
    send({ valueUsd: 4_000, time: T0 }, withUsual(1_000, 4_000, { dormancy_days: 60, new_counterparty: 1 }));
    expect(hits).toEqual([]);
    send(
      { from: 'bob', valueUsd: 5_100, time: T0 },
      withUsual(1_000, 5_100, { dormancy_days: 60, new_counterparty: 1 }),
    );
    expect(hits.map((h) => h.accounts[0])).toEqual(['bob']);
    expect(hits[0]?.explanation).toContain('(its usual transfer: 1,000 USD)');
  });

  it('needs a new recipient among the transfers when requireNewRecipient is set', () => {
    const { send, hits } = harness(WINDOWED);
    send({ valueUsd: 3_000, to: 'own-wallet', time: T0 }, features({ dormancy_days: 60 }));
    expect(hits).toEqual([]);
    send({ valueUsd: 10, to: 'fence', time: T0 + MINUTE }, features({ new_counterparty: 1 }));
    expect(hits).toHaveLength(1);
  });
});
