import { describe, expect, it } from 'vitest';
import { circularHourDistance, hourAngle, hourOfDayUtc, hourOfMeanVector } from './circularHour.js';

describe('circular hours', () => {
  it('reads the UTC hour of day, fractional', () => {
    expect(hourOfDayUtc(Date.UTC(2024, 0, 5, 13, 30))).toBe(13.5);
    expect(hourOfDayUtc(Date.UTC(2024, 0, 5, 0, 0))).toBe(0);
  });

  it('measures distance the short way round the clock', () => {
    expect(circularHourDistance(23, 1)).toBe(2);
    expect(circularHourDistance(1, 23)).toBe(2);
    expect(circularHourDistance(9, 21)).toBe(12);
    expect(circularHourDistance(6, 6)).toBe(0);
  });

  it('finds the mean hour across midnight, where an arithmetic mean would say noon', () => {
    const a = hourAngle(23);
    const b = hourAngle(1);
    const usual = hourOfMeanVector((Math.cos(a) + Math.cos(b)) / 2, (Math.sin(a) + Math.sin(b)) / 2);
    expect(circularHourDistance(usual, 0)).toBeLessThan(1e-9);
  });
});
