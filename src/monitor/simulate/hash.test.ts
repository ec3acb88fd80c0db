import { describe, expect, it } from 'vitest';
import { DOMAIN, hashAddress, INJECTED_TX_DAY, TxHashes } from './hash.js';

describe('simulated identifiers', () => {
  it('transaction hashes are 32-byte hex and unique per (day, sequence)', () => {
    const hashes = new TxHashes(9);
    const seen = new Set<string>();
    for (const day of [0, 1, 29, INJECTED_TX_DAY]) {
      for (let n = 0; n < 20_000; n++) seen.add(hashes.of(day, n));
    }
    expect(seen.size).toBe(80_000);
    for (const h of [...seen].slice(0, 100)) expect(h).toMatch(/^0x[0-9a-f]{64}$/);
    expect(new TxHashes(9).of(3, 7)).toBe(hashes.of(3, 7));
    expect(new TxHashes(10).of(3, 7)).not.toBe(hashes.of(3, 7));
  });

  it('addresses differ across domains and inputs', () => {
    const a = hashAddress(1, DOMAIN.customer, 5, 0);
    expect(a).toMatch(/^0x[0-9a-f]{40}$/);
    expect(hashAddress(1, DOMAIN.customer, 5, 0)).toBe(a);
    expect(hashAddress(1, DOMAIN.freshBackground, 5, 0)).not.toBe(a);
    expect(hashAddress(1, DOMAIN.customer, 6, 0)).not.toBe(a);
    expect(hashAddress(2, DOMAIN.customer, 5, 0)).not.toBe(a);
  });
});
