import { encodeAbiParameters, stringToHex } from 'viem';
import { describe, expect, it } from 'vitest';
import { cleanSymbol, decodeDecimals, decodeSymbol, fallbackSymbol } from './tokenMetadata.js';

describe('token metadata decoding', () => {
  it('reads symbol() as an ABI string or as the bytes32 of early tokens', () => {
    expect(decodeSymbol(encodeAbiParameters([{ type: 'string' }], ['USDC']))).toBe('USDC');
    expect(decodeSymbol(stringToHex('MKR', { size: 32 }))).toBe('MKR');
    expect(decodeSymbol('0x')).toBeUndefined();
    expect(decodeSymbol(encodeAbiParameters([{ type: 'string' }], ['\u0000 \n']))).toBeUndefined();
  });

  it('keeps symbols printable and at most 32 characters, and falls back to the whole address', () => {
    expect(cleanSymbol(' WETH\u0000\u0000 ')).toBe('WETH');
    expect(cleanSymbol('x'.repeat(40))).toHaveLength(32);
    expect(cleanSymbol('\u0007')).toBeUndefined();
    expect(fallbackSymbol('0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48')).toBe(
      '0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48',
    );
  });

  it('reads decimals() as uint8 or a uint256 that fits, nothing else', () => {
    expect(decodeDecimals(encodeAbiParameters([{ type: 'uint8' }], [6]))).toBe(6);
    expect(decodeDecimals(encodeAbiParameters([{ type: 'uint256' }], [18n]))).toBe(18);
    expect(decodeDecimals(encodeAbiParameters([{ type: 'uint256' }], [256n]))).toBeUndefined();
    expect(decodeDecimals('0x')).toBeUndefined();
  });
});
