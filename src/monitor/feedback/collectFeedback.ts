import type { Alert } from '../../core/alert.js';
import type { Store } from '../../store/types.js';
import { type LabelledRows, labelledRowsFromAlerts } from './labelledRows.js';

/** Largest page the stores serve. */
const PAGE = 500;

/**
 * Reads every monitor alert an analyst has closed (resolved or false-positive), last seen at or after
 * `since` (ms), page by page, and turns them into labelled rows.
 */
export async function collectFeedback(store: Pick<Store, 'alerts'>, since?: number): Promise<LabelledRows> {
  const alerts: Alert[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.alerts.list({
      area: ['monitor'],
      status: ['resolved', 'false-positive'],
      limit: PAGE,
      ...(since === undefined ? {} : { since }),
      ...(cursor === undefined ? {} : { cursor }),
    });
    alerts.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return labelledRowsFromAlerts(alerts);
}
