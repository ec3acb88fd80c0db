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
});
