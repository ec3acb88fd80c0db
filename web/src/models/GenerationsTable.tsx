import { formatTime } from './formatTime.js';
import type { ModelHealthCheck } from './modelHealthApi.js';

const REASON: Record<string, string> = {
  first: 'first fit after warm-up',
  drift: 'refit after a drift alert',
  schedule: 'scheduled refit',
  loaded: 'loaded from saved state',
};

/** The generations installed in the range, newest first: when, why, on how many rows, and the PSI they ended. */
export function GenerationsTable(props: { retrains: readonly ModelHealthCheck[] }) {
  if (props.retrains.length === 0) return <p className="muted">No new generation in this range.</p>;
  return (
    <table className="model-table" data-testid="model-generations">
      <thead>
        <tr>
          <th>installed</th>
          <th>generation</th>
          <th>why</th>
          <th>training rows</th>
          <th>PSI of the one it replaced</th>
        </tr>
      </thead>
      <tbody>
        {[...props.retrains].reverse().map((r) => (
          <tr key={`${r.generation}-${r.at}`}>
            <td>{formatTime(r.at)}</td>
            <td className="num">{r.generation}</td>
            <td>{REASON[r.details.retrain?.reason ?? ''] ?? r.details.retrain?.reason ?? '—'}</td>
            <td className="num">{r.sampleSize.toLocaleString('en-US')}</td>
            <td className="num">{r.details.retrain?.previousPsi?.toFixed(3) ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
