import { bucketText } from './BurstTable.js';
import type { ForecastReport } from './intelApi.js';

const num = (v: number | null | undefined, digits = 2) =>
  v == null || !Number.isFinite(v) ? '–' : v.toFixed(digits);

/** What was fitted and how well it forecast: the model, its parameters, MASE against seasonal naive. */
export function ForecastFacts(props: { report: ForecastReport }) {
  const { report } = props;
  const { model, backtest, check } = report;
  const unit = report.series.unit === 'day' ? 'day' : report.series.unit === 'week' ? 'week' : 'month';
  const params = Object.entries(model.params)
    .map(([k, v]) => `${k} ${v == null || !Number.isFinite(v) ? '–' : (v as number).toPrecision(2)}`)
    .join(', ');
  return (
    <dl className="facts intel-facts">
      <div>
        <dt>model</dt>
        <dd data-testid="intel-forecast-model">
          {model.name}
          {model.period > 1 ? `, season ${model.period}` : ', no season'}, {model.scale} scale ({params}; AICc{' '}
          {num(model.aicc, 1)})
        </dd>
      </div>
      <div>
        <dt>accuracy</dt>
        <dd data-testid="intel-forecast-mase">
          {'skipped' in backtest ? (
            <span className="muted">no rolling-origin check: {backtest.skipped}</span>
          ) : (
            <>
              MASE <strong>{num(backtest.mase)}</strong> vs seasonal naive {num(backtest.naiveMase)} (MAE
              ratio {num(backtest.relMae)}; {backtest.origins} origins, one-step coverage{' '}
              {num((backtest.leads[0]?.coverage ?? Number.NaN) * 100, 0)}% for{' '}
              {Math.round(report.level * 100)}%)
            </>
          )}
        </dd>
      </div>
      <div>
        <dt>last {unit}</dt>
        <dd data-testid="intel-forecast-check">
          {bucketText(check.at, report.series.unit)}: {num(check.actual, 0)}{' '}
          {check.inside ? 'inside' : <strong className="intel-outside">outside</strong>} [
          {num(check.lower, 1)}, {num(check.upper, 1)}] of the forecast fitted without it
        </dd>
      </div>
      <div>
        <dt>left the interval</dt>
        <dd data-testid="intel-forecast-outside">
          {report.outside.length === 0
            ? 'none'
            : report.outside
                .map(
                  (p) =>
                    `${p.label} (${num(p.actual, 0)}, ${p.position} [${num(p.lower, 1)}, ${num(p.upper, 1)}])`,
                )
                .join('; ')}
        </dd>
      </div>
      {report.series.notes.length > 0 && (
        <div>
          <dt>notes</dt>
          <dd className="muted">{report.series.notes.join('; ')}</dd>
        </div>
      )}
    </dl>
  );
}
