import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Alert, dedupeKeyOf } from '../../../core/alert.js';
import { ConfigSchema } from '../../../core/config/schema.js';
import { openStore } from '../../../store/openStore.js';
import type { Store } from '../../../store/types.js';
import { bucketLabel } from '../calendarBuckets.js';
import { alertSeries } from './alertSeries.js';

let store: Store;
let n = 0;

function alert(overrides: Partial<Alert>): Alert {
  const a: Alert = {
    id: `alt_${++n}`,
    dedupeKey: '',
    area: 'monitor',
    detector: 'monitor.rule',
    subject: { kind: 'account', id: `acct_${n}` },
    severity: 'medium',
    score: 0.5,
    title: 't',
    explanation: 'e',
    evidence: [],
    context: {},
    occurredAt: 0,
    // Registered long after they occurred, as a replay does: the series must use occurredAt.
    firstSeenAt: Date.UTC(2024, 5, 1),
    lastSeenAt: Date.UTC(2024, 5, 1),
    count: 1,
    status: 'open',
    ...overrides,
  };
  return { ...a, dedupeKey: dedupeKeyOf(a) };
}

beforeAll(async () => {
  store = await openStore(ConfigSchema.parse({ store: { sqlite: { path: ':memory:' } } }).store, '.');
  const day = (d: number, h = 12) => Date.UTC(2024, 0, d, h);
  const alerts = [
    alert({ occurredAt: day(1) }),
    alert({ occurredAt: day(1, 23), count: 40 }),
    alert({ occurredAt: day(3), severity: 'high' }),
    alert({ occurredAt: day(3), area: 'auth', detector: 'auth.stuffing' }),
    alert({ occurredAt: day(4), severity: 'high', status: 'resolved' }),
    alert({ occurredAt: day(5) }), // the unfinished day
    alert({ occurredAt: day(2), area: 'intel', detector: 'intel.forecast' }),
  ];
  for (const a of alerts) await store.pipeline.commitNew(a, []);
});
afterAll(() => store.close());

const now = Date.UTC(2024, 0, 5, 8);

describe('alertSeries', () => {
  it('counts stored alerts per bucket of occurrence up to the last complete bucket', async () => {
    const s = await alertSeries(
      store.alerts,
      { kind: 'alerts', area: [], detector: [], severity: [] },
      { unit: 'day', now },
    );
    expect(s.starts.map((t) => bucketLabel(t, 'day'))).toEqual([
      '2024-01-01',
      '2024-01-02',
      '2024-01-03',
      '2024-01-04',
    ]);
    // The alert with 40 folded repeats counts once: cases, not firings.
    expect(Array.from(s.values)).toEqual([2, 0, 2, 1]);
    expect(s.measure).toBe('count');
    expect(s.name).toBe('alerts per day');
    expect(s.notes).toEqual([
      '6 stored alerts, by the time their event occurred; repeats folded into an alert count once',
      "1 intel.forecast alerts (the forecasts' own) left out",
      '1 in the current day (from 2024-01-05) or later left out until it is complete',
    ]);
  });

  it('filters by area, detector and severity through the store', async () => {
    const high = await alertSeries(
      store.alerts,
      { kind: 'alerts', area: ['monitor'], detector: [], severity: ['high'] },
      { unit: 'day', now },
    );
    expect(high.name).toBe('alerts per day (area monitor, severity high)');
    expect(Array.from(high.values)).toEqual([1, 1]);
    const auth = await alertSeries(
      store.alerts,
      { kind: 'alerts', area: [], detector: ['auth.stuffing'], severity: [] },
      { unit: 'week', now },
    );
    expect(Array.from(auth.values)).toEqual([]);
    const forecasts = await alertSeries(
      store.alerts,
      { kind: 'alerts', area: [], detector: ['intel.forecast'], severity: [] },
      { unit: 'day', now },
    );
    expect(Array.from(forecasts.values)).toEqual([1, 0, 0]);
    expect(auth.notes[1]).toMatch(/^1 in the current week \(from 2024-01-01\)/);
  });

  it('reads every page', async () => {
    let calls = 0;
    const paged = {
      list: async (filter: { cursor?: string }) => {
        calls++;
        const page = filter.cursor === undefined ? 0 : Number(filter.cursor);
        return {
          items: [alert({ occurredAt: Date.UTC(2024, 0, 1 + page) })],
          ...(page < 2 ? { nextCursor: String(page + 1) } : {}),
        };
      },
    };
    const s = await alertSeries(
      paged,
      { kind: 'alerts', area: [], detector: [], severity: [] },
      { unit: 'day', now },
    );
    expect(calls).toBe(3);
    expect(Array.from(s.values)).toEqual([1, 1, 1, 0]);
  });
});
