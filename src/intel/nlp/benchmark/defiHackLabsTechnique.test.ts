import { describe, expect, it } from 'vitest';
import {
  DEFIHACKLABS_RULES,
  DEFIHACKLABS_TECHNIQUES,
  defiHackLabsTechnique,
} from './defiHackLabsTechnique.js';

describe('defiHackLabsTechnique', () => {
  it.each([
    ['Reentrancy', 'reentrancy'],
    ['Read-Only-Reentrancy', 'reentrancy'],
    ['Flashloan Attack + Reentrancy', 'reentrancy'],
    ['Signature Replay', 'signature-replay'],
    ['ecrecover address(0) Signature Bypass', 'signature-replay'],
    ['Private key compromised', 'rug-or-key-compromise'],
    ['Rug Pull', 'rug-or-key-compromise'],
    ['FlashLoan price manipulation', 'price-manipulation'],
    ['Lack Slippage Protection', 'price-manipulation'],
    ['Donate Inflation ExchangeRate && Rounding Error', 'price-manipulation'],
    ['Flashloan Attack', 'flash-loan'],
    ['Lack of access control', 'access-control'],
    ['Business Logic Flaw : Lack of access control mechanism', 'access-control'],
    ['Arbitrary External Call Vulnerability', 'arbitrary-call'],
    ['arbitrary-call', 'arbitrary-call'],
    ['Incorrect input validation', 'input-validation'],
    ['Business Logic Flaw', 'logic-or-arithmetic'],
    ['Integer Underflow', 'logic-or-arithmetic'],
    ['precission loss', 'logic-or-arithmetic'],
    ['Misconfiguration', 'other'],
    ['Storage Collision', 'other'],
    ['', 'other'],
  ])('%s -> %s', (rootCause, technique) => {
    expect(defiHackLabsTechnique(rootCause)).toBe(technique);
  });

  it('has a rule for every technique but "other", in the documented order', () => {
    expect(DEFIHACKLABS_RULES.map((r) => r.technique)).toEqual(
      DEFIHACKLABS_TECHNIQUES.filter((t) => t !== 'other'),
    );
  });
});
