import { useMemo } from 'react';
import type uPlot from 'uplot';
import { themedAxis } from '../charts/chartTheme.js';
import { UPlotChart } from '../charts/UPlotChart.js';
import type { DecisionSummary } from './authDecisionsApi.js';
import { OUTCOME_COLOR } from './outcomeStyle.js';
import { stackedOutcomes } from './stackedSeries.js';
import { thresholdLines } from './thresholdLines.js';

/** Risk scores in 0.05 bins, stacked by outcome, with the challenge and deny cut-offs in force. */
export function ScoreHistogram(props: { summary: DecisionSummary }) {
  const { histogram, thresholds } = props.summary;
  const { options, data } = useMemo(() => {
    const w = histogram.binWidth;
    const centres = Array.from({ length: histogram.bins }, (_, i) => (i + 0.5) * w);
    const stacked = stackedOutcomes(centres, histogram);
    const options: Omit<uPlot.Options, 'width'> = {
      height: 240,
      scales: { x: { time: false, range: [0, 1] }, y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
      axes: [
        themedAxis({ label: 'risk score', values: (_u, ticks) => ticks.map((t) => t.toFixed(1)) }),
        themedAxis({ label: 'assessments', size: 50 }),
      ],
      series: [
        {
          label: 'score',
          value: (_u, v) => (v == null ? '' : `${(v - w / 2).toFixed(2)}–${(v + w / 2).toFixed(2)}`),
        },
        ...stacked.series,
      ],
      plugins: [
        thresholdLines([
          {
            value: thresholds.challengeAt,
            color: OUTCOME_COLOR.challenge,
            label: `challenge ≥ ${thresholds.challengeAt}`,
          },
          { value: thresholds.denyAt, color: OUTCOME_COLOR.deny, label: `deny ≥ ${thresholds.denyAt}` },
        ]),
      ],
    };
    return { options, data: stacked.data };
  }, [histogram, thresholds]);

  return (
    <section className="auth-panel" data-testid="auth-score-histogram">
      <h3>Score distribution</h3>
      <UPlotChart
        options={options}
        data={data}
        label="histogram of risk scores by outcome with the challenge and deny thresholds"
      />
    </section>
  );
}
