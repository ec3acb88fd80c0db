import { useMemo } from 'react';
import type uPlot from 'uplot';
import { seriesColor, themedAxis } from '../charts/chartTheme.js';
import { UPlotChart } from '../charts/UPlotChart.js';
import { burstBandsPlugin } from './burstBands.js';
import type { Trends } from './intelApi.js';

/**
 * Documents mentioning each of the top entities per bucket, one line each, with their bursts shaded
 * and a marker where each began. Click a legend entry to hide or show its line (and its bursts).
 */
export function MentionChart(props: { trends: Trends }) {
  const { trends } = props;
  const { options, data } = useMemo(() => {
    const colors = trends.series.map((_, i) => seriesColor(i));
    let peak = 1;
    for (const s of trends.series) for (const c of s.counts) peak = Math.max(peak, c);
    const options: Omit<uPlot.Options, 'width'> = {
      height: 300,
      // Room above the highest point for the burst markers.
      scales: { y: { range: () => [0, Math.ceil(peak * 1.2)] } },
      axes: [themedAxis(), themedAxis({ label: `documents per ${trends.bucket}`, size: 56 })],
      series: [
        {
          label: trends.bucket,
          value: (_u, v) => (v == null ? '' : new Date(v * 1000).toISOString().slice(0, 10)),
        },
        ...trends.series.map((s, i) => ({
          label: s.value,
          stroke: colors[i],
          width: 2,
          points: { show: true, size: 4 },
        })),
      ],
      plugins: [burstBandsPlugin(trends, colors)],
    };
    // uPlot's time scale counts seconds.
    const data: uPlot.AlignedData = [
      trends.starts.map((s) => s / 1000),
      ...trends.series.map((s) => s.counts),
    ];
    return { options, data };
  }, [trends]);

  return (
    <div data-testid="intel-trends-chart">
      <UPlotChart
        options={options}
        data={data}
        label={`documents per ${trends.bucket} mentioning each ${trends.kind}, bursts shaded`}
      />
    </div>
  );
}
