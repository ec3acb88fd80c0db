import { formatAgo, formatTime } from './formatTime.js';
import type { ModelHealthCheck } from './modelHealthApi.js';

/**
 * The model's state at a glance: the level of its last drift check with the PSI and when it ran, and
 * a note when a new generation has gone in since (its drift is then measured afresh).
 */
export function ModelStatus(props: {
  lastCheck: ModelHealthCheck | undefined;
  lastRetrain: ModelHealthCheck | undefined;
}) {
  const { lastCheck, lastRetrain } = props;
  if (!lastCheck) {
    return (
      <div className="model-status" data-testid="model-status">
        <span className="model-level level-none">no check yet</span>
        <span className="muted">
          a check needs a full window of scores after the model
          {lastRetrain ? ` (generation ${lastRetrain.generation})` : ''} went in
        </span>
      </div>
    );
  }
  const retrainedSince = lastRetrain && lastRetrain.at >= lastCheck.at ? lastRetrain : undefined;
  return (
    <div className="model-status" data-testid="model-status" data-level={lastCheck.level}>
      <span className={`model-level level-${lastCheck.level}`}>{lastCheck.level}</span>
      <span>
        PSI <strong>{lastCheck.psi.toFixed(3)}</strong>
      </span>
      <span className="muted">
        last check {formatTime(lastCheck.at)} ({formatAgo(lastCheck.at)}) · generation {lastCheck.generation}{' '}
        · {lastCheck.sampleSize.toLocaleString('en-US')} scores
      </span>
      {retrainedSince && (
        <span className="muted">
          · retrained since: generation {retrainedSince.generation}
          {retrainedSince.details.retrain?.reason === 'drift' ? ' after the drift alert' : ''}
        </span>
      )}
    </div>
  );
}
