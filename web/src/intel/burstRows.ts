import type { TrendBurst, Trends } from './intelApi.js';

/** One row of the burst table: a burst with its entity and what the window shows of it. */
export interface BurstRow {
  key: string;
  value: string;
  /** Index of the entity's line, for its colour. */
  seriesIndex: number;
  burst: TrendBurst;
  /** The busiest bucket of the burst inside the window, and its count. */
  peakStart: number;
  peakCount: number;
  /** Publication-time range of its documents: its first bucket to the start of the bucket after its last. */
  since: number;
  until: number | undefined;
}

/** Every burst of the shown entities, the latest first. */
export function burstRows(trends: Trends): BurstRow[] {
  const rows: BurstRow[] = [];
  trends.series.forEach((s, seriesIndex) => {
    for (const burst of s.bursts) {
      let peakStart = burst.start;
      let peakCount = -1;
      trends.starts.forEach((start, j) => {
        if (start < burst.start || start > burst.end) return;
        const c = s.counts[j] ?? 0;
        if (c > peakCount) {
          peakCount = c;
          peakStart = start;
        }
      });
      const endIndex = trends.starts.indexOf(burst.end);
      rows.push({
        key: `${s.value}@${burst.start}`,
        value: s.value,
        seriesIndex,
        burst,
        peakStart,
        peakCount: Math.max(0, peakCount),
        since: burst.start,
        until: endIndex >= 0 ? trends.starts[endIndex + 1] : undefined,
      });
    }
  });
  return rows.sort((a, b) => b.burst.start - a.burst.start || a.value.localeCompare(b.value));
}
