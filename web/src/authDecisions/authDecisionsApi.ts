import type { AuthDecisionSummary, SummaryBucket } from '../../../src/auth/decisionSummary.js';
import type { AuthDecisionKind, AuthDecisionRecord } from '../../../src/store/types.js';
import type { ArgusApi } from '../api.js';

export type { AuthDecisionKind, SummaryBucket };
export const DECISION_KINDS = ['allow', 'challenge', 'deny'] as const satisfies readonly AuthDecisionKind[];

/** GET /v1/auth/decisions/summary (readDecisionSummary's answer). */
export type DecisionSummary = AuthDecisionSummary & { truncated: boolean };

/** One reason as the risk engine logs it (combineSignals' RiskReason, as JSON). */
export interface DecisionReason {
  signal: string;
  weight: number;
  strength: number;
  contribution: number;
  detail: string;
  evidence?: Record<string, number | string | boolean>;
}

/** One row of GET /v1/auth/decisions: the stored record with its reasons parsed. */
export type DecisionRow = Omit<AuthDecisionRecord, 'reasons'> & { reasons: DecisionReason[] };

export interface DecisionPage {
  items: DecisionRow[];
  nextCursor?: string;
}

export function decisionSummary(
  api: ArgusApi,
  window: { since: number; until: number; bucket: SummaryBucket },
): Promise<DecisionSummary> {
  return api.get('/v1/auth/decisions/summary', window);
}

export interface DecisionFilter {
  since: number;
  decision?: AuthDecisionKind;
  userId?: string;
  cursor?: string;
}

/** The decision log newest first, 50 a page. */
export function recentDecisions(api: ArgusApi, filter: DecisionFilter): Promise<DecisionPage> {
  return api.get('/v1/auth/decisions', {
    since: filter.since,
    decision: filter.decision,
    userId: filter.userId,
    cursor: filter.cursor,
    limit: 50,
  });
}
