import { useMemo } from 'react';
import type uPlot from 'uplot';
import { themedAxis } from '../charts/chartTheme.js';
import { UPlotChart } from '../charts/UPlotChart.js';
import type { ModelHealthCheck } from './modelHealthApi.js';
import { alertRateBuckets, perThousand } from './modelHealthSeries.js';
import { xRange } from './PsiChart.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Alerts per 1,000 scored transfers, per day (per hour over short ranges), from the counts each drift
 * check recorded since the one before: the model's own alerts, and the rules' beside them for scale.
 */
export function AlertRateChart(props: {
  checks: readonly ModelHealthCheck[];
  range: { since: number; until: number };
}) {
  const { checks } = props;
  const { since, until } = props.range;
  const bucketMs = until - since <= 2 * DAY ? HOUR : DAY;
  const chart = useMemo(() => {
    const buckets = alertRateBuckets(checks, bucketMs);
    const options: Omit<uPlot.Options, 'width'> = {
      height: 200,
      scales: {
        x: { range: () => xRange({ since, until }) },
        y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.15)] },
      },
      axes: [themedAxis(), themedAxis({ label: 'per 1,000 scored', size: 56 })],
      series: [
        {
          label: bucketMs === DAY ? 'day' : 'hour',
          value: (_u, v) => (v == null ? '' : new Date(v * 1000).toLocaleString()),
        },
        {
          label: 'model alerts',
          stroke: '#2f5bea',
          width: 2,
          points: { show: true, size: 5 },
          value: (_u, v) => (v == null ? '–' : v.toFixed(2)),
        },
        {
          label: 'rule alerts',
          stroke: '#e0602b',
          width: 2,
          dash: [5, 4],
          points: { show: true, size: 4 },
          value: (_u, v) => (v == null ? '–' : v.toFixed(2)),
        },
      ],
    };
    const data: uPlot.AlignedData = [
      buckets.map((b) => b.start / 1000),
      buckets.map((b) => perThousand(b.model, b.scored)),
      buckets.map((b) => perThousand(b.rules, b.scored)),
    ];
    const totals = buckets.reduce(
      (t, b) => ({ scored: t.scored + b.scored, model: t.model + b.model, rules: t.rules + b.rules }),
      { scored: 0, model: 0, rules: 0 },
    );
    return { options, data, totals };
  }, [checks, bucketMs, since, until]);

  return (
    <div data-testid="model-alert-rate">
      <UPlotChart
        options={chart.options}
        data={chart.data}
        label={`model and rule alerts per 1,000 scored transfers, per ${bucketMs === DAY ? 'day' : 'hour'}`}
      />
      <p className="muted model-note">
        {chart.totals.model.toLocaleString('en-US')} model and {chart.totals.rules.toLocaleString('en-US')}{' '}
        rule alerts over {chart.totals.scored.toLocaleString('en-US')} scored transfers in this range.
      </p>
    </div>
  );
}
