import { describe, expect, it } from 'vitest';
import { isRoundAmount } from './roundAmount.js';

describe('isRoundAmount', () => {
  it('accepts multiples of a power of ten at or above a thousandth of the amount', () => {
    for (const x of [1000, 1230, 5_000_000, 0.5, 0.25, 7, 999, 0.3, 12.5, 1e21]) {
      expect(isRoundAmount(x), String(x)).toBe(true);
    }
  });

  it('rejects amounts with four or more significant digits', () => {
    for (const x of [1234, 1001, 0.123456, 12345.6, 4.56789, 1_000_001, 2000.5]) {
      expect(isRoundAmount(x), String(x)).toBe(false);
    }
  });

  it('calls zero, negative and non-finite amounts not round', () => {
    for (const x of [0, -1000, Number.NaN, Number.POSITIVE_INFINITY]) expect(isRoundAmount(x)).toBe(false);
  });
});
