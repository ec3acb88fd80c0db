import type { AuthDecisionKind } from '../../store/types.js';
import type { AuthConfig } from './authConfig.js';
import type { RiskSignal, SignalId, SignalResult } from './signal.js';

/** One signal that fired, as the API returns it and the decision log keeps it. */
export interface RiskReason {
  signal: SignalId;
  weight: number;
  strength: number;
  /** weight × strength: this signal's own share, 1 - Π(1 - contribution) being the score. */
  contribution: number;
  detail: string;
  evidence?: SignalResult['evidence'];
}

export interface Combined {
  score: number;
  /** A gate signal (a pending step-up) fired: at least a challenge. */
  gated: boolean;
  /** Fired signals: gates first (they decide), then heaviest contribution first. */
  reasons: RiskReason[];
}

/**
 * Score = 1 - Π(1 - weight·strength) over the signals that fired, gates excluded: one strong signal
 * is enough, weak ones add up, and the score never passes 1. Ties keep the registry's order.
 */
export function combineSignals(
  fired: readonly { signal: RiskSignal; weight: number; result: SignalResult }[],
): Combined {
  let keep = 1;
  let gated = false;
  const reasons: RiskReason[] = [];
  for (const { signal, weight, result } of fired) {
    if (!(result.strength > 0) || !(weight > 0)) continue;
    const contribution = signal.gate ? 0 : weight * result.strength;
    if (signal.gate) gated = true;
    else keep *= 1 - contribution;
    const reason: RiskReason = {
      signal: signal.id,
      weight,
      strength: result.strength,
      contribution,
      detail: signal.gate ? `${result.detail} (forces a challenge)` : result.detail,
    };
    if (result.evidence !== undefined) reason.evidence = result.evidence;
    reasons.push(reason);
  }
  const gates = new Set(fired.filter((f) => f.signal.gate).map((f) => f.signal.id));
  const gateRank = (r: RiskReason) => (gates.has(r.signal) ? 1 : 0);
  // Array.prototype.sort is stable, so equal reasons keep the registry's order.
  reasons.sort((a, b) => gateRank(b) - gateRank(a) || b.contribution - a.contribution);
  return { score: Math.min(1, Math.max(0, 1 - keep)), gated, reasons };
}

/** deny at denyAt and above; challenge at challengeAt and above, or when a gate fired; else allow. */
export function decide(
  score: number,
  gated: boolean,
  config: Pick<AuthConfig, 'challengeAt' | 'denyAt'>,
): AuthDecisionKind {
  if (score >= config.denyAt) return 'deny';
  if (gated || score >= config.challengeAt) return 'challenge';
  return 'allow';
}
