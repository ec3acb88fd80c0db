import { MAX_PAGE } from '../store/rows.js';
import type { AuthDecisionRepository } from '../store/types.js';
import {
  type AuthDecisionSummary,
  DecisionSummaryBuilder,
  type DecisionSummaryOptions,
} from './decisionSummary.js';

/** Decisions read at most for one summary: a bound on the request's time, not on the log. */
export const MAX_SUMMARY_DECISIONS = 200_000;

export interface SummaryRead extends AuthDecisionSummary {
  /** The window held more than maxDecisions: the newest were summarised, the oldest left out. */
  truncated: boolean;
}

/**
 * Summarises the decision log over [since, until) by paging through it newest first (the store's
 * order), so the log is never held in memory whole.
 */
export async function readDecisionSummary(
  repo: Pick<AuthDecisionRepository, 'list'>,
  options: DecisionSummaryOptions & { maxDecisions?: number },
): Promise<SummaryRead> {
  const builder = new DecisionSummaryBuilder(options);
  const max = options.maxDecisions ?? MAX_SUMMARY_DECISIONS;
  let read = 0;
  let cursor: string | undefined;
  do {
    const page = await repo.list({
      since: options.since,
      until: options.until,
      limit: Math.min(MAX_PAGE, max - read),
      ...(cursor === undefined ? {} : { cursor }),
    });
    for (const record of page.items) builder.add(record);
    read += page.items.length;
    cursor = page.nextCursor;
  } while (cursor !== undefined && read < max);
  return { ...builder.result(), truncated: cursor !== undefined };
}
