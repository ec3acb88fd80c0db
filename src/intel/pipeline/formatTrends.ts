import type { Trends } from './intelTrends.js';

const BLOCKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
/** More buckets than this and the table shows only the sparkline, which stays one character a bucket. */
const MAX_COUNT_COLUMNS = 16;

/** One character per bucket, scaled to the series' own peak; a quiet bucket is a dot. */
export function sparkline(counts: readonly number[]): string {
  const peak = Math.max(0, ...counts);
  return counts
    .map((c) => (c <= 0 ? '·' : (BLOCKS[Math.min(7, Math.ceil((c / peak) * 8) - 1)] as string)))
    .join('');
}

function columnLabel(label: string, bucket: Trends['bucket']): string {
  return bucket === 'month' ? label : label.slice(5);
}

/**
 * The terminal view of trends: one row per entity, its mentions per bucket (a `*` marks a bucket in a
 * burst), the window's total and a sparkline; then the bursts, one line each.
 */
export function formatTrends(trends: Trends): string {
  const { bucket, labels, series } = trends;
  const range = `${labels[0] ?? ''} to ${labels.at(-1) ?? ''}`;
  if (series.length === 0) return `No ${trends.kind} mentions per ${bucket} from ${range}.`;
  const showCounts = labels.length <= MAX_COUNT_COLUMNS;
  const headers = [
    trends.kind,
    ...(showCounts ? labels.map((l) => columnLabel(l, bucket)) : []),
    'total',
    'trend',
  ];
  const rows = series.map((s) => [
    s.value,
    ...(showCounts ? s.counts.map((c, i) => `${c}${s.inBurst[i] ? '*' : ''}`) : []),
    String(s.total),
    sparkline(s.counts),
  ]);
  const width = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  // Names left-aligned, numbers right-aligned, the sparkline as is.
  const line = (cells: string[]) =>
    cells
      .map((c, i) => {
        if (i === 0) return c.padEnd(width[0] ?? 0);
        if (i === cells.length - 1) return c;
        return c.padStart(width[i] ?? 0);
      })
      .join('  ')
      .trimEnd();
  const out = [
    `Mentions of ${trends.kind} per ${bucket}, ${range} (top ${series.length}; * in a burst)`,
    '',
    line(headers),
    ...rows.map(line),
  ];
  const bursts = series.flatMap((s) => s.bursts.map((b) => ({ value: s.value, ...b })));
  const d = trends.detector;
  out.push('');
  if (bursts.length === 0) {
    out.push(`No bursts (EWMA z >= ${d.zThreshold} with at least ${d.minCount} mentions).`);
    return out.join('\n');
  }
  out.push(`Bursts (EWMA z >= ${d.zThreshold} with at least ${d.minCount} mentions):`);
  const nameWidth = Math.max(...bursts.map((b) => b.value.length));
  for (const b of bursts.sort((x, y) => y.start - x.start || x.value.localeCompare(y.value))) {
    const from = new Date(b.start).toISOString().slice(0, bucket === 'month' ? 7 : 10);
    const to = new Date(b.end).toISOString().slice(0, bucket === 'month' ? 7 : 10);
    const span = b.start === b.end ? `${bucket} of ${from}` : `${from} to ${to}`;
    out.push(
      `  * ${b.value.padEnd(nameWidth)}  ${span}: ${b.count} mentions against ${b.baseline.toFixed(1)} expected, ` +
        `z ${b.startZ.toFixed(1)} (peak ${b.peakZ.toFixed(1)})${b.ongoing ? ', ongoing' : ''}`,
    );
  }
  return out.join('\n');
}
