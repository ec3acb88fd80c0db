import { useMemo } from 'react';
import type uPlot from 'uplot';
import { cssColor, themedAxis, withAlpha } from '../charts/chartTheme.js';
import { UPlotChart } from '../charts/UPlotChart.js';
import { FORECAST_SERIES, forecastChartData } from './forecastChartData.js';
import type { ForecastReport } from './intelApi.js';

const OUTSIDE = '#c62828';

/** History, forecast and prediction interval of one series, with the actuals that left their interval. */
export function ForecastChart(props: { report: ForecastReport }) {
  const { report } = props;
  const { options, data } = useMemo(() => {
    const accent = cssColor('--accent', '#2f5bea');
    const fg = cssColor('--fg', '#1d2330');
    const muted = cssColor('--muted', '#6b7280');
    const percent = `${Math.round(report.level * 100)}%`;
    const fmt = (_u: uPlot, v: number | null) => (v == null ? '' : v.toFixed(1));
    const options: Omit<uPlot.Options, 'width'> = {
      height: 280,
      scales: { y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.1)] } },
      axes: [
        themedAxis(),
        themedAxis({
          label: `${report.series.measure === 'count' ? 'count' : 'value'} per ${report.series.unit}`,
          size: 56,
        }),
      ],
      series: [
        {
          label: report.series.unit,
          value: (_u, v) => (v == null ? '' : new Date(v * 1000).toISOString().slice(0, 10)),
        },
        { label: 'actual', stroke: fg, width: 2, points: { show: true, size: 4 } },
        { label: 'in-sample fit', stroke: muted, width: 1, dash: [2, 3], show: false, value: fmt },
        {
          label: `${percent} lower`,
          stroke: withAlpha('#2f5bea', 0.35),
          width: 1,
          points: { show: false },
          value: fmt,
        },
        {
          label: `${percent} upper`,
          stroke: withAlpha('#2f5bea', 0.35),
          width: 1,
          points: { show: false },
          value: fmt,
        },
        { label: `forecast (${report.model.name})`, stroke: accent, width: 2, dash: [6, 4], value: fmt },
        { label: 'seasonal naive', stroke: muted, width: 1.5, dash: [1, 3], value: fmt },
        {
          label: 'outside the interval',
          stroke: OUTSIDE,
          fill: OUTSIDE,
          paths: () => null,
          points: { show: true, size: 10, stroke: OUTSIDE, fill: OUTSIDE },
        },
      ],
      bands: [{ series: [FORECAST_SERIES.upper, FORECAST_SERIES.lower], fill: withAlpha('#2f5bea', 0.13) }],
    };
    return { options, data: forecastChartData(report) };
  }, [report]);

  return (
    <div data-testid="intel-forecast-chart">
      <UPlotChart
        options={options}
        data={data}
        label={`${report.series.name}: history, forecast and ${Math.round(report.level * 100)}% prediction interval`}
      />
    </div>
  );
}
