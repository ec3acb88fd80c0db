import { describe, expect, it } from 'vitest';
import { features, harness } from './rules.fixture.js';

const RULES = `
rules:
  - id: new-payee
    type: new-address-high-value
    severity: medium
    minValue: 50000
    minAccountAge: 7d
`;

describe('new-address-high-value', () => {
  it('fires on a first transfer to a new recipient at the value and account-age thresholds', () => {
    const { send } = harness(RULES);
    const [hit] = send(
      { valueUsd: 50_000, to: 'mallory' },
      features({ new_counterparty: 1, account_age_days: 7 }),
    );
    expect(hit?.explanation).toBe(
      'sent 50,000 USD to mallory, a recipient this account never paid before; rule: first transfer to a new recipient and ≥ 50,000 from an account at least 7 days old',
    );
    expect(hit?.accounts).toEqual(['alice']);
  });

  it('does not fire for a known recipient, a smaller value or a younger account', () => {
    const { send, hits } = harness(RULES);
    send({ valueUsd: 90_000 }, features({ new_counterparty: 0, account_age_days: 100 }));
    send({ valueUsd: 49_999 }, features({ new_counterparty: 1, account_age_days: 100 }));
    send({ valueUsd: 90_000 }, features({ new_counterparty: 1, account_age_days: 6.9 }));
    expect(hits).toEqual([]);
  });

  it('with minTimesUsual, needs that many times the usual transfer of an account that has one', () => {
    const { send, hits } = harness(`${RULES}    minTimesUsual: 10\n`);
    // Earlier transfers: decayed weight 2 and sum 20,000, a usual transfer of 10,000.
    const row = (value: number) =>
      features({
        new_counterparty: 1,
        account_age_days: 30,
        out_count_7d: 3,
        out_sum_7d: Math.log1p(20_000 + value),
      });
    send({ valueUsd: 90_000 }, row(90_000));
    expect(hits).toEqual([]);
    const [hit] = send({ valueUsd: 101_000 }, row(101_000));
    expect(hit?.explanation).toContain('(usual transfer 10,000)');
    expect(hit?.explanation).toContain('≥ 50,000 and ≥ 10× its usual transfer');
    // An account that never sent has no usual transfer: minValue alone decides.
    expect(
      send({ from: 'new', valueUsd: 50_000 }, features({ new_counterparty: 1, account_age_days: 30 })),
    ).toHaveLength(1);
  });
});
