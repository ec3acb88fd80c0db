import { describe, expect, it } from 'vitest';
import { ArgusError } from '../../core/errors.js';
import { bucketLabel, bucketStart, calendarSeries, nextBucketStart } from './calendarBuckets.js';

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

describe('calendar buckets', () => {
  it('starts months on the first and weeks on Monday, in UTC', () => {
    expect(bucketStart(Date.parse('2024-03-17T23:59:00Z'), 'month')).toBe(day('2024-03-01'));
    // 2024-03-17 is a Sunday: its ISO week began on Monday 2024-03-11.
    expect(bucketStart(Date.parse('2024-03-17T23:59:00Z'), 'week')).toBe(day('2024-03-11'));
    expect(bucketStart(day('2024-03-11'), 'week')).toBe(day('2024-03-11'));
    expect(nextBucketStart(day('2024-12-01'), 'month')).toBe(day('2025-01-01'));
    expect(nextBucketStart(day('2024-12-30'), 'week')).toBe(day('2025-01-06'));
    expect(bucketLabel(day('2024-02-01'), 'month')).toBe('2024-02');
    expect(bucketLabel(day('2024-03-11'), 'week')).toBe('2024-03-11');
  });

  it('counts and sums per bucket, keeping empty buckets and ignoring values that are not numbers', () => {
    const series = calendarSeries(
      [
        { at: day('2024-01-05'), value: 10 },
        { at: day('2024-01-20') },
        { at: day('2024-03-02'), value: Number.NaN },
        { at: day('2024-03-31'), value: 5 },
      ],
      'month',
    );
    expect(Array.from(series.starts)).toEqual([day('2024-01-01'), day('2024-02-01'), day('2024-03-01')]);
    expect(Array.from(series.counts)).toEqual([2, 0, 2]);
    expect(Array.from(series.sums)).toEqual([10, 0, 5]);
  });

  it('keeps to an explicit range and rejects undated events', () => {
    const series = calendarSeries([{ at: day('2024-01-05') }, { at: day('2024-05-05') }], 'month', {
      from: day('2024-02-10'),
      to: day('2024-05-01'),
    });
    expect(series.starts).toHaveLength(4);
    expect(Array.from(series.counts)).toEqual([0, 0, 0, 1]);
    expect(calendarSeries([], 'week').starts).toHaveLength(0);
    expect(() => calendarSeries([{ at: Number.NaN }], 'week')).toThrow(ArgusError);
  });
});
