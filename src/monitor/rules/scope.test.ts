import { describe, expect, it } from 'vitest';
import { features, harness } from './rules.fixture.js';

const scoped = (scope: string) => `
rules:
  - id: big
    type: new-address-high-value
    severity: low
    minValue: 100
    scope: ${scope}
`;

const NEW = features({ new_counterparty: 1 });

describe('rule scope', () => {
  it('matches chains and assets case-insensitively and skips the rest', () => {
    const { send } = harness(scoped('{ chains: [Ethereum], assets: [usdt, USDC] }'));
    expect(send({ chain: 'ethereum', asset: 'USDT' }, NEW)).toHaveLength(1);
    expect(send({ chain: 'ethereum', asset: 'usdc' }, NEW)).toHaveLength(1);
    expect(send({ chain: 'tron', asset: 'USDT' }, NEW)).toEqual([]);
    expect(send({ chain: 'ethereum', asset: 'DAI' }, NEW)).toEqual([]);
  });

  it('matches the sending account kind; "unknown" stands for events that do not give one', () => {
    const customers = harness(scoped('{ accountKinds: [customer] }'));
    expect(customers.send({ fromKind: 'customer' }, NEW)).toHaveLength(1);
    expect(customers.send({ fromKind: 'hot-wallet' }, NEW)).toEqual([]);
    expect(customers.send({ fromKind: undefined }, NEW)).toEqual([]);
    const withUnknown = harness(scoped('{ accountKinds: [customer, unknown] }'));
    expect(withUnknown.send({ fromKind: undefined }, NEW)).toHaveLength(1);
  });

  it('scopes the inbound side of pass-through by the receiving account kind', () => {
    const { send, hits } = harness(`
rules:
  - id: mule
    type: pass-through
    severity: low
    window: 1h
    scope: { accountKinds: [customer] }
`);
    send({ from: 'exchange', to: 'alice', fromKind: 'hot-wallet', toKind: 'hot-wallet', valueUsd: 500 });
    send({ from: 'alice', to: 'x', fromKind: 'customer', valueUsd: 500 });
    expect(hits).toEqual([]);
    send({ from: 'exchange', to: 'alice', fromKind: 'hot-wallet', toKind: 'customer', valueUsd: 500 });
    send({ from: 'alice', to: 'x', fromKind: 'customer', valueUsd: 500 });
    expect(hits).toHaveLength(1);
  });

  it('matches the other side by counterpartyKinds: the recipient, or the sender for an inbound transfer', () => {
    const withdrawals = harness(scoped('{ counterpartyKinds: [external, unknown] }'));
    expect(withdrawals.send({ toKind: 'external' }, NEW)).toHaveLength(1);
    expect(withdrawals.send({ toKind: undefined }, NEW)).toHaveLength(1);
    expect(withdrawals.send({ toKind: 'hot-wallet' }, NEW)).toEqual([]);

    // A sweep of a deposit into the operator's hot wallet is not the customer passing money on.
    const { send, hits } = harness(`
rules:
  - id: mule
    type: pass-through
    severity: low
    window: 1h
    scope: { accountKinds: [customer], counterpartyKinds: [external, customer] }
`);
    send({ from: 'payer', to: 'alice', fromKind: 'external', toKind: 'customer', valueUsd: 500 });
    send({ from: 'alice', to: 'hot', fromKind: 'customer', toKind: 'hot-wallet', valueUsd: 500 });
    expect(hits).toEqual([]);
    send({ from: 'alice', to: 'x', fromKind: 'customer', toKind: 'external', valueUsd: 500 });
    expect(hits).toHaveLength(1);
    // Value from the operator's own wallet is not followed at all.
    send({ from: 'hot', to: 'bob', fromKind: 'hot-wallet', toKind: 'customer', valueUsd: 500 });
    send({ from: 'bob', to: 'x', fromKind: 'customer', toKind: 'external', valueUsd: 500 });
    expect(hits).toHaveLength(1);
  });
});
