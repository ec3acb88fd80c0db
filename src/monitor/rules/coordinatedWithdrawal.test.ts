import { describe, expect, it } from 'vitest';
import type { TransferEvent } from '../../core/transferEvent.js';
import { features, HOUR, harness, MINUTE, T0 } from './rules.fixture.js';

const rules = (extra = '') => `
rules:
  - id: wave
    type: coordinated-withdrawal
    severity: critical
    minAccounts: 4
    minJurisdictions: 3
    window: 10m
    minValue: 1000
${extra}`;

const COUNTRIES = ['DE', 'FR', 'US', 'NG', 'BR', 'JP'] as const;

/** Account i, in country i mod `countries`, paying `to` at `time`. */
function withdrawal(
  i: number,
  time: number,
  countries: number = COUNTRIES.length,
  to = 'drop',
): Partial<TransferEvent> {
  return { from: `acct${i}`, to, time, fromJurisdiction: COUNTRIES[i % countries], valueUsd: 1_000 };
}

describe('coordinated-withdrawal', () => {
  it('fires once, on the transfer that completes 4 accounts in 3 jurisdictions, naming all accounts', () => {
    const { send, hits } = harness(rules());
    for (let i = 0; i < 3; i++) expect(send(withdrawal(i, T0 + i * MINUTE))).toEqual([]);
    const [hit] = send(withdrawal(3, T0 + 10 * MINUTE));
    expect(hit?.accounts).toEqual(['acct0', 'acct1', 'acct2', 'acct3']);
    expect(hit?.score).toBeGreaterThan(0.5);
    expect(hit?.explanation).toBe(
      '4 accounts in 4 jurisdictions (DE, FR, NG, US) each sent ≥ 1,000 within 10 minutes: acct0, acct1, acct2, acct3; rule: ≥ 4 accounts in ≥ 3 jurisdictions within 10 minutes',
    );
    for (let i = 4; i < 12; i++) send(withdrawal(i, T0 + 10 * MINUTE + i));
    expect(hits).toHaveLength(1);
  });

  it('does not fire when the burst spans more than the window', () => {
    const { send, hits } = harness(rules());
    for (let i = 0; i < 3; i++) send(withdrawal(i, T0 + i * MINUTE));
    send(withdrawal(3, T0 + 10 * MINUTE + 1));
    expect(hits).toEqual([]);
  });

  it('needs distinct accounts and jurisdictions, and transfers of at least minValue', () => {
    const threeAccounts = harness(rules());
    for (let i = 0; i < 8; i++) threeAccounts.send(withdrawal(i % 3, T0 + i));
    expect(threeAccounts.hits).toEqual([]);
    const twoCountries = harness(rules());
    for (let i = 0; i < 8; i++) twoCountries.send(withdrawal(i, T0 + i, 2));
    expect(twoCountries.hits).toEqual([]);
    const small = harness(rules());
    for (let i = 0; i < 8; i++) small.send({ ...withdrawal(i, T0 + i), valueUsd: 999.99 });
    expect(small.hits).toEqual([]);
    const noCountry = harness(rules());
    for (let i = 0; i < 8; i++)
      noCountry.send({ ...withdrawal(i, T0 + i), ...(i > 1 ? { fromJurisdiction: undefined } : {}) });
    expect(noCountry.hits).toEqual([]);
  });

  it('with destination "same" counts accounts per destination', () => {
    const { send, hits } = harness(rules('    destination: same'));
    for (let i = 0; i < 6; i++) send(withdrawal(i, T0 + i, 6, i % 2 === 0 ? 'drop-a' : 'drop-b'));
    expect(hits).toEqual([]);
    send(withdrawal(6, T0 + 6, 6, 'drop-a'));
    expect(hits).toHaveLength(1);
    expect(hits[0]?.accounts).toEqual(['acct0', 'acct2', 'acct4', 'acct6']);
    expect(hits[0]?.explanation).toContain('to drop-a within 10 minutes');
  });

  it('fires again for a campaign that goes on past the cool-down', () => {
    const { send, hits } = harness(rules('    cooldown: 1h'));
    for (let i = 0; i < 4; i++) send(withdrawal(i, T0 + i));
    for (let i = 4; i < 8; i++) send(withdrawal(i, T0 + 30 * MINUTE + i));
    expect(hits).toHaveLength(1);
    for (let i = 8; i < 12; i++) send(withdrawal(i, T0 + HOUR + MINUTE + i));
    expect(hits).toHaveLength(2);
    expect(hits[1]?.accounts).toEqual(['acct10', 'acct11', 'acct8', 'acct9']);
  });

  it('counts a late transfer still inside the window and ignores one older than it', () => {
    const { send, hits } = harness(rules());
    send(withdrawal(0, T0 + 20 * MINUTE));
    send(withdrawal(1, T0 + 21 * MINUTE));
    send(withdrawal(2, T0 + 22 * MINUTE));
    send(withdrawal(3, T0 + 5 * MINUTE));
    expect(hits).toEqual([]);
    send(withdrawal(4, T0 + 12 * MINUTE));
    expect(hits).toHaveLength(1);
    expect(hits[0]?.accounts).toEqual(['acct0', 'acct1', 'acct2', 'acct4']);
  });

  it('does not count a late transfer once the window has moved past it', () => {
    const { send, hits } = harness(rules());
    send(withdrawal(0, T0 + 20 * MINUTE));
    send(withdrawal(1, T0 + 11 * MINUTE));
    send(withdrawal(2, T0 + 21 * MINUTE));
    // The window is now [12m, 22m]: acct1 (11m) is out, so three accounts, not four.
    send(withdrawal(3, T0 + 22 * MINUTE));
    expect(hits).toEqual([]);
    send(withdrawal(4, T0 + 22 * MINUTE));
    expect(hits[0]?.accounts).toEqual(['acct0', 'acct2', 'acct3', 'acct4']);
  });

  it('holds at most maxEvents transfers', () => {
    const { engine, send } = harness(`
rules:
  - id: wave
    type: coordinated-withdrawal
    severity: critical
    minAccounts: 16
    window: 10m
    maxEvents: 16
`);
    for (let i = 0; i < 100; i++) send({ ...withdrawal(0, T0 + i), from: 'same-account' });
    expect(engine.state()[0]).toMatchObject({ entries: 16, maxEntries: 16 });
  });

  it('leaves out transfers to recipients the sender paid before when onlyNewRecipients is set', () => {
    const { send, hits } = harness(rules('    onlyNewRecipients: true'));
    const known = features({ new_counterparty: 0 });
    const fresh = features({ new_counterparty: 1 });
    for (let i = 0; i < 6; i++) send(withdrawal(i, T0 + i * MINUTE), known);
    expect(hits).toEqual([]);
    for (let i = 6; i < 9; i++) send(withdrawal(i, T0 + i * MINUTE), fresh);
    expect(hits).toEqual([]);
    const [hit] = send(withdrawal(9, T0 + 9 * MINUTE), fresh);
    expect(hit?.accounts).toEqual(['acct6', 'acct7', 'acct8', 'acct9']);
    expect(hit?.explanation).toContain('each to a recipient it never paid before');
  });
});
