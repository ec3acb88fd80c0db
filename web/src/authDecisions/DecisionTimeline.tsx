import { useMemo } from 'react';
import type uPlot from 'uplot';
import { themedAxis } from '../charts/chartTheme.js';
import { UPlotChart } from '../charts/UPlotChart.js';
import type { DecisionSummary } from './authDecisionsApi.js';
import { stackedOutcomes } from './stackedSeries.js';

/** Assessments per hour or day, stacked by outcome. */
export function DecisionTimeline(props: { summary: DecisionSummary }) {
  const { timeline, bucket } = props.summary;
  const { options, data } = useMemo(() => {
    // uPlot's time scale counts seconds.
    const stacked = stackedOutcomes(
      timeline.start.map((t) => t / 1000),
      timeline,
    );
    const options: Omit<uPlot.Options, 'width'> = {
      height: 240,
      scales: { y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
      axes: [themedAxis(), themedAxis({ label: `assessments per ${bucket}`, size: 50 })],
      series: [{ label: bucket === 'hour' ? 'hour from' : 'day' }, ...stacked.series],
    };
    return { options, data: stacked.data };
  }, [timeline, bucket]);

  return (
    <section className="auth-panel" data-testid="auth-decision-timeline">
      <h3>Decisions over time</h3>
      <UPlotChart options={options} data={data} label={`assessments per ${bucket} by outcome`} />
    </section>
  );
}
