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

describe('pass-through options', () => {
  it('stops following an inbound transfer once more than maxRatio of it has left', () => {
    const { send, hits } = harness(`${RULES}    maxRatio: 1.1\n`);
    send({ from: 'bank', to: 'alice', valueUsd: 2_000, time: T0 });
    send({ from: 'alice', to: 'x', valueUsd: 10_000, time: T0 + MINUTE });
    send({ from: 'alice', to: 'x', valueUsd: 100, time: T0 + 2 * MINUTE });
    expect(hits).toEqual([]);
    send({ from: 'bank', to: 'bob', valueUsd: 2_000, time: T0 });
    const [hit] = send({ from: 'bob', to: 'x', valueUsd: 2_150, time: T0 + MINUTE });
    expect(hit?.explanation).toContain(
      'rule: ≥ 90% (at most 110%) of an inbound ≥ 1,000 sent on within 1 hour',
    );
  });

  it('with requireNewSender follows only inbound transfers from a sender that never paid the account', () => {
    const { send, hits } = harness(`${RULES}    requireNewSender: true\n`);
    // The vector on the inbound event is the sender's: new_counterparty 0 means it paid alice before.
    send({ from: 'own-wallet', to: 'alice', valueUsd: 5_000, time: T0 }, features({ new_counterparty: 0 }));
    send({ from: 'alice', valueUsd: 5_000, time: T0 + MINUTE });
    expect(hits).toEqual([]);
    send(
      { from: 'stranger', to: 'alice', valueUsd: 5_000, time: T0 + HOUR },
      features({ new_counterparty: 1 }),
    );
    send({ from: 'alice', valueUsd: 5_000, time: T0 + HOUR + MINUTE });
    expect(hits).toHaveLength(1);
  });

  it('with requireNewRecipient needs one onward transfer to an address the account never paid', () => {
    const { send, hits } = harness(`${RULES}    requireNewRecipient: true\n`);
    send({ from: 'bank', to: 'alice', valueUsd: 5_000, time: T0 });
    send({ from: 'alice', to: 'own', valueUsd: 5_000, time: T0 + MINUTE }, features({ new_counterparty: 0 }));
    expect(hits).toEqual([]);
    send({ from: 'bank', to: 'bob', valueUsd: 5_000, time: T0 });
    send({ from: 'bob', to: 'fresh', valueUsd: 2_000, time: T0 + MINUTE }, features({ new_counterparty: 1 }));
    send(
      { from: 'bob', to: 'fresh', valueUsd: 2_600, time: T0 + 2 * MINUTE },
      features({ new_counterparty: 0 }),
    );
    expect(hits.map((h) => h.accounts[0])).toEqual(['bob']);
  });

  it('with minHops fires once per chain, at the hop that reaches it, naming that hop', () => {
    const { send, hits } = harness(`${RULES}    minHops: 2\n`);
    let time = T0;
    let value = 50_000;
    const chain = ['origin', 'hop1', 'hop2', 'hop3', 'hop4', 'end'];
    for (let i = 0; i + 1 < chain.length; i++) {
      time += 5 * MINUTE;
      // Each hop peels a little off to a side address, then forwards the rest to the next hop.
      const peel = value * 0.05;
      send({ from: chain[i], to: `side${i}`, valueUsd: peel, time });
      value -= peel;
      send({ from: chain[i], to: chain[i + 1], valueUsd: value, time: time + 30_000 });
    }
    expect(hits).toHaveLength(1);
    expect(hits[0]?.accounts).toEqual(['hop2']);
    expect(hits[0]?.title).toMatch(/^Chain of 2 pass-through hops/);
    expect(hits[0]?.evidence).toContainEqual({ kind: 'feature', name: 'hops', value: 2, baseline: 2 });
  });

  it('with minHops does not fire on a single account passing value on, or on a chain broken by a slow hop', () => {
    const { send, hits } = harness(`${RULES}    minHops: 2\n`);
    send({ from: 'origin', to: 'hop1', valueUsd: 10_000, time: T0 });
    send({ from: 'hop1', to: 'x', valueUsd: 9_900, time: T0 + MINUTE });
    expect(hits).toEqual([]);
    send({ from: 'origin', to: 'slow1', valueUsd: 10_000, time: T0 });
    send({ from: 'slow1', to: 'slow2', valueUsd: 9_900, time: T0 + 2 * HOUR });
    send({ from: 'slow2', to: 'y', valueUsd: 9_800, time: T0 + 2 * HOUR + MINUTE });
    expect(hits).toEqual([]);
  });
});
