import { describe, expect, it } from 'vitest';
import { KNOWN_CHAINS, parseChain } from '../../core/chain.js';
import { ArgusError, ValidationError } from '../../core/errors.js';
import { canonicalAddress, checkAddress } from './addresses.js';

const VITALIK = '0xd8dA6BF26964aF9D7eEd9e03E53415D37aA96045';

describe('EVM addresses', () => {
  it('lower-cases a correctly checksummed address', () => {
    expect(canonicalAddress('ethereum', VITALIK)).toBe(VITALIK.toLowerCase());
    expect(canonicalAddress('bsc', `  ${VITALIK} `)).toBe(VITALIK.toLowerCase());
  });

  it('accepts all-lower and all-upper hex, which carry no checksum', () => {
    expect(canonicalAddress('polygon', VITALIK.toLowerCase())).toBe(VITALIK.toLowerCase());
    expect(canonicalAddress('arbitrum', `0x${VITALIK.slice(2).toUpperCase()}`)).toBe(VITALIK.toLowerCase());
  });

  it('refuses a wrong EIP-55 checksum and names the right one', () => {
    const typo = '0xd8da6BF26964aF9D7eEd9e03E53415D37aA96045';
    const result = checkAddress('ethereum', typo);
    expect(result).toEqual({ ok: false, reason: expect.stringContaining('EIP-55') });
    expect(() => canonicalAddress('ethereum', typo)).toThrow(ValidationError);
    try {
      canonicalAddress('ethereum', typo);
    } catch (error) {
      expect((error as ValidationError).message).toContain(VITALIK);
      expect((error as ValidationError).hint).toMatch(/lower-case/);
      expect((error as ValidationError).code).toBe('INPUT_INVALID');
    }
  });

  it('refuses wrong lengths and non-hex', () => {
    expect(checkAddress('ethereum', '0x1234').ok).toBe(false);
    expect(checkAddress('ethereum', `${VITALIK}1`).ok).toBe(false);
    expect(checkAddress('ethereum', `0x${'g'.repeat(40)}`).ok).toBe(false);
    expect(checkAddress('ethereum', '').ok).toBe(false);
  });
});

describe('bitcoin addresses', () => {
  it('accepts base58check P2PKH and P2SH as written', () => {
    expect(canonicalAddress('bitcoin', '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa')).toBe(
      '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa',
    );
    expect(canonicalAddress('bitcoin', '3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy')).toBe(
      '3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy',
    );
  });

  it('refuses a broken base58check checksum, an alien alphabet and a non-bitcoin version byte', () => {
    expect(checkAddress('bitcoin', '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb')).toEqual({
      ok: false,
      reason: 'fails its base58check checksum',
    });
    expect(checkAddress('bitcoin', '1A1zP1eP5QGefi2DMPTfTL5SLmv7Div0Na').ok).toBe(false);
    // A valid Tron address is valid base58check but carries version 0x41.
    expect(checkAddress('bitcoin', 'TBHTJqAy4DhHhmT3dNceJYNRz4SdLofLre')).toEqual({
      ok: false,
      reason: expect.stringContaining('version byte 65'),
    });
  });

  it('accepts bech32 (v0) and bech32m (v1) segwit addresses, lower-cased', () => {
    const v0 = 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4'; // BIP-173 test vector
    expect(canonicalAddress('bitcoin', v0.toUpperCase())).toBe(v0);
    const taproot = 'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0'; // BIP-350 vector
    expect(canonicalAddress('bitcoin', taproot)).toBe(taproot);
  });

  it('refuses a bad segwit checksum, mixed case, and v1 encoded with the v0 checksum', () => {
    expect(checkAddress('bitcoin', 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5').ok).toBe(false);
    expect(checkAddress('bitcoin', 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kV8f3t4')).toEqual({
      ok: false,
      reason: 'mixes upper and lower case, which bech32 forbids',
    });
    expect(checkAddress('bitcoin', 'bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4')).toEqual({
      ok: false,
      reason: 'fails its bech32m checksum',
    });
    expect(checkAddress('bitcoin', 'tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx').ok).toBe(false);
  });
});

describe('tron addresses', () => {
  it('accepts base58check with the 0x41 version byte', () => {
    expect(canonicalAddress('tron', 'TBHTJqAy4DhHhmT3dNceJYNRz4SdLofLre')).toBe(
      'TBHTJqAy4DhHhmT3dNceJYNRz4SdLofLre',
    );
  });

  it('refuses a broken checksum and a bitcoin address', () => {
    expect(checkAddress('tron', 'TBHTJqAy4DhHhmT3dNceJYNRz4SdLofLrf').ok).toBe(false);
    expect(checkAddress('tron', '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa')).toEqual({
      ok: false,
      reason: 'does not start with T',
    });
    expect(() => canonicalAddress('tron', 'Tnope')).toThrow(/tron address is invalid/);
  });
});

describe('chains', () => {
  it('parses known chains case-insensitively', () => {
    expect(parseChain(' Ethereum ')).toBe('ethereum');
    expect(parseChain('TRON')).toBe('tron');
  });

  it('refuses an unknown chain and lists the known ones in the hint', () => {
    expect(() => parseChain('solana')).toThrow(ArgusError);
    try {
      parseChain('solana');
    } catch (error) {
      expect((error as ArgusError).message).toContain('unknown chain "solana"');
      for (const chain of KNOWN_CHAINS) expect((error as ArgusError).hint).toContain(chain);
    }
  });
});
