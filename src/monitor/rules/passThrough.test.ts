import { describe, expect, it } from 'vitest';
import { features, HOUR, harness, MINUTE, T0 } from './rules.fixture.js';

const RULES = `
rules:
  - id: mule
    type: pass-through
    severity: medium
    window: 1h
    ratio: 0.9
    minValue: 1000
`;

describe('pass-through', () => {
  it('fires when the outgoing transfers after an inbound one reach the ratio within the window', () => {
    const { send } = harness(RULES);
    expect(send({ from: 'bank', to: 'alice', valueUsd: 10_000, time: T0 })).toEqual([]);
    expect(send({ from: 'alice', to: 'x', valueUsd: 5_000, time: T0 + 10 * MINUTE })).toEqual([]);
    const [hit] = send(
      { from: 'alice', to: 'y', valueUsd: 4_000, time: T0 + HOUR },
      features({ out_over_last_in: 0.4 }),
    );
    expect(hit).toMatchObject({ ruleId: 'mule', type: 'pass-through', accounts: ['alice'], score: 0.5 });
    expect(hit?.explanation).toBe(
      'received 10,000, then sent 9,000 (90% of it) within 1 hour; rule: ≥ 90% of an inbound ≥ 1,000 sent on within 1 hour (values in the reference currency)',
    );
    expect(hit?.evidence).toContainEqual({ kind: 'feature', name: 'out_over_last_in', value: 0.4 });
  });

  it('does not fire just below the ratio, or for what leaves after the window', () => {
    const { send, hits } = harness(RULES);
    send({ from: 'bank', to: 'alice', valueUsd: 10_000, time: T0 });
    send({ from: 'alice', valueUsd: 8_999.99, time: T0 + MINUTE });
    send({ from: 'alice', valueUsd: 5_000, time: T0 + HOUR + 1 });
    expect(hits).toEqual([]);
  });

  it('ignores inbound transfers below minValue', () => {
    const { send, hits } = harness(RULES);
    send({ from: 'bank', to: 'alice', valueUsd: 999, time: T0 });
    send({ from: 'alice', valueUsd: 999, time: T0 + MINUTE });
    expect(hits).toEqual([]);
  });

  it('does not count a transfer sent before the inbound one, even when it arrives after it', () => {
    const { send, hits } = harness(RULES);
    send({ from: 'bank', to: 'alice', valueUsd: 10_000, time: T0 + 30 * MINUTE });
    send({ from: 'alice', valueUsd: 10_000, time: T0 + 29 * MINUTE });
    expect(hits).toEqual([]);
  });

  it('fires once per inbound transfer, and follows the latest one', () => {
    const { send, hits } = harness(RULES);
    send({ from: 'bank', to: 'alice', valueUsd: 10_000, time: T0 });
    send({ from: 'alice', valueUsd: 9_500, time: T0 + MINUTE });
    send({ from: 'alice', valueUsd: 9_500, time: T0 + 2 * MINUTE });
    expect(hits).toHaveLength(1);
    send({ from: 'bank', to: 'alice', valueUsd: 2_000, time: T0 + 3 * MINUTE });
    // A late, older inbound transfer does not replace the one being followed.
    send({ from: 'bank', to: 'alice', valueUsd: 50_000, time: T0 + 2 * MINUTE });
    send({ from: 'alice', valueUsd: 1_800, time: T0 + 4 * MINUTE });
    expect(hits).toHaveLength(2);
    expect(hits[1]?.explanation).toContain('received 2,000, then sent 1,800');
  });
});
