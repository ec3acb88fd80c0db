import { useState } from 'react';
import type { ModelHealthCheck } from './modelHealthApi.js';
import { featureDriftRows } from './modelHealthSeries.js';

const SHOWN = 10;

/**
 * Per-feature PSI of the selected check (a sample of the window's feature rows against the training
 * rows' deciles), most drifted first, with the same feature at the first check of the range for the
 * trend: which inputs moved when the scores did.
 */
export function FeatureDriftTable(props: { check: ModelHealthCheck; earlier: ModelHealthCheck | undefined }) {
  const [all, setAll] = useState(false);
  const rows = featureDriftRows(props.check, props.earlier);
  if (rows.length === 0) {
    return (
      <p className="muted" data-testid="model-feature-drift">
        This check has no per-feature drift: the model was saved before feature baselines were kept.
      </p>
    );
  }
  const widest = Math.max(0.3, ...rows.map((r) => r.psi));
  const shown = all ? rows : rows.slice(0, SHOWN);
  return (
    <div data-testid="model-feature-drift">
      <table className="model-table">
        <thead>
          <tr>
            <th>feature</th>
            <th>PSI</th>
            <th className="model-bar-cell" aria-label="PSI bar" />
            <th>level</th>
            <th>at {props.earlier ? 'range start' : '—'}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((r) => (
            <tr key={r.name}>
              <td>
                <code>{r.name}</code>
              </td>
              <td className="num">{r.psi.toFixed(3)}</td>
              <td className="model-bar-cell">
                <span
                  className={`model-bar level-${r.level}`}
                  style={{ width: `${Math.min(100, (100 * r.psi) / widest)}%` }}
                />
              </td>
              <td>
                <span className={`model-level level-${r.level}`}>{r.level}</span>
              </td>
              <td className="num muted">{r.earlier === undefined ? '—' : r.earlier.toFixed(3)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > SHOWN && (
        <button type="button" className="link" onClick={() => setAll(!all)}>
          {all ? `show the top ${SHOWN}` : `show all ${rows.length} features`}
        </button>
      )}
    </div>
  );
}
