import { useEffect, useMemo, useRef } from 'react';
import type uPlot from 'uplot';
import { cssColor, themedAxis } from '../charts/chartTheme.js';
import { UPlotChart } from '../charts/UPlotChart.js';
import type { ModelHealthCheck } from './modelHealthApi.js';
import { PSI_SIGNIFICANT } from './modelHealthSeries.js';
import { psiMarkers } from './psiMarkers.js';

/**
 * PSI of every drift check over time against the 0.1 and 0.2 readings, with each new generation
 * marked and drift alerts ringed. The line breaks at each new generation: its PSI is measured against
 * a new baseline. Clicking the chart picks the check nearest the cursor, whose distribution and
 * feature drift the page then shows.
 */
export function PsiChart(props: {
  checks: readonly ModelHealthCheck[];
  retrains: readonly ModelHealthCheck[];
  /** The x axis spans this (ms), so every chart of the page lines up. */
  range: { since: number; until: number };
  selected: ModelHealthCheck | undefined;
  onSelect(check: ModelHealthCheck): void;
}) {
  const { checks, retrains } = props;
  const { since, until } = props.range;
  // The chart is built once per data set; clicks and the selection go through refs, not a rebuild.
  const onSelect = useRef(props.onSelect);
  onSelect.current = props.onSelect;
  const selectedAt = useRef<number | undefined>(undefined);
  selectedAt.current = props.selected ? props.selected.at / 1000 : undefined;
  const plot = useRef<uPlot | null>(null);

  const chart = useMemo(() => {
    let peak = PSI_SIGNIFICANT * 1.5;
    for (const c of checks) peak = Math.max(peak, c.psi * 1.1);
    // Checks and generations in time order; a generation is a null point, which breaks the line.
    const points = [...checks, ...retrains].sort((a, b) => a.at - b.at);
    const options: Omit<uPlot.Options, 'width'> = {
      height: 260,
      scales: { x: { range: () => xRange({ since, until }) }, y: { range: () => [0, peak] } },
      axes: [
        themedAxis(),
        themedAxis({ label: 'PSI', size: 50, values: (_u, t) => t.map((v) => v.toFixed(2)) }),
      ],
      series: [
        {},
        {
          label: 'PSI of the recent scores',
          stroke: cssColor('--accent', '#2f5bea'),
          width: 2,
          points: { show: true, size: 4 },
          value: (_u, v) => (v == null ? '' : v.toFixed(3)),
        },
      ],
      plugins: [
        psiMarkers({
          retrains: retrains.map((r) => ({
            x: r.at / 1000,
            generation: r.generation,
            reason: r.details.retrain?.reason ?? '',
          })),
          drifted: checks.filter((c) => c.details.drifted).map((c) => ({ x: c.at / 1000, psi: c.psi })),
          selected: () => selectedAt.current,
          muted: cssColor('--muted', '#6b7280'),
          accent: cssColor('--accent', '#2f5bea'),
        }),
        {
          hooks: {
            ready: [
              (u) => {
                plot.current = u;
                u.over.addEventListener('click', () => {
                  const i = u.cursor.idx;
                  const point = i == null ? undefined : points[i];
                  if (point && point.details.kind === 'check') onSelect.current(point);
                });
              },
            ],
            destroy: [
              () => {
                plot.current = null;
              },
            ],
          },
        },
      ],
    };
    const data: uPlot.AlignedData = [
      points.map((p) => p.at / 1000),
      points.map((p) => (p.details.kind === 'check' ? p.psi : null)),
    ];
    return { options, data };
  }, [checks, retrains, since, until]);

  // A new selection only needs the markers redrawn.
  // biome-ignore lint/correctness/useExhaustiveDependencies: redraw when the selection changes
  useEffect(() => {
    plot.current?.redraw(false);
  }, [props.selected]);

  return (
    <div data-testid="model-psi-chart">
      <UPlotChart
        options={chart.options}
        data={chart.data}
        label="population stability index of the model's recent scores over time, with the 0.1 and 0.2 thresholds and retrains marked"
      />
    </div>
  );
}

/** The range in uPlot's seconds, with a little room on the right for the newest generation's label. */
export function xRange(range: { since: number; until: number }): [number, number] {
  const pad = (range.until - range.since) * 0.02;
  return [range.since / 1000, (range.until + pad) / 1000];
}
