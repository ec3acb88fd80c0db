import { useMemo, useState } from 'react';
import type { PageProps } from '../pageProps.js';
import { useApiData } from '../useApiData.js';
import { AlertRateChart } from './AlertRateChart.js';
import { FeatureDriftTable } from './FeatureDriftTable.js';
import { formatTime } from './formatTime.js';
import { GenerationsTable } from './GenerationsTable.js';
import { ModelStatus } from './ModelStatus.js';
import { fetchModelHealth, fetchModels, type ModelHealthCheck } from './modelHealthApi.js';
import { type DistributionView, splitRows } from './modelHealthSeries.js';
import { PsiChart } from './PsiChart.js';
import { ScoreDistributionChart } from './ScoreDistributionChart.js';
import './modelHealth.css';

const DAY = 86_400_000;
const RANGES = [1, 7, 14, 30, 90] as const;

/**
 * Model health, in the manner of Evidently or Arize: the monitor model's recent scores against its
 * training baseline (PSI over the training deciles, the 0.1 and 0.2 readings, retrains marked), the
 * distribution behind any one check, the alert rate, and which features moved.
 */
export function ModelHealthPage(props: PageProps) {
  const { api, onUnauthorized } = props;
  const models = useApiData(() => fetchModels(api), [api], onUnauthorized);
  const [picked, setPicked] = useState<string>();
  const [days, setDays] = useState<number>(14);
  const [view, setView] = useState<DistributionView>('histogram');
  const [selected, setSelected] = useState<ModelHealthCheck>();

  const list = models.data ?? [];
  const current = list.find((m) => m.model === picked) ?? list.find((m) => m.model === 'monitor') ?? list[0];
  // The range ends at the model's latest row, so a monitor replaying last year's stream still shows.
  const range = current ? { since: current.at + 1 - days * DAY, until: current.at + 1 } : undefined;
  const history = useApiData(
    () =>
      current && range
        ? fetchModelHealth(api, current.model, range)
        : Promise.resolve({ model: '', items: [], truncated: false }),
    [api, current?.model, current?.at, days],
    onUnauthorized,
  );
  const rows = history.data?.model === current?.model ? (history.data?.items ?? []) : [];
  const { checks, retrains } = useMemo(() => splitRows(rows), [rows]);
  const lastCheck = checks.at(-1);
  const shown = selected && checks.includes(selected) ? selected : lastCheck;

  return (
    <main className="page model-page">
      <header className="model-header">
        <h2>Model health</h2>
        {list.length > 0 && (
          <>
            <label>
              model{' '}
              <select
                data-testid="model-picker"
                value={current?.model ?? ''}
                onChange={(e) => {
                  setPicked(e.target.value);
                  setSelected(undefined);
                }}
              >
                {list.map((m) => (
                  <option key={m.model} value={m.model}>
                    {m.model}
                  </option>
                ))}
              </select>
            </label>
            <label>
              range{' '}
              <select
                data-testid="model-range"
                value={days}
                onChange={(e) => {
                  setDays(Number(e.target.value));
                  setSelected(undefined);
                }}
              >
                {RANGES.map((d) => (
                  <option key={d} value={d}>
                    last {d === 1 ? '24 h' : `${d} days`}
                  </option>
                ))}
              </select>
            </label>
          </>
        )}
      </header>
      {models.error && <p className="error">{models.error}</p>}
      {history.error && <p className="error">{history.error}</p>}
      {!models.data && models.loading && <p className="muted">loading…</p>}
      {models.data && list.length === 0 && (
        <p className="muted" data-testid="model-health-empty">
          No model health recorded yet. <code>argus monitor</code> records a drift check of its model every
          tenth of a drift window of scores (and each retrain) in the store; <code>argus serve --demo</code>{' '}
          seeds a fortnight of them.
        </p>
      )}
      {current && (
        <>
          <ModelStatus lastCheck={lastCheck} lastRetrain={retrains.at(-1)} />
          {history.data?.truncated && (
            <p className="muted">
              This range holds more checks than one page: the latest {rows.length.toLocaleString('en-US')} are
              shown. Pick a shorter range to see all of one.
            </p>
          )}
          <section className="model-panel">
            <header>
              <h3>PSI over time</h3>
              <span className="muted">
                population stability index of the last scores against the training scores' deciles; g<i>n</i>:
                generation <i>n</i> installed; ringed: a drift alert; click a check to inspect it
              </span>
            </header>
            {checks.length === 0 ? (
              <p className="muted">No drift check in this range.</p>
            ) : (
              <PsiChart
                checks={checks}
                retrains={retrains}
                range={range ?? { since: 0, until: 1 }}
                selected={shown}
                onSelect={setSelected}
              />
            )}
          </section>
          {shown && (
            <div className="model-grid">
              <section className="model-panel">
                <header>
                  <h3>Score distribution</h3>
                  <span className="model-toggle">
                    {(['histogram', 'deciles'] as const).map((v) => (
                      <button
                        type="button"
                        key={v}
                        className={v === view ? 'active' : ''}
                        aria-pressed={v === view}
                        onClick={() => setView(v)}
                      >
                        {v === 'histogram' ? 'score bins' : 'training deciles'}
                      </button>
                    ))}
                  </span>
                </header>
                <p className="muted model-note">
                  Check at {formatTime(shown.at)}: generation {shown.generation}, PSI {shown.psi.toFixed(3)} (
                  {shown.level}){shown.details.drifted ? ', raised a drift alert' : ''}
                  {shown !== lastCheck && (
                    <>
                      {' '}
                      ·{' '}
                      <button type="button" className="link" onClick={() => setSelected(undefined)}>
                        back to the latest check
                      </button>
                    </>
                  )}
                </p>
                <ScoreDistributionChart check={shown} view={view} />
              </section>
              <section className="model-panel">
                <header>
                  <h3>Alert rate</h3>
                </header>
                <AlertRateChart checks={checks} range={range ?? { since: 0, until: 1 }} />
              </section>
            </div>
          )}
          {shown && (
            <section className="model-panel">
              <header>
                <h3>Feature drift</h3>
                <span className="muted">
                  PSI of each input over a sample of the window, against the training rows, at the check shown
                </span>
              </header>
              <FeatureDriftTable check={shown} earlier={checks[0] === shown ? undefined : checks[0]} />
            </section>
          )}
          <section className="model-panel">
            <header>
              <h3>Generations</h3>
            </header>
            <GenerationsTable retrains={retrains} />
          </section>
        </>
      )}
    </main>
  );
}
