import { describe, expect, it } from 'vitest';
import { parseFeedDate, parseRfc3339 } from './feedDates.js';

describe('feed dates', () => {
  it('reads RFC 822 dates as RSS 2.0 writes them', () => {
    expect(parseFeedDate('Tue, 10 Jun 2003 04:00:00 GMT')).toBe(Date.UTC(2003, 5, 10, 4));
    expect(parseFeedDate('Mon, 04 Mar 2024 09:30:00 +0100')).toBe(Date.UTC(2024, 2, 4, 8, 30));
    expect(parseFeedDate('4 Mar 2024 09:30 EST')).toBe(Date.UTC(2024, 2, 4, 14, 30));
    expect(parseFeedDate('Sat, 07 Sep 02 00:00:01 PDT')).toBe(Date.UTC(2002, 8, 7, 7, 0, 1));
    expect(parseFeedDate('Thu, 1 February 2024 12:00:00 -0330')).toBe(Date.UTC(2024, 1, 1, 15, 30));
  });

  it('accepts the ISO 8601 that many feeds put in pubDate', () => {
    expect(parseFeedDate('2024-03-04T09:30:00Z')).toBe(Date.UTC(2024, 2, 4, 9, 30));
    expect(parseFeedDate('2024-03-04')).toBe(Date.UTC(2024, 2, 4));
  });

  it('rejects what is not a date instead of guessing', () => {
    for (const bad of [
      'yesterday',
      'Tue, 31 Feb 2024 10:00:00 GMT',
      '10 Foo 2024 10:00 GMT',
      '2024',
      '4 Mar 2024 25:00 GMT',
      '4 Mar 2024 10:00 XYZ',
    ]) {
      expect(parseFeedDate(bad), bad).toBeNaN();
    }
  });

  it('reads Atom RFC 3339 times, with offsets and fractions', () => {
    expect(parseRfc3339('2024-03-04T09:30:00.250+02:00')).toBe(Date.UTC(2024, 2, 4, 7, 30, 0, 250));
    expect(parseRfc3339('2024-03-04T09:30:00')).toBe(Date.UTC(2024, 2, 4, 9, 30));
    expect(parseRfc3339('March 4, 2024')).toBeNaN();
  });
});
