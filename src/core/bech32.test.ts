import { describe, expect, it } from 'vitest';
import { decodeSegwit } from './bech32.js';

/** Whether text is a mainnet segwit address (the entity extractor's test for bc1… words). */
const isValidBech32Address = (text: string) => decodeSegwit(text, 'bc').ok;

describe('decodeSegwit on mainnet addresses', () => {
  it('accepts the BIP-173 and BIP-350 test vectors for mainnet', () => {
    expect(isValidBech32Address('BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4')).toBe(true);
    expect(isValidBech32Address('bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq')).toBe(true);
    // Taproot (witness v1) uses bech32m.
    expect(isValidBech32Address('bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0')).toBe(true);
  });

  it('refuses a bad checksum, mixed case, a v0 address with the bech32m constant and other prefixes', () => {
    expect(isValidBech32Address('bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdr')).toBe(false);
    expect(isValidBech32Address('bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwF5mdq')).toBe(false);
    expect(isValidBech32Address('bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh')).toBe(false);
    expect(isValidBech32Address('tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx')).toBe(false);
  });
});
