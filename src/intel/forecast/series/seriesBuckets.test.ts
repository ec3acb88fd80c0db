import { describe, expect, it } from 'vitest';
import { bucketLabel, bucketStart, nextBucketStart } from '../calendarBuckets.js';
import { bucketTotals, unfinishedBucketNote } from './seriesBuckets.js';

const at = (iso: string) => Date.parse(iso);

describe('series buckets', () => {
  it('starts days at UTC midnight, weeks on Monday, months on the first', () => {
    const t = at('2024-03-07T15:30:00Z'); // a Thursday
    expect(bucketLabel(bucketStart(t, 'day'), 'day')).toBe('2024-03-07');
    expect(bucketLabel(bucketStart(t, 'week'), 'week')).toBe('2024-03-04');
    expect(bucketLabel(bucketStart(t, 'month'), 'month')).toBe('2024-03');
    expect(nextBucketStart(at('2024-02-28T00:00:00Z'), 'day')).toBe(at('2024-02-29T00:00:00Z'));
    expect(nextBucketStart(at('2024-12-01T00:00:00Z'), 'month')).toBe(at('2025-01-01T00:00:00Z'));
  });

  it('sums per bucket and keeps empty buckets as zeros', () => {
    const b = bucketTotals(
      [
        { at: at('2024-01-03T10:00:00Z'), value: 2 },
        { at: at('2024-01-01T23:59:59Z'), value: 1 },
        { at: at('2024-01-05T00:00:00Z'), value: 4 },
        { at: at('2024-01-05T12:00:00Z'), value: 0.5 },
      ],
      'day',
    );
    expect(b.starts.map((s) => bucketLabel(s, 'day'))).toEqual([
      '2024-01-01',
      '2024-01-02',
      '2024-01-03',
      '2024-01-04',
      '2024-01-05',
    ]);
    expect(Array.from(b.values)).toEqual([1, 0, 2, 0, 4.5]);
    expect(b.outside).toBe(0);
  });

  it('stops before the bucket of `until` and counts what it left out', () => {
    const events = [
      { at: at('2024-01-10T00:00:00Z'), value: 1 },
      { at: at('2024-02-10T00:00:00Z'), value: 1 },
      { at: at('2024-04-02T00:00:00Z'), value: 1 },
      { at: at('2024-05-20T00:00:00Z'), value: 1 },
    ];
    const b = bucketTotals(events, 'month', { until: at('2024-04-15T00:00:00Z') });
    expect(b.starts.map((s) => bucketLabel(s, 'month'))).toEqual(['2024-01', '2024-02', '2024-03']);
    expect(Array.from(b.values)).toEqual([1, 1, 0]);
    expect(b.outside).toBe(2);
    expect(unfinishedBucketNote(b.outside, 'month', at('2024-04-15T00:00:00Z'))).toBe(
      '2 in the current month (from 2024-04) or later left out until it is complete',
    );
    expect(unfinishedBucketNote(0, 'month', 0)).toBeUndefined();
  });

  it('gives an empty series for no events', () => {
    const b = bucketTotals([], 'week', { until: at('2024-04-15T00:00:00Z') });
    expect(b.starts).toEqual([]);
    expect(b.values).toHaveLength(0);
  });
});
