import { describe, expect, it } from 'vitest';
import { HOUR, harness, T0 } from './rules.fixture.js';

const RULES = `
rules:
  - id: below-10k
    type: structuring
    severity: high
    threshold: 10000
    margin: 0.1
    minCount: 3
    window: 24h
`;

describe('structuring', () => {
  it('fires on the 3rd transfer in [9,000, 10,000) within the window, the band edges included and excluded', () => {
    const { send } = harness(RULES);
    expect(send({ valueUsd: 9_000, time: T0 })).toEqual([]);
    expect(send({ valueUsd: 9_999.99, time: T0 + HOUR })).toEqual([]);
    const [hit] = send({ valueUsd: 9_500, time: T0 + 24 * HOUR });
    expect(hit?.explanation).toBe(
      'sent 3 transfers in [9,000, 10,000) totalling 28,499.99 within 1 day (this one 9,500 USD); rule: ≥ 3 transfers in [9,000, 10,000) within 1 day',
    );
    expect(hit?.score).toBe(0.5);
  });

  it('does not count amounts at the threshold or below the band', () => {
    const { send, hits } = harness(RULES);
    send({ valueUsd: 9_500, time: T0 });
    send({ valueUsd: 10_000, time: T0 + 1 });
    send({ valueUsd: 8_999.99, time: T0 + 2 });
    send({ valueUsd: 9_500, time: T0 + 3 });
    expect(hits).toEqual([]);
  });

  it('does not fire when the three span more than the window', () => {
    const { send, hits } = harness(RULES);
    for (const t of [0, HOUR, 24 * HOUR + 1]) send({ valueUsd: 9_500, time: T0 + t });
    expect(hits).toEqual([]);
  });

  it('fires once for a run of band transfers', () => {
    const { send, hits } = harness(RULES);
    for (let i = 0; i < 8; i++) send({ valueUsd: 9_900, time: T0 + i * HOUR });
    expect(hits).toHaveLength(1);
  });
});
