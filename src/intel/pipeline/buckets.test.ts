import { describe, expect, it } from 'vitest';
import { bucketLabel, bucketRange, bucketStart, bucketsBefore, nextBucketStart } from './buckets.js';

describe('buckets', () => {
  it('starts weeks on Monday and months on the first, in UTC, before 1970 too', () => {
    expect(bucketLabel(bucketStart(Date.UTC(2024, 5, 9, 23, 59), 'week'), 'week')).toBe('2024-06-03');
    expect(bucketStart(Date.UTC(2024, 5, 3), 'week')).toBe(Date.UTC(2024, 5, 3));
    expect(bucketStart(Date.UTC(1969, 11, 31, 5), 'week')).toBe(Date.UTC(1969, 11, 29));
    expect(bucketStart(Date.UTC(1969, 11, 31, 5), 'day')).toBe(Date.UTC(1969, 11, 31));
    expect(bucketLabel(bucketStart(Date.UTC(2024, 1, 29, 12), 'month'), 'month')).toBe('2024-02');
  });

  it('steps forward and back across month lengths', () => {
    expect(nextBucketStart(Date.UTC(2024, 0, 1), 'month')).toBe(Date.UTC(2024, 1, 1));
    expect(bucketsBefore(Date.UTC(2024, 0, 1), 'month', 2)).toBe(Date.UTC(2023, 10, 1));
    expect(bucketsBefore(Date.UTC(2024, 5, 3), 'week', 1)).toBe(Date.UTC(2024, 4, 27));
    expect(bucketRange(Date.UTC(2024, 0, 31), Date.UTC(2024, 2, 1), 'month')).toEqual([
      Date.UTC(2024, 0, 1),
      Date.UTC(2024, 1, 1),
      Date.UTC(2024, 2, 1),
    ]);
  });
});
