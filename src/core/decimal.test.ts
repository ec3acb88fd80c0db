import { describe, expect, it } from 'vitest';
import { compareDecimal, fromBaseUnits, toBaseUnits } from './decimal.js';

describe('exact decimal amounts', () => {
  it('converts to and from base units without floating point', () => {
    expect(toBaseUnits('1.5', 18)).toBe(1_500_000_000_000_000_000n);
    expect(toBaseUnits('0.000000000000000001', 18)).toBe(1n);
    expect(fromBaseUnits(123_456_789n, 6)).toBe('123.456789');
    expect(fromBaseUnits(1_000_000n, 6)).toBe('1');
    expect(fromBaseUnits(-5n, 2)).toBe('-0.05');
    // 0.1 + 0.2 is exact here.
    expect(fromBaseUnits(toBaseUnits('0.1', 18) + toBaseUnits('0.2', 18), 18)).toBe('0.3');
  });

  it('rejects malformed amounts and excess precision', () => {
    expect(() => toBaseUnits('1e18', 18)).toThrow(/decimal string/);
    expect(() => toBaseUnits('-1', 18)).toThrow();
    expect(() => toBaseUnits('1.1234567', 6)).toThrow(/more than 6 decimal places/);
  });

  it('compares exactly across scales', () => {
    expect(compareDecimal('10000', '9999.999999')).toBe(1);
    expect(compareDecimal('1.50', '1.5')).toBe(0);
    expect(compareDecimal('0.1', '0.10000000000000001')).toBe(-1);
  });
});
