import { describe, expect, it } from 'vitest';
import { formatTrends, sparkline } from './formatTrends.js';
import type { Trends } from './intelTrends.js';

const W = (d: string) => Date.parse(`${d}T00:00:00Z`);

const trends: Trends = {
  kind: 'technique',
  bucket: 'week',
  starts: [W('2024-05-20'), W('2024-05-27'), W('2024-06-03')],
  labels: ['2024-05-20', '2024-05-27', '2024-06-03'],
  series: [
    {
      value: 'reentrancy',
      total: 10,
      counts: [1, 0, 9],
      inBurst: [false, false, true],
      bursts: [
        {
          start: W('2024-06-03'),
          end: W('2024-06-03'),
          count: 9,
          baseline: 1.04,
          startZ: 7.8,
          peakZ: 7.8,
          ongoing: true,
        },
      ],
    },
    { value: 'flash-loan', total: 6, counts: [2, 2, 2], inBurst: [false, false, false], bursts: [] },
  ],
  detector: { method: 'ewma', zThreshold: 3, minCount: 3, alpha: 0.1, warmup: 4 },
};

describe('formatTrends', () => {
  it('draws counts per bucket with bursts starred, totals and a sparkline, then lists the bursts', () => {
    expect(formatTrends(trends)).toBe(
      [
        'Mentions of technique per week, 2024-05-20 to 2024-06-03 (top 2; * in a burst)',
        '',
        'technique   05-20  05-27  06-03  total  trend',
        'reentrancy      1      0     9*     10  ▁·█',
        'flash-loan      2      2      2      6  ███',
        '',
        'Bursts (EWMA z >= 3 with at least 3 mentions):',
        '  * reentrancy  week of 2024-06-03: 9 mentions against 1.0 expected, z 7.8 (peak 7.8), ongoing',
      ].join('\n'),
    );
  });

  it('keeps to the sparkline when the window is too wide for columns, and says when nothing was found', () => {
    const flat = trends.series[1] as Trends['series'][number];
    const wide = {
      ...trends,
      labels: Array.from({ length: 20 }, (_, i) => `2024-01-${String(i + 1).padStart(2, '0')}`),
      series: [{ ...flat, counts: new Array(20).fill(1), inBurst: new Array(20).fill(false) }],
    };
    expect(formatTrends(wide).split('\n')[2]).toBe('technique   total  trend');
    expect(formatTrends({ ...trends, series: [] })).toBe(
      'No technique mentions per week from 2024-05-20 to 2024-06-03.',
    );
  });

  it('scales a sparkline to its peak', () => {
    expect(sparkline([0, 1, 2, 4, 8])).toBe('·▁▂▄█');
  });
});
