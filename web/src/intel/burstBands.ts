import type uPlot from 'uplot';
import { withAlpha } from '../charts/chartTheme.js';
import type { Trends } from './intelApi.js';

/** The left and right canvas x of bucket j: halfway to its neighbours (a line chart's points sit on starts). */
function bucketEdges(u: uPlot, starts: readonly number[], j: number): [number, number] {
  const x = (i: number) => u.valToPos((starts[i] as number) / 1000, 'x', true);
  const here = x(j);
  const last = starts.length - 1;
  const left = j > 0 ? (x(j - 1) + here) / 2 : last > 0 ? here - (x(1) - here) / 2 : here - 10;
  const right = j < last ? (here + x(j + 1)) / 2 : last > 0 ? here + (here - x(last - 1)) / 2 : here + 10;
  return [left, right];
}

interface Span {
  series: number;
  first: number;
  last: number;
  /** Whether the burst starts inside the window (else it began before and has no start marker here). */
  startsHere: boolean;
}

/** Each burst's buckets within the window, by uPlot series index (1-based: 0 is the x axis). */
function burstSpans(trends: Trends): Span[] {
  const { starts } = trends;
  const first = starts[0] ?? 0;
  const spans: Span[] = [];
  trends.series.forEach((s, i) => {
    for (const b of s.bursts) {
      const from = starts.indexOf(Math.max(b.start, first));
      const to = starts.indexOf(b.end);
      if (from < 0 || to < from) continue;
      spans.push({ series: i + 1, first: from, last: to, startsHere: b.start >= first });
    }
  });
  return spans;
}

function clipToPlot(u: uPlot): void {
  const { left, top, width, height } = u.bbox;
  u.ctx.beginPath();
  u.ctx.rect(left, top, width, height);
  u.ctx.clip();
}

/**
 * Burst intervals on the mention chart: a band in the series' colour behind the lines over each
 * burst's buckets, and a triangle over the bucket where the burst began. A series hidden from the
 * legend hides its bursts too.
 */
export function burstBandsPlugin(trends: Trends, colors: readonly string[]): uPlot.Plugin {
  const spans = burstSpans(trends);
  const ratio = typeof devicePixelRatio === 'number' ? devicePixelRatio : 1;
  return {
    hooks: {
      drawClear: (u) => {
        const { ctx } = u;
        ctx.save();
        clipToPlot(u);
        for (const span of spans) {
          if (!u.series[span.series]?.show) continue;
          const [left] = bucketEdges(u, trends.starts, span.first);
          const [, right] = bucketEdges(u, trends.starts, span.last);
          ctx.fillStyle = withAlpha(colors[span.series - 1] ?? '#888888', 0.14);
          ctx.fillRect(left, u.bbox.top, right - left, u.bbox.height);
        }
        ctx.restore();
      },
      draw: (u) => {
        const { ctx } = u;
        ctx.save();
        clipToPlot(u);
        const size = 6 * ratio;
        for (const span of spans) {
          if (!span.startsHere || !u.series[span.series]?.show) continue;
          const count = trends.series[span.series - 1]?.counts[span.first] ?? 0;
          const x = u.valToPos((trends.starts[span.first] as number) / 1000, 'x', true);
          const y = u.valToPos(count, 'y', true) - 4 * ratio;
          ctx.fillStyle = colors[span.series - 1] ?? '#888888';
          ctx.strokeStyle = '#ffffff';
          ctx.lineWidth = ratio;
          ctx.beginPath();
          ctx.moveTo(x, y);
          ctx.lineTo(x - size, y - 1.6 * size);
          ctx.lineTo(x + size, y - 1.6 * size);
          ctx.closePath();
          ctx.fill();
          ctx.stroke();
        }
        ctx.restore();
      },
    },
  };
}
