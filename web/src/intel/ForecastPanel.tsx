import { useEffect, useState } from 'react';
import type { PageProps } from '../pageProps.js';
import { useApiData } from '../useApiData.js';
import { ForecastChart } from './ForecastChart.js';
import { ForecastFacts } from './ForecastFacts.js';
import { type Bucket, fetchForecast } from './intelApi.js';

export interface SeriesChoice {
  spec: string;
  label: string;
}

const HORIZONS = [4, 8, 13, 26];
const LEVELS = [0.8, 0.95];

/** Pick a series, see its forecast with the prediction interval and how the model did so far. */
export function ForecastPanel(
  props: PageProps & { choices: SeriesChoice[]; defaultSpec: string | undefined; bucket: Bucket },
) {
  const { api, onUnauthorized, choices, bucket } = props;
  const [spec, setSpec] = useState(props.defaultSpec);
  const [horizon, setHorizon] = useState(8);
  const [level, setLevel] = useState(0.8);
  // A new entity kind brings new choices: follow its default unless the current pick is still offered.
  useEffect(() => {
    setSpec((current) => (current && choices.some((c) => c.spec === current) ? current : props.defaultSpec));
  }, [choices, props.defaultSpec]);

  const forecast = useApiData(
    () => (spec ? fetchForecast(api, { series: spec, bucket, horizon, level }) : Promise.resolve(undefined)),
    [spec, bucket, horizon, level],
    onUnauthorized,
  );

  return (
    <section className="intel-panel" data-testid="intel-forecast">
      <header>
        <h3>Forecast</h3>
        <label>
          series{' '}
          <select
            data-testid="intel-forecast-series"
            value={spec ?? ''}
            onChange={(e) => setSpec(e.target.value)}
          >
            {choices.map((c) => (
              <option key={c.spec} value={c.spec}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          horizon{' '}
          <select value={horizon} onChange={(e) => setHorizon(Number(e.target.value))}>
            {HORIZONS.map((h) => (
              <option key={h} value={h}>
                {h} {bucket}s
              </option>
            ))}
          </select>
        </label>
        <label>
          interval{' '}
          <select value={level} onChange={(e) => setLevel(Number(e.target.value))}>
            {LEVELS.map((l) => (
              <option key={l} value={l}>
                {Math.round(l * 100)}%
              </option>
            ))}
          </select>
        </label>
      </header>
      {!spec && <p className="muted">Nothing to forecast yet.</p>}
      {spec && forecast.error && (
        <p className="error" data-testid="intel-forecast-error">
          {forecast.error}
        </p>
      )}
      {spec && forecast.loading && !forecast.data && <p className="muted">fitting…</p>}
      {spec && forecast.data && !forecast.error && (
        <div className={forecast.loading ? 'intel-stale' : undefined}>
          <p className="legend">{forecast.data.series.name}</p>
          <ForecastChart report={forecast.data} />
          <ForecastFacts report={forecast.data} />
        </div>
      )}
    </section>
  );
}
