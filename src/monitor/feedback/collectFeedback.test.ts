import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../store/sqlite/sqliteStore.js';
import type { Store } from '../../store/types.js';
import { collectFeedback } from './collectFeedback.js';
import { monitorAlert, triagedAlerts } from './feedbackAlerts.fixture.js';
import { trainFromFeedback } from './trainFromFeedback.js';

let store: Store | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

/** An in-memory SQLite store holding these alerts, all written open and then given their status. */
async function storeWith(alerts: ReturnType<typeof triagedAlerts>): Promise<Store> {
  const opened = openSqliteStore({ path: ':memory:' });
  await opened.pipeline.commitBatch(
    alerts.map((alert) => ({
      kind: 'new' as const,
      alert: { ...alert, status: 'open' as const },
      actions: [],
    })),
  );
  for (const alert of alerts) {
    if (alert.status !== 'open') {
      await opened.alerts.setStatus({
        alertId: alert.id,
        status: alert.status,
        by: 'analyst',
        at: alert.lastSeenAt,
      });
    }
  }
  return opened;
}

describe('collectFeedback with a SQLite store', () => {
  it('pages through every triaged monitor alert and nothing else', async () => {
    // More than two 500-alert pages of verdicts, plus alerts that are not verdicts.
    const triaged = triagedAlerts(300, 900, 1);
    const others = [
      monitorAlert('still-open', 'open', { amount_z: 9 }),
      monitorAlert('looking', 'acknowledged', { amount_z: 9 }),
      monitorAlert('login', 'resolved', { amount_z: 9 }, { area: 'auth' }),
    ];
    store = await storeWith([...triaged, ...others]);
    const rows = await collectFeedback(store);
    expect(rows.x.rows).toBe(1200);
    expect(rows.y.reduce((s, v) => s + v, 0)).toBe(300);
    expect(new Set(rows.alertIds).size).toBe(1200);
    expect(rows.skipped).toBe(0);
  });

  it('reads only alerts last seen at or after `since`', async () => {
    const triaged = triagedAlerts(10, 10, 2);
    store = await storeWith(triaged);
    const since = (triaged[15]?.lastSeenAt ?? 0) as number;
    const rows = await collectFeedback(store, since);
    expect(rows.alertIds.sort()).toEqual(['a15', 'a16', 'a17', 'a18', 'a19']);
  });

  it('trains a model end to end from the store', async () => {
    store = await storeWith(triagedAlerts(40, 120, 3));
    const result = trainFromFeedback(await collectFeedback(store));
    if (!('model' in result)) throw new Error(`refused: ${result.reason}`);
    expect(result).toMatchObject({ positives: 40, negatives: 120 });
    expect(result.cvAveragePrecision).toBeGreaterThan(0.6);
  });
});
