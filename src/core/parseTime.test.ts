import { describe, expect, it } from 'vitest';
import { parseTime } from './parseTime.js';

describe('parseTime', () => {
  it('reads dates, ISO times (UTC unless zoned) and epoch milliseconds', () => {
    expect(parseTime('2024-03-01')).toBe(Date.UTC(2024, 2, 1));
    expect(parseTime('2024-03')).toBe(Date.UTC(2024, 2, 1));
    expect(parseTime('2024-03-01T12:30')).toBe(Date.UTC(2024, 2, 1, 12, 30));
    expect(parseTime('2024-03-01T12:30:00+02:00')).toBe(Date.UTC(2024, 2, 1, 10, 30));
    expect(parseTime('1709251200000')).toBe(1_709_251_200_000);
  });

  it('refuses anything else', () => {
    for (const bad of ['', 'yesterday', '03/01/2024', '2024-13-01', '1e12'])
      expect(parseTime(bad)).toBeUndefined();
  });
});
