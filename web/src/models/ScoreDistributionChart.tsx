import { useMemo } from 'react';
import type uPlot from 'uplot';
import { cssColor, themedAxis, withAlpha } from '../charts/chartTheme.js';
import { barPaths, UPlotChart } from '../charts/UPlotChart.js';
import type { ModelHealthCheck } from './modelHealthApi.js';
import { type DistributionView, distributionOf } from './modelHealthSeries.js';

const percent = (v: number) => `${(v * 100).toFixed(v < 0.1 ? 1 : 0)}%`;

/**
 * One check's window of scores against the training scores, as two series of bars over the same bins:
 * equal bins of the calibrated score, or the training deciles PSI compares (each ~10% at training).
 */
export function ScoreDistributionChart(props: { check: ModelHealthCheck; view: DistributionView }) {
  const { check, view } = props;
  const distribution = useMemo(() => distributionOf(check, view), [check, view]);
  const chart = useMemo(() => {
    if (!distribution) return undefined;
    const { labels, current, baseline } = distribution;
    const n = labels.length;
    const muted = cssColor('--baseline', '#9aa5b8');
    const accent = cssColor('--accent', '#2f5bea');
    // Every label for the ten deciles; every fifth of the twenty score bins (their lower edges).
    const step = n > 10 ? 5 : 1;
    const options: Omit<uPlot.Options, 'width'> = {
      height: 240,
      scales: {
        x: { time: false, range: [-0.6, n - 0.4] },
        y: { range: (_u, _min, max) => [0, Math.max(0.12, max * 1.1)] },
      },
      axes: [
        themedAxis({
          label: view === 'deciles' ? 'training-score decile' : 'calibrated score',
          splits: () => Array.from({ length: Math.ceil(n / step) }, (_, i) => i * step),
          values: (_u, splits) =>
            splits.map((i) =>
              view === 'deciles' ? (labels[i] ?? '') : ((labels[i] ?? '').split('–')[0] ?? ''),
            ),
        }),
        themedAxis({ label: 'share of scores', size: 56, values: (_u, ticks) => ticks.map(percent) }),
      ],
      legend: { live: true },
      series: [
        {
          label: view === 'deciles' ? 'decile' : 'score',
          value: (_u, v) => (v == null ? '' : (labels[v] ?? '')),
        },
        {
          label: 'at training',
          stroke: muted,
          fill: withAlpha(muted.startsWith('#') ? muted : '#9aa5b8', 0.35),
          paths: barPaths(),
          points: { show: false },
          value: (_u, v) => (v == null ? '–' : percent(v)),
        },
        {
          label: `last ${check.sampleSize.toLocaleString('en-US')} scores`,
          stroke: accent,
          fill: withAlpha(accent.startsWith('#') ? accent : '#2f5bea', 0.55),
          paths: barPaths(),
          points: { show: false },
          value: (_u, v) => (v == null ? '–' : percent(v)),
        },
      ],
    };
    const data: uPlot.AlignedData = [labels.map((_, i) => i), baseline ?? labels.map(() => null), current];
    return { options, data };
  }, [distribution, view, check.sampleSize]);

  return (
    <div data-testid="model-score-distribution">
      {chart ? (
        <UPlotChart
          options={chart.options}
          data={chart.data}
          label={`share of the last ${check.sampleSize} model scores per ${view === 'deciles' ? 'training decile' : 'score bin'}, beside the training scores`}
        />
      ) : (
        <p className="muted">This check kept no score bins.</p>
      )}
      {distribution && !distribution.baseline && (
        <p className="muted">
          The model was saved before training-score bins were kept; its next retrain adds them.
        </p>
      )}
    </div>
  );
}
