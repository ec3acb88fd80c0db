import { describe, expect, it } from 'vitest';
import { COUNTERPARTY_SLOTS, counterpartyFingerprint, rememberCounterparty } from './counterpartySet.js';

describe('rememberCounterparty', () => {
  it('says new once, then remembers', () => {
    const set = new Uint16Array(2 * COUNTERPARTY_SLOTS);
    const at = COUNTERPARTY_SLOTS; // the second account's place: the first must stay untouched
    expect(rememberCounterparty(set, at, 7)).toBe(true);
    expect(rememberCounterparty(set, at, 9)).toBe(true);
    expect(rememberCounterparty(set, at, 7)).toBe(false);
    expect(rememberCounterparty(set, at, 9)).toBe(false);
    expect(set.subarray(0, COUNTERPARTY_SLOTS).every((v) => v === 0)).toBe(true);
  });

  it('keeps recently used recipients and forgets the least recently used one when full', () => {
    const set = new Uint16Array(COUNTERPARTY_SLOTS);
    for (let f = 1; f <= COUNTERPARTY_SLOTS; f++) rememberCounterparty(set, 0, f);
    expect(rememberCounterparty(set, 0, 1)).toBe(false); // 1 is now the most recent; 2 the least
    expect(rememberCounterparty(set, 0, 100)).toBe(true); // evicts 2
    expect(rememberCounterparty(set, 0, 1)).toBe(false);
    expect(rememberCounterparty(set, 0, 2)).toBe(true);
  });

  it('never uses 0, the empty marker, as a fingerprint', () => {
    expect(counterpartyFingerprint(0x12340000)).toBe(1);
    expect(counterpartyFingerprint(0x1234abcd)).toBe(0xabcd);
  });
});
