import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../store/sqlite/sqliteStore.js';
import type { AuthDecisionFilter, AuthDecisionKind, AuthDecisionRecord, Store } from '../store/types.js';
import { readDecisionSummary } from './readDecisionSummary.js';

const HOUR = 3_600_000;
const T0 = Date.UTC(2024, 2, 1);
const KINDS: AuthDecisionKind[] = ['allow', 'allow', 'challenge', 'deny'];

let store: Store | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

/** 1,300 decisions, one a minute from T0 - 100 min: more than two pages of the store. */
function decisions(): AuthDecisionRecord[] {
  return Array.from({ length: 1_300 }, (_, i) => {
    const decision = KINDS[i % KINDS.length] as AuthDecisionKind;
    return {
      id: `authd-${i}`,
      userId: `user-${i % 7}`,
      ip: `192.0.2.${i % 5}`,
      score: decision === 'deny' ? 0.95 : decision === 'challenge' ? 0.5 : 0,
      decision,
      reasons: decision === 'allow' ? '[]' : '[{"signal":"newDevice","strength":1,"contribution":0.3}]',
      at: T0 - 100 * 60_000 + i * 60_000,
    };
  });
}

describe('readDecisionSummary', () => {
  it('pages through the store over [since, until) and summarises every decision in it', async () => {
    store = openSqliteStore({ path: ':memory:' });
    await store.authDecisions.append(decisions());
    const filters: AuthDecisionFilter[] = [];
    const repo = {
      list: (f: AuthDecisionFilter) => {
        filters.push(f);
        return (store as Store).authDecisions.list(f);
      },
    };
    const until = T0 + 20 * HOUR;
    const s = await readDecisionSummary(repo, {
      since: T0,
      until,
      bucket: 'hour',
      thresholds: { challengeAt: 0.3, denyAt: 0.9 },
    });
    // Minutes 100 .. 1299 of the stream fall in the window: 1,200 decisions, 300 of each quarter.
    expect(s.total).toBe(1_200);
    expect(s.counts).toEqual({ allow: 600, challenge: 300, deny: 300 });
    expect(s.truncated).toBe(false);
    expect(s.timeline.start).toHaveLength(20);
    expect(s.timeline.allow.reduce((a, b) => a + b, 0)).toBe(600);
    expect(s.timeline.deny.slice(0, 3)).toEqual([15, 15, 15]);
    expect(s.reasons).toEqual([expect.objectContaining({ signal: 'newDevice', fired: 600, denialShare: 1 })]);
    expect(filters.length).toBe(3);
    expect(filters.every((f) => f.since === T0 && f.until === until)).toBe(true);
    expect(filters.slice(1).every((f) => typeof f.cursor === 'string')).toBe(true);
  });

  it('stops at maxDecisions and says the summary was truncated', async () => {
    store = openSqliteStore({ path: ':memory:' });
    await store.authDecisions.append(decisions());
    const s = await readDecisionSummary(store.authDecisions, {
      since: T0 - HOUR * 10,
      until: T0 + HOUR * 30,
      bucket: 'day',
      thresholds: { challengeAt: 0.3, denyAt: 0.9 },
      maxDecisions: 700,
    });
    expect(s.total).toBe(700);
    expect(s.truncated).toBe(true);
    // Newest first: decisions 600 .. 1,299 were read, the oldest left out.
    expect(s.counts).toEqual({ allow: 350, challenge: 175, deny: 175 });
    expect(s.timeline.start).toEqual([T0 - 24 * HOUR, T0, T0 + 24 * HOUR]);
    expect(s.timeline.allow).toEqual([0, 350, 0]);
    const exact = await readDecisionSummary(store.authDecisions, {
      since: T0 - HOUR * 10,
      until: T0 + HOUR * 30,
      bucket: 'day',
      thresholds: { challengeAt: 0.3, denyAt: 0.9 },
      maxDecisions: 1_300,
    });
    expect(exact.total).toBe(1_300);
    expect(exact.truncated).toBe(false);
  });
});
