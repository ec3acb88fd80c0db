import { useMemo, useState } from 'react';
import type uPlot from 'uplot';
import { barPaths, UPlotChart } from '../charts/UPlotChart.js';
import type { AddressActivity } from './addressApi.js';
import { compactNumber, cssColor } from './categoryStyle.js';

type Measure = 'transfers' | 'value';

/** Received above the axis, sent below it, per hour or day; transfer counts or value moved. */
export function ActivityChart(props: { activity: AddressActivity }) {
  const { activity } = props;
  const [measure, setMeasure] = useState<Measure>('transfers');
  const { options, data } = useMemo(() => {
    const b = activity.buckets;
    const received = b.map((x) => (measure === 'transfers' ? x.inCount : x.inValue));
    const sent = b.map((x) => -(measure === 'transfers' ? x.outCount : x.outValue));
    const line = cssColor('--line', '#dde1e8');
    const axis = (extra: uPlot.Axis = {}): uPlot.Axis => ({
      stroke: cssColor('--muted', '#6b7280'),
      grid: { stroke: line, width: 1 },
      ticks: { stroke: line, width: 1 },
      ...extra,
    });
    const options: Omit<uPlot.Options, 'width'> = {
      height: 220,
      scales: {
        y: {
          range: (_u, min, max) => {
            const top = Math.max(1, Math.abs(min), Math.abs(max));
            return [-top * 1.05, top * 1.05];
          },
        },
      },
      axes: [
        axis(),
        axis({
          label: `${measure} per ${activity.bucket}`,
          size: 56,
          values: (_u, splits) => splits.map((v) => compactNumber(Math.abs(v))),
        }),
      ],
      series: [
        { label: activity.bucket },
        {
          label: 'received',
          stroke: '#2e7d32',
          fill: 'rgba(46, 125, 50, 0.6)',
          paths: barPaths(),
          points: { show: false },
          value: (_u, v) => (v == null ? '' : compactNumber(Math.abs(v))),
        },
        {
          label: 'sent',
          stroke: '#c62828',
          fill: 'rgba(198, 40, 40, 0.6)',
          paths: barPaths(),
          points: { show: false },
          value: (_u, v) => (v == null ? '' : compactNumber(Math.abs(v))),
        },
      ],
    };
    // uPlot's time scale counts seconds.
    const data: uPlot.AlignedData = [b.map((x) => x.start / 1000), received, sent];
    return { options, data };
  }, [activity, measure]);

  const t = activity.totals;
  return (
    <section className="address-panel" data-testid="address-activity">
      <header>
        <h3>Activity over time</h3>
        <fieldset className="layout-switch" aria-label="activity measure">
          {(['transfers', 'value'] as const).map((m) => (
            <label key={m}>
              <input type="radio" name="measure" checked={measure === m} onChange={() => setMeasure(m)} /> {m}
            </label>
          ))}
        </fieldset>
      </header>
      <dl className="tiles">
        <div>
          <dt>received</dt>
          <dd>
            {t.inCount} · {compactNumber(t.inValue)}
          </dd>
        </div>
        <div>
          <dt>sent</dt>
          <dd>
            {t.outCount} · {compactNumber(t.outValue)}
          </dd>
        </div>
        <div>
          <dt>senders / receivers</dt>
          <dd>
            {t.senders} / {t.receivers}
          </dd>
        </div>
        <div>
          <dt>first seen</dt>
          <dd>{new Date(t.firstSeen).toLocaleString()}</dd>
        </div>
        <div>
          <dt>last seen</dt>
          <dd>{new Date(t.lastSeen).toLocaleString()}</dd>
        </div>
      </dl>
      {activity.buckets.length === 0 ? (
        <p className="muted">no transfers</p>
      ) : (
        <UPlotChart
          options={options}
          data={data}
          label={`${measure} received and sent per ${activity.bucket}`}
        />
      )}
      {(activity.estimated || activity.truncated) && (
        <p className="legend">
          {activity.estimated &&
            'Repeated transfers with one counterparty are spread evenly between their first and last time (the graph keeps their count, sum and time span). '}
          {activity.truncated && 'Older buckets are left out of the chart but counted in the totals.'}
        </p>
      )}
    </section>
  );
}
