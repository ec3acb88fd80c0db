import { describe, expect, it } from 'vitest';
import { features, harness, MINUTE, T0 } from './rules.fixture.js';

const byCount = `
rules:
  - id: fast
    type: velocity
    severity: medium
    window: 10m
    maxCount: 3
`;

const byValue = `
rules:
  - id: much
    type: velocity
    severity: medium
    window: 1h
    maxValue: 10000
`;

describe('velocity', () => {
  it('fires on the 4th transfer when maxCount 3 and the four span exactly the window', () => {
    const { send } = harness(byCount);
    expect(send({ time: T0 })).toEqual([]);
    expect(send({ time: T0 + 3 * MINUTE })).toEqual([]);
    expect(send({ time: T0 + 6 * MINUTE })).toEqual([]);
    const [hit] = send({ time: T0 + 10 * MINUTE });
    expect(hit?.type).toBe('velocity');
    expect(hit?.explanation).toBe(
      'sent 4 transfers totalling 4,000 within 10 minutes (this one 1,000 USD); rule: more than 3 transfers within 10 minutes',
    );
    expect(hit?.evidence).toContainEqual({
      kind: 'feature',
      name: 'transfers_in_window',
      value: 4,
      baseline: 3,
    });
  });

  it('does not fire when the four span a millisecond more than the window', () => {
    const { send, hits } = harness(byCount);
    for (const t of [0, 3 * MINUTE, 6 * MINUTE, 10 * MINUTE + 1]) send({ time: T0 + t });
    expect(hits).toEqual([]);
  });

  it('counts per account', () => {
    const { send, hits } = harness(byCount);
    for (let i = 0; i < 4; i++) send({ time: T0 + i, from: i % 2 === 0 ? 'alice' : 'carol' });
    expect(hits).toEqual([]);
  });

  it('fires on a total above maxValue, not at it', () => {
    const { send } = harness(byValue);
    expect(send({ valueUsd: 6_000, time: T0 })).toEqual([]);
    expect(send({ valueUsd: 4_000, time: T0 + 30 * MINUTE })).toEqual([]);
    const [hit] = send({ valueUsd: 0.01, time: T0 + 60 * MINUTE });
    expect(hit?.title).toBe('10,000.01 sent within 1 hour');
    expect(hit?.explanation).toContain('rule: more than 10,000 within 1 hour');
  });

  it('fires once per burst, then again when a burst goes on past the window', () => {
    const { send, hits } = harness(byCount);
    for (let i = 0; i < 10; i++) send({ time: T0 + i * MINUTE });
    expect(hits).toHaveLength(1);
    for (let i = 11; i < 16; i++) send({ time: T0 + i * MINUTE });
    expect(hits).toHaveLength(2);
    // The first burst was counted in full; by the second the ring had let older transfers go.
    expect(hits[0]?.explanation).toMatch(/^sent 4 transfers totalling 4,000/);
    expect(hits[1]?.explanation).toMatch(/^sent at least 4 transfers totalling at least 4,000/);
  });

  it('sees a burst completed by a late event, counting transfers after it', () => {
    const { send } = harness(byCount);
    send({ time: T0 });
    send({ time: T0 + 2 * MINUTE });
    send({ time: T0 + 9 * MINUTE });
    const [hit] = send({ time: T0 + MINUTE });
    expect(hit?.evidence).toContainEqual({
      kind: 'feature',
      name: 'transfers_in_window',
      value: 4,
      baseline: 3,
    });
  });

  it('counts a late event only with transfers within the window of its own time', () => {
    const { send, hits } = harness(byCount);
    for (const t of [30, 31, 32]) send({ time: T0 + t * MINUTE });
    // Arrives last but happened 20 minutes before the others: no window holds it and three more.
    send({ time: T0 + 10 * MINUTE });
    expect(hits).toEqual([]);
    send({ time: T0 + 33 * MINUTE });
    expect(hits).toHaveLength(1);
  });

  it('counts only transfers to new recipients when onlyNewRecipients is set', () => {
    const { send, hits } = harness(`
rules:
  - id: takeover
    type: velocity
    severity: high
    window: 1h
    maxCount: 2
    onlyNewRecipients: true
`);
    const fresh = features({ new_counterparty: 1 });
    const known = features({ new_counterparty: 0 });
    send({ to: 'a', time: T0 }, fresh);
    for (let i = 1; i <= 5; i++) send({ to: 'own', time: T0 + i * MINUTE }, known);
    send({ to: 'b', time: T0 + 6 * MINUTE }, fresh);
    expect(hits).toEqual([]);
    const [hit] = send({ to: 'c', time: T0 + 7 * MINUTE }, fresh);
    expect(hit?.title).toBe('3 transfers to new recipients within 1 hour');
    expect(hit?.explanation).toContain('rule: more than 2 transfers to new recipients within 1 hour');
  });
});
