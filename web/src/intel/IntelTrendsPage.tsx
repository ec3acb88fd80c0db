import { useMemo, useState } from 'react';
import type { PageProps } from '../pageProps.js';
import { useApiData } from '../useApiData.js';
import { BurstDocuments } from './BurstDocuments.js';
import { BurstTable } from './BurstTable.js';
import { type BurstRow, burstRows } from './burstRows.js';
import { ForecastPanel, type SeriesChoice } from './ForecastPanel.js';
import { fetchTrends, mentionSeriesSpec, type Trends } from './intelApi.js';
import { MentionChart } from './MentionChart.js';
import { RANGES, TrendsControls, type TrendsSettings } from './TrendsControls.js';
import './intel.css';

/** Series offered for a forecast besides the entities on the chart. */
const ALERT_CHOICES: SeriesChoice[] = [
  { spec: 'alerts', label: 'all alerts' },
  { spec: 'alerts:area=intel', label: 'intel alerts' },
];

/** The entity the forecast opens on: the one with the strongest burst going on, else the most mentioned. */
function defaultEntity(trends: Trends): string | undefined {
  let best: { value: string; z: number } | undefined;
  for (const s of trends.series) {
    for (const b of s.bursts) {
      if (b.ongoing && (best === undefined || b.peakZ > best.z)) best = { value: s.value, z: b.peakZ };
    }
  }
  return best?.value ?? trends.series[0]?.value;
}

/**
 * Threat-intel trends: mention volume of the top techniques (protocols, packages, CVEs) per bucket with
 * their bursts marked, the bursts as a table whose rows open their documents, and a forecast of one
 * series with its prediction interval and how the model did on the history.
 */
export function IntelTrendsPage(props: PageProps) {
  const { api, onUnauthorized } = props;
  const [settings, setSettings] = useState<TrendsSettings>({
    kind: 'technique',
    bucket: 'week',
    buckets: RANGES.week[0] as number,
    top: 8,
  });
  const [selected, setSelected] = useState<BurstRow>();
  const trends = useApiData(
    () => fetchTrends(api, settings),
    [settings.kind, settings.bucket, settings.buckets, settings.top],
    onUnauthorized,
  );
  const data = trends.data;
  const rows = useMemo(() => (data ? burstRows(data) : []), [data]);
  const choices = useMemo<SeriesChoice[]>(
    () => [
      ...(data?.series ?? []).map((s) => ({
        spec: mentionSeriesSpec(data?.kind ?? settings.kind, s.value),
        label: `${s.value} (${data?.kind} mentions)`,
      })),
      ...ALERT_CHOICES,
    ],
    [data, settings.kind],
  );
  const entity = data ? defaultEntity(data) : undefined;
  const defaultSpec = data && entity ? mentionSeriesSpec(data.kind, entity) : data ? 'alerts' : undefined;

  return (
    <main className="page intel-page">
      <h2>Threat-intel trends</h2>
      <TrendsControls
        value={settings}
        onChange={(next) => {
          setSettings(next);
          setSelected(undefined);
        }}
      />
      {trends.error && <p className="error">{trends.error}</p>}
      {!data && trends.loading && <p className="muted">loading…</p>}
      {data && (
        <>
          <section className="intel-panel">
            <header>
              <h3>
                Documents per {data.bucket} mentioning each {data.kind}
              </h3>
              <span className="legend">
                shaded: bursts (EWMA z ≥ {data.detector.zThreshold}, at least {data.detector.minCount}{' '}
                mentions); ▼ where one began; the last {data.bucket} is still open; click a legend entry to
                hide a line
              </span>
            </header>
            {data.series.length === 0 ? (
              <p className="muted" data-testid="intel-trends-empty">
                No {data.kind} mentioned in this window. Ingest advisories with{' '}
                <code>argus intel ingest</code>.
              </p>
            ) : (
              <MentionChart trends={data} />
            )}
            <h3>Bursts</h3>
            <BurstTable rows={rows} bucket={data.bucket} selected={selected?.key} onSelect={setSelected} />
          </section>
          {selected && (
            <BurstDocuments
              api={api}
              onUnauthorized={onUnauthorized}
              row={selected}
              kind={data.kind}
              bucket={data.bucket}
              onClose={() => setSelected(undefined)}
            />
          )}
          <ForecastPanel
            api={api}
            onUnauthorized={onUnauthorized}
            choices={choices}
            defaultSpec={defaultSpec}
            bucket={data.bucket}
          />
        </>
      )}
    </main>
  );
}
