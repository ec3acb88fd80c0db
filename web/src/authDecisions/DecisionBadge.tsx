import type { AuthDecisionKind } from './authDecisionsApi.js';

export function DecisionBadge(props: { decision: AuthDecisionKind }) {
  return <span className={`auth-badge ${props.decision}`}>{props.decision}</span>;
}
