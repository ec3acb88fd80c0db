import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionRecord } from '../core/action.js';
import { type Alert, dedupeKeyOf } from '../core/alert.js';
import { ConflictError, NotFoundError } from '../core/errors.js';
import type { Label } from '../core/label.js';
import type { Transfer } from '../core/transfer.js';
import { AlertClosedError } from './alertClosedError.js';
import type {
  AlertFilter,
  AuditReportRecord,
  AuditReportSummary,
  AuthDecisionFilter,
  AuthDecisionRecord,
  IntelDocument,
  IntelDocumentFilter,
  ModelHealthCheck,
  ModelHealthQuery,
  Page,
  Store,
} from './types.js';

/*
 * One behavioural contract for every Store backend. All tests of a run share one store (for PostgreSQL one
 * schema), so each test makes its own ids, detectors and users and filters on them. The queue is global,
 * though: actions are created far in the future (LATER) unless a claim test means them to be due, and claim
 * tests use their own early time window and finish their actions before they end.
 */

const RUN = randomBytes(3).toString('hex');
let counter = 0;
const uid = (prefix: string): string => `${prefix}_${RUN}_${String(++counter).padStart(4, '0')}`;

const LATER = 4_000_000_000_000;
const T0 = 1_700_000_000_000;

function makeAlert(overrides: Partial<Alert> = {}): Alert {
  const alert: Alert = {
    id: uid('alt'),
    dedupeKey: '',
    area: 'monitor',
    detector: uid('det'),
    subject: {
      kind: 'account',
      id: uid('acct'),
      chain: 'ethereum',
      attributes: { tier: 'vip', kyc: true, limit: 5 },
    },
    severity: 'medium',
    score: 0.61,
    title: 'Withdrawal far above the usual amount',
    explanation: 'amount_z 4.2 against a baseline of 0.3',
    evidence: [
      { kind: 'feature', name: 'amount_z', value: 4.2, baseline: 0.3, contribution: 0.7 },
      { kind: 'fact', name: 'new_device', value: true },
    ],
    context: { transferId: 'tr_1', asset: 'ETH', wallet: '0xabc' },
    occurredAt: T0,
    firstSeenAt: T0 + 100,
    lastSeenAt: T0 + 100,
    count: 1,
    status: 'open',
    ...overrides,
  };
  return { ...alert, dedupeKey: overrides.dedupeKey ?? dedupeKeyOf(alert) };
}

function makeAction(alert: Alert, overrides: Partial<ActionRecord> = {}): ActionRecord {
  return {
    id: uid('act'),
    alertId: alert.id,
    rule: 'large-withdrawal',
    type: 'webhook',
    spec: { type: 'webhook', endpoint: 'soc' },
    status: 'pending',
    attempts: 0,
    maxAttempts: 5,
    idempotencyKey: uid('idem'),
    nextAttemptAt: LATER,
    createdAt: alert.firstSeenAt,
    updatedAt: alert.firstSeenAt,
    ...overrides,
  };
}

function makeTransfer(overrides: Partial<Transfer> = {}): Transfer {
  return {
    id: uid('tr'),
    chain: 'ethereum',
    txHash: `0x${randomBytes(32).toString('hex')}`,
    logIndex: 3,
    blockTime: T0,
    from: '0x1111111111111111111111111111111111111111',
    to: '0x2222222222222222222222222222222222222222',
    asset: { symbol: 'USDC', contract: '0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48', decimals: 6 },
    amount: '1250.500000',
    fee: '0.0012',
    fromAccount: { id: 'acc_1', kind: 'customer', jurisdiction: 'DE' },
    status: 'pending',
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  };
}

function makeLabel(overrides: Partial<Label> = {}): Label {
  return {
    chain: 'ethereum',
    address: `0x${randomBytes(20).toString('hex')}`,
    category: 'sanctions',
    label: 'OFAC SDN list',
    source: 'ofac',
    sourceRef: 'sanctioned_addresses_ETH.txt:1',
    listedAt: '2022-08-08',
    importedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

/** The graph chunk size the backends' test files open their stores with, so snapshots span chunks cheaply. */
export const CONTRACT_GRAPH_CHUNK_BYTES = 64;

const ids = (items: readonly { id: string }[]): string[] => items.map((item) => item.id);

/** Follows cursors to the end, checking that every page but the last has one. */
async function allPages<T>(fetch: (cursor?: string) => Promise<Page<T>>): Promise<T[][]> {
  const pages: T[][] = [];
  let cursor: string | undefined;
  do {
    const page = await fetch(cursor);
    pages.push(page.items);
    cursor = page.nextCursor;
    expect(pages.length).toBeLessThan(100);
  } while (cursor);
  return pages;
}

export function describeStoreContract(name: string, open: () => Promise<Store>): void {
  describe(`${name}: store contract`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await store?.close();
    });

    const commit = async (overrides: Partial<Alert> = {}, actions: Partial<ActionRecord>[] = []) => {
      const alert = makeAlert(overrides);
      const records = actions.map((a) => makeAction(alert, a));
      await store.pipeline.commitNew(alert, records);
      return { alert, actions: records };
    };
    const alertIds = async (filter: AlertFilter) =>
      ids((await store.alerts.list({ ...filter, limit: 500 })).items);
    /** Ends claim tests by completing their actions, so later claims in the shared queue never see them. */
    const finish = async (actions: readonly ActionRecord[]) => {
      for (const a of actions) {
        await store.actions.recordAttempt(a.id, {
          status: 'succeeded',
          attempts: 1,
          nextAttemptAt: LATER,
          completedAt: LATER,
          event: { actionId: a.id, at: LATER, kind: 'succeeded', attempt: 1, detail: 'done' },
        });
      }
    };

    it('migrate() is idempotent and reports the version in force', async () => {
      const version = await store.migrate();
      expect(version).toBeGreaterThan(0);
      expect(await store.migrate()).toBe(version);
    });

    describe('alerts and the pipeline', () => {
      it('commitNew stores an alert with its actions, each queued in the audit trail', async () => {
        const { alert, actions } = await commit({}, [
          {},
          { type: 'notify', spec: { type: 'notify', channel: 'log' } },
        ]);
        const [first, second] = actions as [ActionRecord, ActionRecord];
        expect(await store.alerts.get(alert.id)).toEqual(alert);
        expect(await store.actions.get(first.id)).toEqual(first);
        expect(ids((await store.actions.list({ alertId: alert.id })).items)).toEqual([second.id, first.id]);
        expect(await store.actions.events(second.id)).toEqual([
          {
            actionId: second.id,
            at: second.createdAt,
            kind: 'queued',
            attempt: 0,
            detail: expect.any(String),
          },
        ]);
        expect(await store.alerts.get(uid('missing'))).toBeUndefined();
      });

      it('round-trips an alert with its optional fields set or absent', async () => {
        const bare = makeAlert({ subject: { kind: 'user', id: uid('user') }, evidence: [], context: {} });
        const decided = makeAlert({
          status: 'acknowledged',
          statusBy: 'alice',
          statusAt: T0 + 5,
          statusNote: 'seen',
        });
        await store.pipeline.commitNew(bare, []);
        await store.pipeline.commitNew(decided, []);
        expect(await store.alerts.get(bare.id)).toStrictEqual(bare);
        expect(await store.alerts.get(decided.id)).toStrictEqual(decided);
      });

      it('list and count filter by area, detector, severity, status, subject and since', async () => {
        const [d1, d2, s1] = [uid('det'), uid('det'), uid('acct')];
        const at = (n: number) => ({ firstSeenAt: T0 + n, lastSeenAt: T0 + n });
        const subject = (id: string) => ({ kind: 'account' as const, id });
        const { alert: a } = await commit({
          detector: d1,
          severity: 'high',
          subject: subject(s1),
          ...at(1000),
        });
        const { alert: b } = await commit({
          area: 'auth',
          detector: d1,
          severity: 'low',
          status: 'acknowledged',
          ...at(2000),
        });
        const { alert: c } = await commit({
          detector: d2,
          severity: 'critical',
          status: 'resolved',
          subject: subject(s1),
          ...at(3000),
        });
        const { alert: d } = await commit({ area: 'graph', detector: d2, severity: 'low', ...at(4000) });
        const mine = { detector: [d1, d2] };
        const cases: [AlertFilter, Alert[]][] = [
          [mine, [d, c, b, a]],
          [{ ...mine, area: [] }, [d, c, b, a]],
          [{ ...mine, area: ['monitor'] }, [c, a]],
          [{ ...mine, area: ['monitor', 'graph'] }, [d, c, a]],
          [{ detector: [d1] }, [b, a]],
          [{ ...mine, severity: ['low'] }, [d, b]],
          [{ ...mine, status: ['open'] }, [d, a]],
          [{ ...mine, status: ['acknowledged', 'resolved'] }, [c, b]],
          [{ subjectId: s1 }, [c, a]],
          [{ ...mine, since: T0 + 2000 }, [d, c, b]],
          [{ ...mine, area: ['monitor'], severity: ['critical'], since: T0 + 3000 }, [c]],
          [{ ...mine, since: T0 + 4001 }, []],
        ];
        for (const [filter, expected] of cases) {
          expect(await alertIds(filter), JSON.stringify(filter)).toEqual(ids(expected));
          expect(await store.alerts.count(filter), JSON.stringify(filter)).toBe(expected.length);
        }
      });

      it('pages newest first with no overlap and no gap', async () => {
        const detector = uid('det');
        const created: Alert[] = [];
        for (let i = 0; i < 7; i++) created.push((await commit({ detector })).alert);
        const newestFirst = ids(created).reverse();
        const pages = await allPages((cursor) =>
          store.alerts.list({ detector: [detector], limit: 3, cursor }),
        );
        expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
        expect(pages.flatMap(ids)).toEqual(newestFirst);
        const exact = await store.alerts.list({ detector: [detector], limit: 7 });
        expect(exact.nextCursor).toBeUndefined();
        expect(ids(exact.items)).toEqual(newestFirst);
        expect(await store.alerts.count({ detector: [detector] })).toBe(7);
      });

      it('findByDedupeKey returns the newest alert first seen at or after since', async () => {
        const subject = { kind: 'address' as const, id: uid('addr') };
        const detector = uid('det');
        const old = makeAlert({ subject, detector, firstSeenAt: T0 + 1000 });
        const newest = makeAlert({ subject, detector, firstSeenAt: T0 + 2000 });
        const middle = makeAlert({ subject, detector, firstSeenAt: T0 + 1500 });
        for (const alert of [old, newest, middle]) await store.pipeline.commitNew(alert, []);
        const key = old.dedupeKey;
        expect((await store.alerts.findByDedupeKey(key, 0))?.id).toBe(newest.id);
        expect((await store.alerts.findByDedupeKey(key, T0 + 2000))?.id).toBe(newest.id);
        expect(await store.alerts.findByDedupeKey(key, T0 + 2001)).toBeUndefined();
        expect(await store.alerts.findByDedupeKey(`${key}|other`, 0)).toBeUndefined();
      });

      it('commitRepeat folds a repeat into the alert and queues its actions', async () => {
        const { alert } = await commit({ severity: 'low', score: 0.3 });
        const repeatAction = makeAction(alert, { createdAt: T0 + 5000, updatedAt: T0 + 5000 });
        const repeat = {
          alertId: alert.id,
          count: 3,
          lastSeenAt: T0 + 5000,
          severity: 'high' as const,
          score: 0.9,
        };
        await store.pipeline.commitRepeat(repeat, [repeatAction]);
        expect(await store.alerts.get(alert.id)).toEqual({
          ...alert,
          count: 3,
          lastSeenAt: T0 + 5000,
          severity: 'high',
          score: 0.9,
        });
        expect(await alertIds({ detector: [alert.detector], since: T0 + 5000 })).toEqual([alert.id]);
        expect(await store.actions.get(repeatAction.id)).toEqual(repeatAction);
        expect((await store.actions.events(repeatAction.id)).map((e) => e.kind)).toEqual(['queued']);
      });

      it('commitRepeat of an unknown alert fails with NotFoundError and stores nothing', async () => {
        const ghost = makeAlert();
        const action = makeAction(ghost);
        const repeat = { alertId: ghost.id, count: 2, lastSeenAt: T0, severity: 'low' as const, score: 0.2 };
        await expect(store.pipeline.commitRepeat(repeat, [action])).rejects.toBeInstanceOf(NotFoundError);
        expect(await store.actions.get(action.id)).toBeUndefined();
      });

      it('commitNew is all or nothing: a duplicate action id leaves no alert and no action behind', async () => {
        const { alert: kept, actions } = await commit({}, [{}]);
        const taken = (actions[0] as ActionRecord).id;
        const detector = uid('det');

        const clash = makeAlert({ detector });
        const fresh = makeAction(clash);
        const reused = makeAction(clash, { id: taken });
        await expect(store.pipeline.commitNew(clash, [fresh, reused])).rejects.toBeInstanceOf(ConflictError);
        expect(await store.alerts.get(clash.id)).toBeUndefined();
        expect(await store.actions.get(fresh.id)).toBeUndefined();
        expect(await store.actions.events(fresh.id)).toEqual([]);
        expect((await store.actions.get(taken))?.alertId).toBe(kept.id);

        const twice = makeAlert({ detector });
        const action = makeAction(twice);
        await expect(store.pipeline.commitNew(twice, [action, { ...action }])).rejects.toBeInstanceOf(
          ConflictError,
        );
        expect(await store.alerts.count({ detector: [detector] })).toBe(0);

        await expect(store.pipeline.commitNew({ ...kept, title: 'changed' }, [])).rejects.toBeInstanceOf(
          ConflictError,
        );
        expect(await store.alerts.get(kept.id)).toEqual(kept);
      });

      it('commitRepeat refuses an alert closed meanwhile, and changes nothing', async () => {
        const { alert } = await commit();
        await store.alerts.setStatus({ alertId: alert.id, status: 'acknowledged', by: 'a', at: T0 + 1 });
        const repeat = {
          alertId: alert.id,
          count: 2,
          lastSeenAt: T0 + 2,
          severity: 'high' as const,
          score: 0.9,
        };
        await store.pipeline.commitRepeat(repeat, []);
        expect(await store.alerts.get(alert.id)).toMatchObject({ count: 2 });
        await store.alerts.setStatus({ alertId: alert.id, status: 'false-positive', by: 'a', at: T0 + 3 });
        const closed = store.pipeline.commitRepeat({ ...repeat, count: 3 }, [makeAction(alert)]);
        await expect(closed).rejects.toBeInstanceOf(AlertClosedError);
        expect(await store.alerts.get(alert.id)).toMatchObject({ count: 2, status: 'false-positive' });
        expect((await store.actions.list({ alertId: alert.id })).items).toEqual([]);
      });

      it('commitRepeat is all or nothing too', async () => {
        const { alert, actions } = await commit({}, [{}]);
        const repeat = {
          alertId: alert.id,
          count: 2,
          lastSeenAt: T0 + 9000,
          severity: 'critical' as const,
          score: 1,
        };
        const fresh = makeAction(alert);
        const reused = { ...(actions[0] as ActionRecord) };
        await expect(store.pipeline.commitRepeat(repeat, [fresh, reused])).rejects.toBeInstanceOf(
          ConflictError,
        );
        expect(await store.alerts.get(alert.id)).toEqual(alert);
        expect(await store.actions.get(fresh.id)).toBeUndefined();
      });

      it('commitBatch writes new alerts and repeats in one transaction, all or nothing', async () => {
        const T = 5_000_000;
        const { alert: existing } = await commit();
        const fresh = makeAlert();
        const freshAction = makeAction(fresh, { nextAttemptAt: T });
        const repeatAction = makeAction(existing, { nextAttemptAt: T });
        const repeat = {
          alertId: existing.id,
          count: 2,
          lastSeenAt: T0 + 5,
          severity: 'critical' as const,
          score: 1,
        };
        await store.pipeline.commitBatch(
          [
            { kind: 'new', alert: fresh, actions: [freshAction] },
            { kind: 'repeat', repeat, actions: [repeatAction] },
          ],
          T + 1000,
        );
        expect(await store.alerts.get(fresh.id)).toEqual(fresh);
        expect(await store.alerts.get(existing.id)).toMatchObject({
          count: 2,
          severity: 'critical',
          score: 1,
        });
        expect((await store.actions.events(repeatAction.id)).map((e) => e.kind)).toEqual(['queued']);
        // Written leased to the committer: no other worker claims them before the lease runs out.
        expect(await store.actions.claimDue(T + 10, 10, T + 2000)).toEqual([]);
        expect(ids(await store.actions.claimDue(T + 1000, 10, T + 2000)).sort()).toEqual(
          [freshAction.id, repeatAction.id].sort(),
        );
        await finish([freshAction, repeatAction]);

        const other = makeAlert();
        const missing = { ...repeat, alertId: uid('missing') };
        await expect(
          store.pipeline.commitBatch([
            { kind: 'new', alert: other, actions: [] },
            { kind: 'repeat', repeat: missing, actions: [] },
          ]),
        ).rejects.toBeInstanceOf(NotFoundError);
        expect(await store.alerts.get(other.id)).toBeUndefined();
        await expect(
          store.pipeline.commitBatch([
            { kind: 'new', alert: other, actions: [] },
            { kind: 'new', alert: fresh, actions: [] },
          ]),
        ).rejects.toBeInstanceOf(ConflictError);
        expect(await store.alerts.get(other.id)).toBeUndefined();
      });

      it('setStatus updates the alert and appends to its history in order', async () => {
        const { alert } = await commit();
        const acked = await store.alerts.setStatus({
          alertId: alert.id,
          status: 'acknowledged',
          by: 'alice',
          at: T0 + 10,
          note: 'looking',
        });
        expect(acked).toEqual({
          ...alert,
          status: 'acknowledged',
          statusBy: 'alice',
          statusAt: T0 + 10,
          statusNote: 'looking',
        });
        const resolved = await store.alerts.setStatus({
          alertId: alert.id,
          status: 'resolved',
          by: 'bob',
          at: T0 + 20,
        });
        expect(resolved).toStrictEqual({ ...alert, status: 'resolved', statusBy: 'bob', statusAt: T0 + 20 });
        expect(await store.alerts.get(alert.id)).toStrictEqual(resolved);
        expect(await store.alerts.statusHistory(alert.id)).toStrictEqual([
          { alertId: alert.id, status: 'acknowledged', by: 'alice', at: T0 + 10, note: 'looking' },
          { alertId: alert.id, status: 'resolved', by: 'bob', at: T0 + 20 },
        ]);
        expect(await alertIds({ detector: [alert.detector], status: ['resolved'] })).toEqual([alert.id]);
      });

      it('setStatus of an unknown alert fails with NotFoundError and records no history', async () => {
        const alertId = uid('alt');
        await expect(
          store.alerts.setStatus({ alertId, status: 'resolved', by: 'x', at: T0 }),
        ).rejects.toBeInstanceOf(NotFoundError);
        expect(await store.alerts.statusHistory(alertId)).toEqual([]);
      });
    });

    describe('actions', () => {
      it('list filters by alert, status and type, newest first, in pages', async () => {
        const { alert, actions } = await commit({}, [
          {},
          { type: 'notify', spec: { type: 'notify', channel: 'stdout' } },
          { status: 'failed' },
          {
            type: 'hold-transfer',
            spec: { type: 'hold-transfer', reason: 'sanctioned' },
            status: 'dead-letter',
          },
          {},
        ]);
        const [w1, notify, failed, hold, w2] = ids(actions);
        const list = async (filter: object) =>
          ids((await store.actions.list({ alertId: alert.id, ...filter, limit: 500 })).items);
        expect(await list({})).toEqual([w2, hold, failed, notify, w1]);
        expect(await list({ status: ['failed', 'dead-letter'] })).toEqual([hold, failed]);
        expect(await list({ type: ['webhook'] })).toEqual([w2, failed, w1]);
        expect(await list({ type: ['webhook'], status: ['pending'] })).toEqual([w2, w1]);
        expect(await list({ type: ['cold-storage'] })).toEqual([]);
        const pages = await allPages((cursor) => store.actions.list({ alertId: alert.id, limit: 2, cursor }));
        expect(pages.map(ids)).toEqual([[w2, hold], [failed, notify], [w1]]);
        expect(await store.actions.get(hold as string)).toEqual(actions[3]);
        expect(await store.actions.get(uid('missing'))).toBeUndefined();
      });

      it('claimDue leases due pending actions, oldest first, until the lease runs out', async () => {
        const T = 1_000_000;
        const { actions } = await commit({}, [
          { nextAttemptAt: T + 30 },
          { nextAttemptAt: T + 10 },
          { nextAttemptAt: T + 20 },
          { nextAttemptAt: T + 500 },
          { nextAttemptAt: T + 5, status: 'succeeded' },
          { nextAttemptAt: T + 5, status: 'dead-letter' },
        ]);
        const [a, b, c, d] = ids(actions);
        const claim = async (now: number, limit: number, leaseUntil: number) =>
          ids(await store.actions.claimDue(now, limit, leaseUntil));
        expect(await claim(T + 100, 2, T + 1000)).toEqual([b, c]);
        expect(await claim(T + 100, 10, T + 1000)).toEqual([a]);
        expect(await claim(T + 999, 10, T + 1000)).toEqual([d]);
        expect(await claim(T + 999, 10, T + 2000)).toEqual([]);
        expect(await claim(T + 1000, 0, T + 2000)).toEqual([]);
        expect(await claim(T + 1000, 10, T + 2000)).toEqual([b, c, a, d]);
        const claimed = await store.actions.claimDue(T + 2000, 1, T + 3000);
        expect(claimed).toEqual([actions[1]]);
        await finish(actions.slice(0, 4));
      });

      it('claimDue gives each action to one worker when several claim at once', async () => {
        const T = 2_000_000;
        const { actions } = await commit(
          {},
          Array.from({ length: 40 }, (_, i) => ({ nextAttemptAt: T + i })),
        );
        const workers = Array.from({ length: 8 }, () => store.actions.claimDue(T + 100, 5, T + 1000));
        const claims = await Promise.all(workers);
        const claimed = claims.flatMap(ids);
        expect(claims.map((c) => c.length)).toEqual(Array(8).fill(5));
        expect(new Set(claimed).size).toBe(40);
        expect([...claimed].sort()).toEqual(ids(actions).sort());
        await finish(actions);
      });

      it('recordAttempt stores the outcome, clears the lease and extends the audit trail', async () => {
        const T = 3_000_000;
        const { actions } = await commit({}, [{ nextAttemptAt: T + 1 }]);
        const action = actions[0] as ActionRecord;
        expect(ids(await store.actions.claimDue(T + 10, 10, T + 1000))).toEqual([action.id]);
        const failedOnce = await store.actions.recordAttempt(action.id, {
          status: 'pending',
          attempts: 1,
          nextAttemptAt: T + 20,
          lastError: 'HTTP 503',
          event: { actionId: action.id, at: T + 10, kind: 'attempt-failed', attempt: 1, detail: 'HTTP 503' },
        });
        expect(failedOnce).toEqual({
          ...action,
          attempts: 1,
          nextAttemptAt: T + 20,
          lastError: 'HTTP 503',
          updatedAt: T + 10,
        });
        // Still inside the first lease, but recording the attempt released it.
        expect(ids(await store.actions.claimDue(T + 20, 10, T + 1000))).toEqual([action.id]);
        const done = await store.actions.recordAttempt(action.id, {
          status: 'succeeded',
          attempts: 2,
          nextAttemptAt: T + 20,
          result: { status: 200, body: { ok: true, ids: [1, 2] } },
          completedAt: T + 25,
          event: { actionId: action.id, at: T + 25, kind: 'succeeded', attempt: 2, detail: 'HTTP 200' },
        });
        const expected = {
          ...action,
          status: 'succeeded',
          attempts: 2,
          nextAttemptAt: T + 20,
          result: { status: 200, body: { ok: true, ids: [1, 2] } },
          completedAt: T + 25,
          updatedAt: T + 25,
        };
        expect(done).toStrictEqual(expected);
        expect(await store.actions.get(action.id)).toStrictEqual(expected);
        expect(await store.actions.claimDue(T + 10_000, 10, T + 20_000)).toEqual([]);
        expect(await store.actions.events(action.id)).toEqual([
          {
            actionId: action.id,
            at: action.createdAt,
            kind: 'queued',
            attempt: 0,
            detail: expect.any(String),
          },
          { actionId: action.id, at: T + 10, kind: 'attempt-failed', attempt: 1, detail: 'HTTP 503' },
          { actionId: action.id, at: T + 25, kind: 'succeeded', attempt: 2, detail: 'HTTP 200' },
        ]);
      });

      it('recordAttempts stores several outcomes in one transaction, all or nothing', async () => {
        const T = 6_000_000;
        const { actions } = await commit({}, [{ nextAttemptAt: T }, { nextAttemptAt: T }]);
        const [a, b] = actions as [ActionRecord, ActionRecord];
        const outcome = (id: string, attempt: number) => ({
          status: 'succeeded' as const,
          attempts: attempt,
          nextAttemptAt: T,
          completedAt: T + 5,
          event: { actionId: id, at: T + 5, kind: 'succeeded' as const, attempt, detail: 'ok' },
        });
        await expect(
          store.actions.recordAttempts([
            { actionId: a.id, attempt: outcome(a.id, 1) },
            { actionId: uid('missing'), attempt: outcome('x', 1) },
          ]),
        ).rejects.toBeInstanceOf(NotFoundError);
        expect(await store.actions.get(a.id)).toEqual(a);
        expect((await store.actions.events(a.id)).map((e) => e.kind)).toEqual(['queued']);

        await store.actions.recordAttempts([
          { actionId: a.id, attempt: outcome(a.id, 1) },
          { actionId: b.id, attempt: outcome(b.id, 1) },
        ]);
        for (const action of [a, b]) {
          expect(await store.actions.get(action.id)).toMatchObject({
            status: 'succeeded',
            attempts: 1,
            completedAt: T + 5,
          });
          expect((await store.actions.events(action.id)).map((e) => e.kind)).toEqual(['queued', 'succeeded']);
        }
      });

      it('recordAttempt on an unknown action fails with NotFoundError and records no event', async () => {
        const actionId = uid('act');
        const attempt = {
          status: 'failed' as const,
          attempts: 1,
          nextAttemptAt: LATER,
          event: { actionId, at: T0, kind: 'attempt-failed' as const, attempt: 1, detail: 'x' },
        };
        await expect(store.actions.recordAttempt(actionId, attempt)).rejects.toBeInstanceOf(NotFoundError);
        expect(await store.actions.events(actionId)).toEqual([]);
      });

      it('requeue puts dead-letter and failed actions back in the queue, and nothing else', async () => {
        const { actions } = await commit({}, [{}, {}, {}, { status: 'succeeded' }]);
        const [dead, failed, pending, succeeded] = actions as [
          ActionRecord,
          ActionRecord,
          ActionRecord,
          ActionRecord,
        ];
        const giveUp = (a: ActionRecord, status: 'dead-letter' | 'failed', attempts: number) =>
          store.actions.recordAttempt(a.id, {
            status,
            attempts,
            nextAttemptAt: LATER,
            lastError: 'connection refused',
            completedAt: LATER + 1,
            event: {
              actionId: a.id,
              at: LATER + 1,
              kind: 'dead-lettered',
              attempt: attempts,
              detail: 'gave up',
            },
          });
        await giveUp(dead, 'dead-letter', 5);
        await giveUp(failed, 'failed', 2);

        const requeued = await store.actions.requeue(dead.id, LATER + 10, 'ops@example.com');
        expect(requeued).toStrictEqual({
          ...dead,
          status: 'pending',
          attempts: 0,
          nextAttemptAt: LATER + 10,
          lastError: 'connection refused',
          updatedAt: LATER + 10,
        });
        expect((await store.actions.events(dead.id)).map((e) => [e.kind, e.attempt])).toEqual([
          ['queued', 0],
          ['dead-lettered', 5],
          ['requeued', 5],
        ]);
        expect((await store.actions.events(dead.id)).at(-1)?.detail).toContain('ops@example.com');
        expect((await store.actions.requeue(failed.id, LATER + 10, 'ops')).status).toBe('pending');

        for (const id of [dead.id, pending.id, succeeded.id]) {
          await expect(store.actions.requeue(id, LATER + 20, 'ops')).rejects.toBeInstanceOf(ConflictError);
        }
        expect((await store.actions.get(succeeded.id))?.status).toBe('succeeded');
        expect(await store.actions.events(pending.id)).toHaveLength(1);
        await expect(store.actions.requeue(uid('act'), LATER, 'ops')).rejects.toBeInstanceOf(NotFoundError);
      });
    });

    describe('transfers', () => {
      it('upsert inserts once, then returns the stored transfer unchanged', async () => {
        const transfer = makeTransfer();
        expect(await store.transfers.upsert(transfer)).toEqual({ transfer, created: true });
        const again = { ...transfer, amount: '999', status: 'completed' as const, updatedAt: T0 + 5 };
        expect(await store.transfers.upsert(again)).toEqual({ transfer, created: false });
        expect(await store.transfers.get(transfer.id)).toEqual(transfer);
        const minimal = makeTransfer({
          txHash: undefined,
          logIndex: undefined,
          fee: undefined,
          fromAccount: undefined,
        });
        expect((await store.transfers.upsert(minimal)).transfer).toEqual(minimal);
        expect(await store.transfers.get(uid('tr'))).toBeUndefined();
      });

      it('hold moves a pending transfer to held and keeps the first hold', async () => {
        const { transfer } = await store.transfers.upsert(makeTransfer());
        const hold = { by: 'policy', reason: 'large withdrawal', alertId: 'alt_x', at: T0 + 100 };
        const held = await store.transfers.hold(transfer.id, hold);
        expect(held).toEqual({
          ...transfer,
          status: 'held',
          heldBy: 'policy',
          heldReason: 'large withdrawal',
          heldAt: T0 + 100,
          holdAlertId: 'alt_x',
          updatedAt: T0 + 100,
        });
        expect(await store.transfers.hold(transfer.id, { by: 'bob', reason: 'again', at: T0 + 200 })).toEqual(
          held,
        );
        expect(await store.transfers.get(transfer.id)).toEqual(held);

        const { transfer: other } = await store.transfers.upsert(makeTransfer());
        const heldWithoutAlert = await store.transfers.hold(other.id, {
          by: 'ops',
          reason: 'manual',
          at: T0,
        });
        expect(heldWithoutAlert.holdAlertId).toBeUndefined();
        expect(heldWithoutAlert.status).toBe('held');
      });

      it('release moves a held transfer to released; other states conflict', async () => {
        const { transfer } = await store.transfers.upsert(makeTransfer());
        await expect(store.transfers.release(transfer.id, { by: 'ops', at: T0 })).rejects.toBeInstanceOf(
          ConflictError,
        );
        expect(await store.transfers.get(transfer.id)).toEqual(transfer);

        const held = await store.transfers.hold(transfer.id, { by: 'policy', reason: 'r', at: T0 + 1 });
        const released = await store.transfers.release(transfer.id, {
          by: 'carol',
          note: 'verified',
          at: T0 + 2,
        });
        expect(released).toEqual({
          ...held,
          status: 'released',
          releasedBy: 'carol',
          releasedAt: T0 + 2,
          releaseNote: 'verified',
          updatedAt: T0 + 2,
        });
        await expect(store.transfers.release(transfer.id, { by: 'x', at: T0 + 3 })).rejects.toBeInstanceOf(
          ConflictError,
        );
        await expect(
          store.transfers.hold(transfer.id, { by: 'x', reason: 'r', at: T0 + 3 }),
        ).rejects.toBeInstanceOf(ConflictError);
        expect(await store.transfers.get(transfer.id)).toEqual(released);

        const { transfer: completed } = await store.transfers.upsert(makeTransfer({ status: 'completed' }));
        await expect(
          store.transfers.hold(completed.id, { by: 'x', reason: 'r', at: T0 }),
        ).rejects.toBeInstanceOf(ConflictError);
        const unknown = uid('tr');
        await expect(store.transfers.hold(unknown, { by: 'x', reason: 'r', at: T0 })).rejects.toBeInstanceOf(
          NotFoundError,
        );
        await expect(store.transfers.release(unknown, { by: 'x', at: T0 })).rejects.toBeInstanceOf(
          NotFoundError,
        );
      });

      it('list filters by status, newest first, in pages', async () => {
        const rejected: Transfer[] = [];
        for (let i = 0; i < 5; i++)
          rejected.push((await store.transfers.upsert(makeTransfer({ status: 'rejected' }))).transfer);
        const { transfer: held } = await store.transfers.upsert(makeTransfer());
        await store.transfers.hold(held.id, { by: 'p', reason: 'r', at: T0 });
        const mine = new Set([...ids(rejected), held.id]);
        const onlyMine = (items: Transfer[]) => ids(items).filter((id) => mine.has(id));

        const pages = await allPages((cursor) =>
          store.transfers.list({ status: ['rejected'], limit: 2, cursor }),
        );
        expect(pages.flat().every((t) => t.status === 'rejected')).toBe(true);
        expect(onlyMine(pages.flat())).toEqual(ids(rejected).reverse());
        const both = await store.transfers.list({ status: ['held', 'rejected'], limit: 500 });
        expect(onlyMine(both.items)).toEqual([held.id, ...ids(rejected).reverse()]);
        const heldOnly = await store.transfers.list({ status: ['held'], limit: 500 });
        expect(onlyMine(heldOnly.items)).toEqual([held.id]);
        expect(onlyMine((await store.transfers.list({ limit: 500 })).items)).toHaveLength(6);
      });
    });

    describe('step-ups', () => {
      it('require, pending and satisfy', async () => {
        const [user, other] = [uid('user'), uid('user')];
        const later = {
          id: uid('su'),
          userId: user,
          factor: 'any' as const,
          reason: 'new device',
          createdAt: T0 + 200,
        };
        const earlier = {
          id: uid('su'),
          userId: user,
          factor: 'totp' as const,
          reason: 'risky login',
          alertId: 'alt_1',
          createdAt: T0 + 100,
        };
        const theirs = {
          id: uid('su'),
          userId: other,
          factor: 'webauthn' as const,
          reason: 'r',
          createdAt: T0,
        };
        for (const r of [later, earlier, theirs]) await store.stepUps.require(r);
        await expect(store.stepUps.require({ ...later, reason: 'dup' })).rejects.toBeInstanceOf(
          ConflictError,
        );

        expect(await store.stepUps.pending(user)).toStrictEqual([earlier, later]);
        expect(await store.stepUps.satisfy(user, T0 + 300)).toBe(2);
        expect(await store.stepUps.pending(user)).toEqual([]);
        expect(await store.stepUps.satisfy(user, T0 + 400)).toBe(0);
        expect(await store.stepUps.pending(other)).toStrictEqual([theirs]);

        const next = {
          id: uid('su'),
          userId: user,
          factor: 'any' as const,
          reason: 'again',
          createdAt: T0 + 500,
        };
        await store.stepUps.require(next);
        expect(await store.stepUps.pending(user)).toStrictEqual([next]);
        expect(await store.stepUps.pending(uid('user'))).toEqual([]);
      });
    });

    describe('sweeps', () => {
      it('record is idempotent per action and list is newest first', async () => {
        const first = {
          id: uid('sw'),
          alertId: 'alt_1',
          actionId: uid('act'),
          asset: 'ETH',
          amount: '12.5',
          fromWallet: '0xhot',
          vault: '0xcold',
          createdAt: T0 + 1,
        };
        expect(await store.sweeps.record(first)).toStrictEqual(first);
        expect(
          await store.sweeps.record({ ...first, id: uid('sw'), amount: '99', createdAt: T0 + 2 }),
        ).toStrictEqual(first);
        const { fromWallet: _, ...withoutWallet } = first;
        const second = { ...withoutWallet, id: uid('sw'), actionId: uid('act'), createdAt: T0 + 3 };
        expect(await store.sweeps.record(second)).toStrictEqual(second);
        await expect(store.sweeps.record({ ...second, actionId: uid('act') })).rejects.toBeInstanceOf(
          ConflictError,
        );

        expect(await store.sweeps.list()).toStrictEqual([second, first]);
        expect(await store.sweeps.list(1)).toStrictEqual([second]);
      });
    });

    describe('models', () => {
      it('save numbers versions per name; load returns the latest or a given version', async () => {
        const [name, other] = [uid('model'), uid('model')];
        const json = (v: number) => new TextEncoder().encode(JSON.stringify({ trees: v, threshold: 0.61 }));
        const saved = [];
        for (let v = 1; v <= 3; v++) {
          saved.push(
            await store.models.save({
              name,
              kind: 'isolation-forest',
              format: 'json',
              data: json(v),
              at: T0 + v,
            }),
          );
        }
        expect(saved.map((m) => m.version)).toEqual([1, 2, 3]);
        expect(saved[2]).toEqual({
          name,
          version: 3,
          kind: 'isolation-forest',
          format: 'json',
          createdAt: T0 + 3,
          bytes: json(3).byteLength,
        });
        expect(
          (await store.models.save({ name: other, kind: 'kmeans', format: 'json', data: json(0), at: T0 }))
            .version,
        ).toBe(1);

        const latest = await store.models.load(name);
        expect(latest).toMatchObject(saved[2] as object);
        expect(JSON.parse(new TextDecoder().decode(latest?.data))).toEqual({ trees: 3, threshold: 0.61 });
        const second = await store.models.load(name, 2);
        expect(second).toMatchObject(saved[1] as object);
        expect(JSON.parse(new TextDecoder().decode(second?.data))).toEqual({ trees: 2, threshold: 0.61 });
        expect(await store.models.load(name, 9)).toBeUndefined();
        expect(await store.models.load(uid('model'))).toBeUndefined();

        const mine = (await store.models.list()).filter((m) => m.name === name || m.name === other);
        expect(mine.map((m) => [m.name, m.version])).toEqual([
          [name, 3],
          [name, 2],
          [name, 1],
          [other, 1],
        ]);
        expect(mine[0]).toStrictEqual(saved[2]);
      });

      it('round-trips binary data byte for byte, including from a view into a larger buffer', async () => {
        const name = uid('model');
        const all = Uint8Array.from({ length: 256 }, (_, i) => i);
        const backing = new Uint8Array(300).fill(0xee);
        backing.set(all, 20);
        const view = backing.subarray(20, 276);
        const meta = await store.models.save({
          name,
          kind: 'autoencoder',
          format: 'binary',
          data: view,
          at: T0,
        });
        expect(meta.bytes).toBe(256);
        const loaded = await store.models.load(name);
        expect(loaded?.format).toBe('binary');
        expect(loaded?.data).toBeInstanceOf(Uint8Array);
        expect(Array.from(loaded?.data ?? [])).toEqual(Array.from(all));
        const empty = await store.models.save({
          name,
          kind: 'autoencoder',
          format: 'binary',
          data: new Uint8Array(),
          at: T0,
        });
        expect((await store.models.load(name, empty.version))?.data.byteLength).toBe(0);
      });

      it('concurrent saves of one name get distinct versions', async () => {
        const name = uid('model');
        const data = new Uint8Array([1, 2, 3]);
        const saved = await Promise.all(
          [1, 2, 3, 4, 5].map((i) =>
            store.models.save({ name, kind: 'svm', format: 'binary', data, at: T0 + i }),
          ),
        );
        expect(saved.map((m) => m.version).sort()).toEqual([1, 2, 3, 4, 5]);
      });
    });

    describe('labels', () => {
      it('upsertMany inserts, then keeps the row and takes the latest import of a label', async () => {
        const sanctioned = makeLabel();
        const { listedAt: _, ...undated } = makeLabel({
          address: sanctioned.address,
          category: 'phishing',
          source: 'forta',
          label: 'Fake_Phishing1',
          sourceRef: 'phishing_scams.csv:2',
        });
        expect(await store.labels.upsertMany([sanctioned, undated])).toEqual({ inserted: 2, updated: 0 });
        expect(await store.labels.forAddress('ethereum', sanctioned.address)).toStrictEqual([
          sanctioned,
          undated,
        ]);

        const { listedAt: __, ...relisted } = {
          ...sanctioned,
          label: 'OFAC SDN list (amended)',
          sourceRef: 'sanctioned_addresses_ETH.txt:9',
          importedAt: '2026-02-01T00:00:00.000Z',
        };
        const dated = { ...undated, listedAt: '2024-03-01' };
        const fresh = makeLabel({ chain: 'tron', address: 'TXYZopYRdj2D9XRtbG411XZZ3kM5VkAeBf' });
        // The repeat of `fresh` within one call counts once and its last copy wins.
        expect(await store.labels.upsertMany([relisted, dated, { ...fresh, label: 'first' }, fresh])).toEqual(
          { inserted: 1, updated: 2 },
        );
        expect(await store.labels.forAddress('ethereum', sanctioned.address)).toStrictEqual([
          relisted,
          dated,
        ]);
        expect(await store.labels.forAddress('tron', fresh.address)).toStrictEqual([fresh]);
        // Another chain, or another spelling, is another address: callers pass the canonical form.
        expect(await store.labels.forAddress('bsc', sanctioned.address)).toEqual([]);
        expect(await store.labels.forAddress('ethereum', sanctioned.address.toUpperCase())).toEqual([]);
        expect(await store.labels.upsertMany([])).toEqual({ inserted: 0, updated: 0 });
      });

      it('upsertMany writes all or nothing', async () => {
        const good = makeLabel({ chain: 'linea' });
        const broken = { ...makeLabel({ chain: 'linea' }), label: null } as unknown as Label;
        const before = await store.labels.count({ chain: 'linea' });
        await expect(store.labels.upsertMany([good, broken])).rejects.toThrow();
        expect(await store.labels.count({ chain: 'linea' })).toBe(before);
        expect(await store.labels.forAddress('linea', good.address)).toEqual([]);
      });

      it('list filters by chain, category and source and pages newest first; count agrees', async () => {
        // Only this test writes sei exchange labels from the manual source.
        const mine = Array.from({ length: 7 }, (_, i) =>
          makeLabel({ chain: 'sei', category: 'exchange', source: 'manual', label: `hot wallet ${i}` }),
        );
        const noise = [
          makeLabel({ chain: 'sei', category: 'exchange', source: 'forta' }),
          makeLabel({ chain: 'sei', category: 'scam', source: 'manual' }),
          makeLabel({ chain: 'mantle', category: 'exchange', source: 'manual' }),
        ];
        await store.labels.upsertMany([...mine, ...noise]);
        const filter = { chain: 'sei', category: 'exchange', source: 'manual' } as const;
        const pages = await allPages((cursor) =>
          store.labels.list({ ...filter, limit: 3, ...(cursor ? { cursor } : {}) }),
        );
        expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
        expect(pages.flat()).toStrictEqual([...mine].reverse());
        expect(await store.labels.count(filter)).toBe(7);
        expect(await store.labels.count({ chain: 'sei', source: 'manual' })).toBe(8);
        const sei = await store.labels.count({ chain: 'sei' });
        expect(sei).toBe(9);
        expect(await store.labels.count({})).toBeGreaterThanOrEqual(sei + 1);
        const first = await store.labels.list({ chain: 'sei', limit: 500 });
        expect(first.items).toHaveLength(9);
        expect(first.nextCursor).toBeUndefined();
      });

      it('all() reads every label, across its internal pages, optionally of one chain', async () => {
        // More than one read page (2,000) and one write batch, in one call.
        const many = Array.from({ length: 2_345 }, (_, i) =>
          makeLabel({ chain: 'blast', sourceRef: `bulk.csv:${i + 1}` }),
        );
        expect(await store.labels.upsertMany(many)).toEqual({ inserted: 2_345, updated: 0 });
        const read: Label[] = [];
        for await (const label of store.labels.all('blast')) read.push(label);
        expect(read).toStrictEqual(many);
        let everything = 0;
        const chains = new Set<string>();
        for await (const label of store.labels.all()) {
          everything++;
          chains.add(label.chain);
        }
        expect(everything).toBe(await store.labels.count({}));
        expect(chains.has('blast')).toBe(true);
      });
    });

    describe('graph snapshots', () => {
      const CHUNK = CONTRACT_GRAPH_CHUNK_BYTES;
      const snapshot = (name: string, data: Uint8Array, at = T0) => ({ name, data, nodes: 7, edges: 11, at });

      it('round-trips data spanning several chunks, from a view into a larger buffer', async () => {
        const name = uid('graph');
        const data = new Uint8Array(randomBytes(CHUNK * 3.5));
        const backing = new Uint8Array(data.byteLength + 40).fill(0xee);
        backing.set(data, 20);
        const meta = await store.graphs.save(snapshot(name, backing.subarray(20, 20 + data.byteLength)));
        expect(meta).toStrictEqual({
          name,
          savedAt: T0,
          bytes: CHUNK * 3.5,
          nodes: 7,
          edges: 11,
          revision: 1,
        });
        const loaded = await store.graphs.load(name);
        expect(loaded?.meta).toStrictEqual(meta);
        expect(loaded?.data).toBeInstanceOf(Uint8Array);
        expect(loaded?.data.byteLength).toBe(data.byteLength);
        expect(Buffer.from(loaded?.data ?? []).equals(data)).toBe(true);
      });

      it('a later save replaces the whole snapshot, leaves no tail of older chunks, and raises the revision', async () => {
        const name = uid('graph');
        await store.graphs.save(snapshot(name, new Uint8Array(randomBytes(CHUNK * 3.5))));
        const shorter = new Uint8Array(randomBytes(CHUNK + 5));
        const second = await store.graphs.save({ name, data: shorter, nodes: 2, edges: 1, at: T0 + 1 });
        expect(second).toStrictEqual({
          name,
          savedAt: T0 + 1,
          bytes: CHUNK + 5,
          nodes: 2,
          edges: 1,
          revision: 2,
        });
        const loaded = await store.graphs.load(name);
        expect(loaded?.meta).toStrictEqual(second);
        expect(Buffer.from(loaded?.data ?? []).equals(shorter)).toBe(true);

        const exact = new Uint8Array(randomBytes(CHUNK * 2));
        expect((await store.graphs.save(snapshot(name, exact, T0 + 2))).revision).toBe(3);
        expect(Buffer.from((await store.graphs.load(name))?.data ?? []).equals(exact)).toBe(true);

        const empty = await store.graphs.save({
          name,
          data: new Uint8Array(),
          nodes: 0,
          edges: 0,
          at: T0 + 3,
        });
        expect(empty).toMatchObject({ bytes: 0, revision: 4 });
        expect(await store.graphs.load(name)).toStrictEqual({ meta: empty, data: new Uint8Array() });
      });

      it('info and list give the metadata alone; an unknown name is undefined', async () => {
        const [b, a] = [uid('graph_b'), uid('graph_a')];
        const metaB = await store.graphs.save(snapshot(b, new Uint8Array([1, 2, 3])));
        const metaA = await store.graphs.save(snapshot(a, new Uint8Array(CHUNK * 2 + 1), T0 + 9));
        expect(await store.graphs.info(a)).toStrictEqual(metaA);
        expect(await store.graphs.info(b)).toStrictEqual(metaB);
        const unknown = uid('graph');
        expect(await store.graphs.info(unknown)).toBeUndefined();
        expect(await store.graphs.load(unknown)).toBeUndefined();
        const mine = (await store.graphs.list()).filter((m) => m.name === a || m.name === b);
        expect(mine).toStrictEqual([metaA, metaB]);
      });

      it('concurrent saves of one name get distinct revisions and loads never see a mix', async () => {
        const name = uid('graph');
        // Each save writes its own length filled with its own byte, so a mixed read cannot pass.
        const payload = (i: number) => new Uint8Array(CHUNK * i + i).fill(i);
        const loads: Promise<{ meta: { bytes: number }; data: Uint8Array } | undefined>[] = [];
        const saves = [1, 2, 3, 4, 5].map((i) => {
          loads.push(store.graphs.load(name));
          return store.graphs.save(snapshot(name, payload(i), T0 + i));
        });
        const saved = await Promise.all(saves);
        expect(saved.map((m) => m.revision).sort()).toEqual([1, 2, 3, 4, 5]);
        for (const loaded of [...(await Promise.all(loads)), await store.graphs.load(name)]) {
          if (!loaded) continue;
          const i = loaded.data[0] ?? 0;
          expect(loaded.meta.bytes).toBe(CHUNK * i + i);
          expect(loaded.data).toStrictEqual(payload(i));
        }
        const last = saved.find((m) => m.revision === 5);
        expect(await store.graphs.info(name)).toStrictEqual(last);
      });
    });

    describe('api keys', () => {
      it('create, findActiveByHash, touch, list and revoke', async () => {
        const key = { id: uid('key'), name: 'ci', hash: randomBytes(32).toString('hex'), createdAt: T0 };
        const other = {
          id: uid('key'),
          name: 'ops',
          hash: randomBytes(32).toString('hex'),
          createdAt: T0 + 1,
        };
        await store.apiKeys.create(key);
        await store.apiKeys.create(other);
        await expect(store.apiKeys.create({ ...key, id: uid('key') })).rejects.toBeInstanceOf(ConflictError);
        await expect(store.apiKeys.create({ ...key, hash: 'different' })).rejects.toBeInstanceOf(
          ConflictError,
        );

        expect(await store.apiKeys.findActiveByHash(key.hash)).toStrictEqual(key);
        expect(await store.apiKeys.findActiveByHash('unknown')).toBeUndefined();
        await store.apiKeys.touch(key.id, T0 + 50);
        expect(await store.apiKeys.findActiveByHash(key.hash)).toStrictEqual({ ...key, lastUsedAt: T0 + 50 });

        expect(await store.apiKeys.revoke(key.id, T0 + 60)).toBe(true);
        expect(await store.apiKeys.revoke(key.id, T0 + 70)).toBe(false);
        expect(await store.apiKeys.revoke(uid('key'), T0)).toBe(false);
        expect(await store.apiKeys.findActiveByHash(key.hash)).toBeUndefined();
        expect(await store.apiKeys.findActiveByHash(other.hash)).toStrictEqual(other);

        const mine = (await store.apiKeys.list()).filter((k) => k.id === key.id || k.id === other.id);
        expect(mine).toStrictEqual([{ ...key, lastUsedAt: T0 + 50, revokedAt: T0 + 60 }, other]);
      });
    });
    describe('auth', () => {
      describe('profiles', () => {
        it('put creates at revision 1, every write raises it, get reads it back and count counts', async () => {
          const [user, other] = [uid('user'), uid('user')];
          expect(await store.authProfiles.get(user)).toBeUndefined();
          const before = await store.authProfiles.count();
          // Whitespace and key order survive: the store keeps the auth area's JSON as given.
          const data = '{"v":1,  "devices":["d1"], "a":0}';
          const first = await store.authProfiles.put(user, data, T0);
          expect(first).toStrictEqual({ userId: user, data, revision: 1, updatedAt: T0 });
          expect(await store.authProfiles.get(user)).toStrictEqual(first);
          expect(await store.authProfiles.count()).toBe(before + 1);

          const second = await store.authProfiles.put(user, '{"v":2}', T0 + 1, 1);
          expect(second).toStrictEqual({ userId: user, data: '{"v":2}', revision: 2, updatedAt: T0 + 1 });
          // Without an expected revision the write is unconditional and still raises the revision.
          const third = await store.authProfiles.put(user, '{"v":3}', T0 + 2);
          expect(third).toStrictEqual({ userId: user, data: '{"v":3}', revision: 3, updatedAt: T0 + 2 });
          expect(await store.authProfiles.get(user)).toStrictEqual(third);

          expect(await store.authProfiles.put(other, '{}', T0 + 5, 0)).toStrictEqual({
            userId: other,
            data: '{}',
            revision: 1,
            updatedAt: T0 + 5,
          });
          expect(await store.authProfiles.count()).toBe(before + 2);
          expect(await store.authProfiles.get(user)).toStrictEqual(third);
        });

        it('put refuses a stale or unknown revision and a create of an existing profile', async () => {
          const [user, absent] = [uid('user'), uid('user')];
          await store.authProfiles.put(user, 'a', T0, 0);
          const before = await store.authProfiles.count();
          await expect(store.authProfiles.put(user, 'again', T0 + 1, 0)).rejects.toBeInstanceOf(
            ConflictError,
          );
          const current = await store.authProfiles.put(user, 'b', T0 + 2, 1);
          expect(current.revision).toBe(2);
          await expect(store.authProfiles.put(user, 'stale', T0 + 3, 1)).rejects.toMatchObject({
            code: 'CONFLICT',
            message: expect.stringContaining('revision 2'),
          });
          await expect(store.authProfiles.put(user, 'ahead', T0 + 3, 3)).rejects.toBeInstanceOf(
            ConflictError,
          );
          await expect(store.authProfiles.put(absent, 'x', T0, 1)).rejects.toBeInstanceOf(ConflictError);
          expect(await store.authProfiles.get(user)).toStrictEqual(current);
          expect(await store.authProfiles.get(absent)).toBeUndefined();
          expect(await store.authProfiles.count()).toBe(before);
        });

        it('of concurrent writers expecting one revision, exactly one wins', async () => {
          const [user, fresh] = [uid('user'), uid('user')];
          await store.authProfiles.put(user, 'base', T0, 0);
          const updates = await Promise.allSettled(
            [1, 2, 3, 4, 5].map((i) => store.authProfiles.put(user, `w${i}`, T0 + i, 1)),
          );
          const creates = await Promise.allSettled(
            [1, 2, 3, 4, 5].map((i) => store.authProfiles.put(fresh, `c${i}`, T0 + i, 0)),
          );
          for (const [settled, revision, id] of [
            [updates, 2, user],
            [creates, 1, fresh],
          ] as const) {
            const won = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
            const lost = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason] : []));
            expect(won).toHaveLength(1);
            expect(won[0]?.revision).toBe(revision);
            expect(lost).toHaveLength(4);
            for (const reason of lost) expect(reason).toBeInstanceOf(ConflictError);
            expect(await store.authProfiles.get(id)).toStrictEqual(won[0]);
          }
        });
      });

      describe('MFA factors', () => {
        it('add, get, list oldest first, update and remove', async () => {
          const [user, other] = [uid('user'), uid('user')];
          const totp = {
            id: uid('mfa'),
            userId: user,
            kind: 'totp' as const,
            label: 'phone',
            data: '{"secret":"enc:v1:abc"}',
            confirmed: false,
            createdAt: T0 + 20,
          };
          const key = {
            id: uid('mfa'),
            userId: user,
            kind: 'webauthn' as const,
            data: '{"credentialId":"cred","publicKey":"pk","counter":0}',
            confirmed: true,
            createdAt: T0 + 10,
            lastUsedAt: T0 + 15,
          };
          const theirs = { ...totp, id: uid('mfa'), userId: other, createdAt: T0 };
          for (const f of [totp, key, theirs]) await store.mfaFactors.add(f);
          await expect(store.mfaFactors.add({ ...totp, userId: other })).rejects.toBeInstanceOf(
            ConflictError,
          );

          expect(await store.mfaFactors.get(totp.id)).toStrictEqual(totp);
          expect(await store.mfaFactors.get(key.id)).toStrictEqual(key);
          expect(await store.mfaFactors.list(user)).toStrictEqual([key, totp]);
          expect(await store.mfaFactors.list(other)).toStrictEqual([theirs]);

          const confirmed = { ...totp, confirmed: true };
          expect(await store.mfaFactors.update(totp.id, { confirmed: true })).toStrictEqual(confirmed);
          const used = { ...confirmed, lastUsedAt: T0 + 30 };
          expect(await store.mfaFactors.update(totp.id, { lastUsedAt: T0 + 30 })).toStrictEqual(used);
          const counted = {
            ...key,
            data: '{"credentialId":"cred","publicKey":"pk","counter":1}',
            lastUsedAt: T0 + 40,
          };
          expect(
            await store.mfaFactors.update(key.id, { data: counted.data, lastUsedAt: T0 + 40 }),
          ).toStrictEqual(counted);
          // false is a value to set, not an absent change.
          const unconfirmed = { ...counted, confirmed: false };
          expect(await store.mfaFactors.update(key.id, { confirmed: false })).toStrictEqual(unconfirmed);
          expect(await store.mfaFactors.update(key.id, {})).toStrictEqual(unconfirmed);
          expect(await store.mfaFactors.list(user)).toStrictEqual([unconfirmed, used]);

          expect(await store.mfaFactors.remove(totp.id)).toBe(true);
          expect(await store.mfaFactors.remove(totp.id)).toBe(false);
          expect(await store.mfaFactors.get(totp.id)).toBeUndefined();
          expect(await store.mfaFactors.list(user)).toStrictEqual([unconfirmed]);
          expect(await store.mfaFactors.list(other)).toStrictEqual([theirs]);
        });

        it('an unknown id: get is undefined, update is NotFoundError, remove is false', async () => {
          const unknown = uid('mfa');
          expect(await store.mfaFactors.get(unknown)).toBeUndefined();
          await expect(store.mfaFactors.update(unknown, { confirmed: true })).rejects.toBeInstanceOf(
            NotFoundError,
          );
          expect(await store.mfaFactors.remove(unknown)).toBe(false);
          expect(await store.mfaFactors.list(uid('user'))).toEqual([]);
        });
      });

      describe('trusted devices', () => {
        it('a device is trusted until it expires; trusting it again moves the expiry', async () => {
          const [user, other] = [uid('user'), uid('user')];
          const [a, b] = [uid('dev'), uid('dev')];
          await store.trustedDevices.trust({
            userId: user,
            deviceId: a,
            trustedAt: T0,
            expiresAt: T0 + 1_000,
          });
          expect(await store.trustedDevices.isTrusted(user, a, T0)).toBe(true);
          expect(await store.trustedDevices.isTrusted(user, a, T0 + 999)).toBe(true);
          expect(await store.trustedDevices.isTrusted(user, a, T0 + 1_000)).toBe(false);
          expect(await store.trustedDevices.isTrusted(user, a, T0 + 5_000)).toBe(false);
          expect(await store.trustedDevices.isTrusted(user, b, T0)).toBe(false);
          expect(await store.trustedDevices.isTrusted(other, a, T0)).toBe(false);

          const again = { userId: user, deviceId: a, trustedAt: T0 + 2_000, expiresAt: T0 + 9_000 };
          await store.trustedDevices.trust(again);
          expect(await store.trustedDevices.isTrusted(user, a, T0 + 5_000)).toBe(true);
          expect(await store.trustedDevices.isTrusted(user, a, T0 + 9_000)).toBe(false);
          const short = { userId: user, deviceId: b, trustedAt: T0 + 100, expiresAt: T0 + 200 };
          await store.trustedDevices.trust(short);
          // Oldest trust first; an expired device stays listed until it is revoked.
          expect(await store.trustedDevices.list(user)).toStrictEqual([short, again]);
          expect(await store.trustedDevices.list(other)).toEqual([]);
        });

        it('revoke removes one device or every device of the user and counts them', async () => {
          const [user, other] = [uid('user'), uid('user')];
          const [a, b, c] = [uid('dev'), uid('dev'), uid('dev')];
          const device = (userId: string, deviceId: string, i: number) => ({
            userId,
            deviceId,
            trustedAt: T0 + i,
            expiresAt: LATER,
          });
          for (const [i, d] of [a, b, c].entries()) await store.trustedDevices.trust(device(user, d, i));
          await store.trustedDevices.trust(device(other, a, 0));

          expect(await store.trustedDevices.revoke(user, a)).toBe(1);
          expect(await store.trustedDevices.revoke(user, a)).toBe(0);
          expect(await store.trustedDevices.isTrusted(user, a, T0)).toBe(false);
          expect(await store.trustedDevices.list(user)).toStrictEqual([
            device(user, b, 1),
            device(user, c, 2),
          ]);
          expect(await store.trustedDevices.revoke(user)).toBe(2);
          expect(await store.trustedDevices.revoke(user)).toBe(0);
          expect(await store.trustedDevices.list(user)).toEqual([]);
          expect(await store.trustedDevices.isTrusted(other, a, T0)).toBe(true);
          expect(await store.trustedDevices.list(other)).toStrictEqual([device(other, a, 0)]);
        });
      });

      describe('challenges', () => {
        const challenge = (expiresAt: number, createdAt = T0) => ({
          id: uid('chl'),
          userId: uid('user'),
          purpose: 'webauthn-authenticate',
          data: '{"challenge":"q1w2e3","rpId":"argus.example"}',
          createdAt,
          expiresAt,
        });

        it('take returns a challenge once and deletes it', async () => {
          const c = challenge(T0 + 60_000);
          await store.authChallenges.put(c);
          await expect(store.authChallenges.put({ ...c, purpose: 'other' })).rejects.toBeInstanceOf(
            ConflictError,
          );
          expect(await store.authChallenges.take(c.id, T0 + 1)).toStrictEqual(c);
          expect(await store.authChallenges.take(c.id, T0 + 2)).toBeUndefined();
          expect(await store.authChallenges.take(uid('chl'), T0)).toBeUndefined();
        });

        it('an expired challenge is never returned', async () => {
          const [atExpiry, long] = [challenge(T0 + 100), challenge(T0 + 100)];
          await store.authChallenges.put(atExpiry);
          await store.authChallenges.put(long);
          expect(await store.authChallenges.take(atExpiry.id, T0 + 100)).toBeUndefined();
          expect(await store.authChallenges.take(long.id, T0 + 5_000)).toBeUndefined();
        });

        it('of concurrent takes of one challenge, exactly one gets it', async () => {
          const c = challenge(T0 + 60_000);
          await store.authChallenges.put(c);
          const taken = await Promise.all(
            [1, 2, 3, 4, 5].map((i) => store.authChallenges.take(c.id, T0 + i)),
          );
          expect(taken.filter((t) => t !== undefined)).toStrictEqual([c]);
        });

        it('purgeExpired deletes the expired ones only and counts them', async () => {
          // Far before T0, so no other test's challenge is expired at these times.
          const EARLY = 1_000_000;
          const [first, second, live] = [
            challenge(EARLY + 10, EARLY),
            challenge(EARLY + 20, EARLY),
            challenge(LATER, EARLY),
          ];
          for (const c of [first, second, live]) await store.authChallenges.put(c);
          expect(await store.authChallenges.purgeExpired(EARLY + 15)).toBe(1);
          expect(await store.authChallenges.purgeExpired(EARLY + 15)).toBe(0);
          expect(await store.authChallenges.purgeExpired(EARLY + 20)).toBe(1);
          // Gone, though asked about at a time they had not yet expired.
          expect(await store.authChallenges.take(first.id, EARLY)).toBeUndefined();
          expect(await store.authChallenges.take(second.id, EARLY)).toBeUndefined();
          expect(await store.authChallenges.take(live.id, EARLY + 21)).toStrictEqual(live);
        });
      });

      describe('decisions', () => {
        const decision = (
          userId: string,
          at: number,
          overrides: Partial<AuthDecisionRecord> = {},
        ): AuthDecisionRecord => ({
          id: uid('dec'),
          userId,
          ip: '203.0.113.7',
          score: 0.25,
          decision: 'allow',
          reasons: '[{"signal":"new_ip","contribution":0.2}]',
          at,
          ...overrides,
        });

        it('append writes batches that list reads back newest first', async () => {
          const user = uid('user');
          const { ip: _, ...noIp } = decision(user, T0 + 1, {
            decision: 'challenge',
            factor: 'totp',
            score: 0.7,
          });
          const first = [
            decision(user, T0),
            noIp,
            decision(user, T0 + 2, { decision: 'deny', factor: 'any' }),
          ];
          await store.authDecisions.append(first);
          const second = [decision(user, T0 + 3), decision(user, T0 + 4, { score: 0 })];
          await store.authDecisions.append(second);
          await store.authDecisions.append([]);
          expect(await store.authDecisions.list({ userId: user })).toStrictEqual({
            items: [...first, ...second].reverse(),
          });
        });

        it('append writes all or nothing: an id already stored or repeated rejects the batch', async () => {
          const user = uid('user');
          const a = decision(user, T0);
          await store.authDecisions.append([a]);
          await expect(
            store.authDecisions.append([decision(user, T0 + 1), { ...a, score: 1 }]),
          ).rejects.toBeInstanceOf(ConflictError);
          const twice = decision(user, T0 + 2);
          await expect(store.authDecisions.append([twice, twice])).rejects.toBeInstanceOf(ConflictError);
          expect((await store.authDecisions.list({ userId: user })).items).toStrictEqual([a]);
        });

        it('list filters by user, decision and since, and pages with a cursor', async () => {
          const [user, other] = [uid('user'), uid('user')];
          const kinds = ['allow', 'deny', 'challenge', 'allow', 'deny', 'allow', 'allow'] as const;
          const mine = kinds.map((kind, i) => decision(user, T0 + i * 10, { decision: kind }));
          const theirs = [decision(other, T0 + 5, { decision: 'deny' }), decision(other, T0 + 15)];
          await store.authDecisions.append([...mine.slice(0, 4), ...theirs]);
          await store.authDecisions.append(mine.slice(4));
          const newestFirst = [...mine].reverse();
          const list = async (filter: AuthDecisionFilter) =>
            (await store.authDecisions.list({ limit: 500, ...filter })).items;

          expect(await list({ userId: user, decision: ['deny'] })).toStrictEqual(
            newestFirst.filter((d) => d.decision === 'deny'),
          );
          expect(await list({ userId: user, decision: ['challenge', 'deny'] })).toStrictEqual(
            newestFirst.filter((d) => d.decision !== 'allow'),
          );
          expect(await list({ userId: user, since: T0 + 30 })).toStrictEqual(newestFirst.slice(0, 4));
          expect(await list({ userId: user, since: T0 + 30, decision: ['allow'] })).toStrictEqual([
            mine[6],
            mine[5],
            mine[3],
          ]);
          const everyone = await list({ decision: ['deny'], since: T0 });
          const ours = new Set([user, other]);
          expect(everyone.filter((d) => ours.has(d.userId))).toStrictEqual([mine[4], theirs[0], mine[1]]);

          const pages = await allPages((cursor) =>
            store.authDecisions.list({ userId: user, limit: 3, ...(cursor ? { cursor } : {}) }),
          );
          expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
          expect(pages.flat()).toStrictEqual(newestFirst);
          const allowPages = await allPages((cursor) =>
            store.authDecisions.list({
              userId: user,
              decision: ['allow'],
              limit: 2,
              ...(cursor ? { cursor } : {}),
            }),
          );
          expect(allowPages.flat()).toStrictEqual(newestFirst.filter((d) => d.decision === 'allow'));
          expect(allowPages.map((p) => p.length)).toEqual([2, 2]);
          expect(await store.authDecisions.list({ userId: uid('user') })).toStrictEqual({ items: [] });
        });

        it('list takes until as an exclusive end, alone, with since and across cursor pages', async () => {
          const user = uid('user');
          const kinds = ['allow', 'deny', 'challenge', 'allow', 'deny', 'allow'] as const;
          const mine = kinds.map((kind, i) => decision(user, T0 + i * 10, { decision: kind }));
          await store.authDecisions.append(mine);
          const newestFirst = [...mine].reverse();
          const list = async (filter: AuthDecisionFilter) =>
            (await store.authDecisions.list({ userId: user, limit: 500, ...filter })).items;

          expect(await list({ until: T0 + 30 })).toStrictEqual(newestFirst.slice(3));
          expect(await list({ until: T0 + 31 })).toStrictEqual(newestFirst.slice(2));
          expect(await list({ since: T0 + 10, until: T0 + 40 })).toStrictEqual(newestFirst.slice(2, 5));
          expect(await list({ since: T0 + 10, until: T0 + 10 })).toStrictEqual([]);
          expect(await list({ until: T0 + 50, decision: ['deny'] })).toStrictEqual([mine[4], mine[1]]);
          const pages = await allPages((cursor) =>
            store.authDecisions.list({
              userId: user,
              until: T0 + 45,
              limit: 2,
              ...(cursor ? { cursor } : {}),
            }),
          );
          expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
          expect(pages.flat()).toStrictEqual(newestFirst.slice(1));
        });
      });
    });

    describe('model health', () => {
      const check = (
        model: string,
        at: number,
        overrides: Partial<ModelHealthCheck> = {},
      ): ModelHealthCheck => ({
        model,
        at,
        generation: 2,
        sampleSize: 10_000,
        psi: 0.0425,
        level: 'stable',
        details: {
          kind: 'check',
          drifted: false,
          deciles: {
            edges: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9],
            current: [0.08, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.12],
            baseline: [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1],
          },
          histogram: { edges: [0.5], current: [0.45, 0.55] },
          alerts: { scored: 1_000, model: 2, rules: 5, modelRate: 0.002, ruleRate: 0.005 },
          features: [{ name: 'amount_log', psi: 0.31 }],
        },
        ...overrides,
      });

      it('records checks that list reads back oldest first, ties in recording order', async () => {
        const model = uid('model');
        const retrain = check(model, T0 + 20, {
          generation: 3,
          psi: 0,
          sampleSize: 50_000,
          details: { kind: 'retrain', retrain: { reason: 'drift', rows: 50_000, previousPsi: 0.27 } },
        });
        const late = check(model, T0 + 30, { psi: 0.27, level: 'significant', details: { kind: 'check' } });
        const [a, b] = [check(model, T0 + 20, { psi: 0.15, level: 'moderate' }), check(model, T0 + 10)];
        await store.modelHealth.recordMany([late, a]);
        await store.modelHealth.record(retrain);
        await store.modelHealth.recordMany([b]);
        await store.modelHealth.recordMany([]);
        expect(await store.modelHealth.list({ model })).toStrictEqual([b, a, retrain, late]);
      });

      it('list keeps to one model and [since, until), and returns the latest limit of a long range', async () => {
        const [model, other] = [uid('model'), uid('model')];
        const mine = Array.from({ length: 8 }, (_, i) => check(model, T0 + i * 100, { generation: i }));
        await store.modelHealth.recordMany([...mine.slice(0, 5), check(other, T0 + 150)]);
        await store.modelHealth.recordMany(mine.slice(5));
        const list = (q: Omit<ModelHealthQuery, 'model'>) => store.modelHealth.list({ model, ...q });
        expect(await list({ since: T0 + 200, until: T0 + 500 })).toStrictEqual(mine.slice(2, 5));
        expect(await list({ since: T0 + 150 })).toStrictEqual(mine.slice(2));
        expect(await list({ until: T0 + 100 })).toStrictEqual(mine.slice(0, 1));
        expect(await list({ limit: 3 })).toStrictEqual(mine.slice(5));
        expect(await list({ since: T0, until: T0 + 400, limit: 2 })).toStrictEqual(mine.slice(2, 4));
        expect(await list({ since: T0 + 800 })).toStrictEqual([]);
        expect(await store.modelHealth.list({ model: uid('model') })).toStrictEqual([]);
      });

      it('recordMany writes all or nothing: a non-finite PSI rejects the batch', async () => {
        const model = uid('model');
        await expect(
          store.modelHealth.recordMany([check(model, T0), check(model, T0 + 1, { psi: Number.NaN })]),
        ).rejects.toThrow(/PSI must be finite/);
        await expect(store.modelHealth.record(check(model, T0, { psi: Infinity }))).rejects.toThrow(
          RangeError,
        );
        expect(await store.modelHealth.list({ model })).toStrictEqual([]);
      });

      it('latest gives every model its latest row, the last recorded on a tie, by name', async () => {
        const [first, second, quiet] = [uid('model'), uid('model'), uid('model')];
        const newest = check(first, T0 + 50, { psi: 0.21, level: 'significant' });
        const tieWinner = check(second, T0 + 10, { generation: 5, psi: 0, details: { kind: 'retrain' } });
        await store.modelHealth.recordMany([check(first, T0), newest, check(first, T0 + 20)]);
        await store.modelHealth.recordMany([check(second, T0 + 10), tieWinner, check(second, T0 - 1)]);
        const ours = new Set([first, second, quiet]);
        const latest = (await store.modelHealth.latest()).filter((c) => ours.has(c.model));
        expect(latest).toStrictEqual([newest, tieWinner]);
      });
    });

    describe('intel', () => {
      const HOUR = 3_600_000;
      const utc = (iso: string): number => Date.parse(`${iso}Z`);
      const makeDoc = (overrides: Partial<IntelDocument> = {}): IntelDocument => {
        const id = overrides.id ?? `osv:${uid('GHSA')}`;
        return {
          id,
          source: 'osv',
          origin: 'fixtures/osv',
          kind: 'advisory',
          title: 'Reentrancy in vault withdraw',
          body: 'The withdraw function sends ether before it updates the balance.',
          url: `https://osv.dev/vulnerability/${id}`,
          publishedAt: T0,
          modifiedAt: T0 + HOUR,
          raw: '{"affected":[{"package":{"ecosystem":"npm","name":"vault"}}]}',
          entities: [],
          ...overrides,
        };
      };
      /** A word that occurs in no other test's documents, so searches for it see only this test's. */
      const word = (): string => `w${RUN}x${String(++counter)}`;

      it('upsertMany inserts, get reads back, and a replacement replaces entities and the text index', async () => {
        const pkg = uid('pkg');
        const first = word();
        const { url: _, ...noUrl } = makeDoc({ source: 'rss', kind: 'article', origin: 'https://blog/feed' });
        const a = makeDoc({
          title: `Advisory ${first}`,
          entities: [
            { kind: 'package', value: pkg },
            { kind: 'cve', value: 'CVE-2023-00001' },
            { kind: 'package', value: pkg },
            { kind: 'protocol', value: pkg },
          ],
        });
        expect(await store.intelDocuments.upsertMany([a, noUrl])).toEqual({ inserted: 2, updated: 0 });
        // A repeated entity is kept once, in the place of its first occurrence.
        const stored = {
          ...a,
          entities: [
            { kind: 'package', value: pkg },
            { kind: 'cve', value: 'CVE-2023-00001' },
            { kind: 'protocol', value: pkg },
          ],
        };
        expect(await store.intelDocuments.get(a.id)).toStrictEqual(stored);
        expect(await store.intelDocuments.get(noUrl.id)).toStrictEqual(noUrl);
        expect(await store.intelDocuments.get(uid('osv:missing'))).toBeUndefined();
        expect(ids(await store.intelDocuments.search(first))).toEqual([a.id]);

        const second = word();
        const pkg2 = uid('pkg');
        const replaced = makeDoc({
          id: a.id,
          title: `Advisory ${second} (withdrawn)`,
          body: 'Withdrawn: not a vulnerability.',
          publishedAt: T0 + 5 * HOUR,
          modifiedAt: T0 + 9 * HOUR,
          entities: [{ kind: 'package', value: pkg2 }],
        });
        const c = makeDoc({ source: 'nvd', id: `nvd:${uid('CVE')}` });
        // The repeat of `c` within one call counts once and its last copy wins.
        expect(await store.intelDocuments.upsertMany([replaced, { ...c, title: 'first copy' }, c])).toEqual({
          inserted: 1,
          updated: 1,
        });
        expect(await store.intelDocuments.get(a.id)).toStrictEqual(replaced);
        expect(await store.intelDocuments.get(c.id)).toStrictEqual(c);
        const entity = { kind: 'package', value: pkg };
        expect(await store.intelDocuments.count({ entity })).toBe(0);
        expect((await store.intelDocuments.list({ entity })).items).toEqual([]);
        expect(
          ids((await store.intelDocuments.list({ entity: { kind: 'package', value: pkg2 } })).items),
        ).toEqual([a.id]);
        expect(
          await store.intelDocuments.mentionCounts({ kind: 'protocol', value: pkg, bucket: 'day' }),
        ).toEqual([]);
        // The mention follows the document's new publication time.
        expect(
          await store.intelDocuments.mentionCounts({ kind: 'package', value: pkg2, bucket: 'day' }),
        ).toEqual([{ value: pkg2, bucketStart: utc('2023-11-15T00:00:00'), count: 1 }]);
        expect(await store.intelDocuments.search(first)).toEqual([]);
        expect(ids(await store.intelDocuments.search(second))).toEqual([a.id]);
        expect(await store.intelDocuments.upsertMany([])).toEqual({ inserted: 0, updated: 0 });
      });

      it('upsertMany writes all or nothing and refuses times that are not whole milliseconds', async () => {
        const marker = word();
        const good = makeDoc({ title: marker, entities: [{ kind: 'cve', value: marker }] });
        const broken = { ...makeDoc(), title: null } as unknown as IntelDocument;
        await expect(store.intelDocuments.upsertMany([good, broken])).rejects.toThrow();
        expect(await store.intelDocuments.get(good.id)).toBeUndefined();
        expect(await store.intelDocuments.search(marker)).toEqual([]);
        expect(await store.intelDocuments.count({ entity: { kind: 'cve', value: marker } })).toBe(0);

        await expect(
          store.intelDocuments.upsertMany([good, makeDoc({ publishedAt: T0 + 0.5 })]),
        ).rejects.toMatchObject({
          code: 'INPUT_INVALID',
          issues: [{ path: 'documents[1].publishedAt', message: expect.any(String) }],
        });
        expect(await store.intelDocuments.get(good.id)).toBeUndefined();
      });

      it('list pages newest published first and filters by source, entity, since and until; count agrees', async () => {
        // Only this test publishes in 2031.
        const W = utc('2031-01-01T00:00:00');
        const pkg = uid('pkg');
        const mention = [{ kind: 'package', value: pkg }];
        const at = (hours: number, overrides: Partial<IntelDocument> = {}) =>
          makeDoc({ publishedAt: W + hours * HOUR, ...overrides });
        // Written out of publication order; d3 and d4 share a time, so insertion order breaks the tie.
        const docs = [
          at(5, { source: 'nvd', id: `nvd:${uid('CVE')}` }),
          at(1, { entities: mention }),
          at(7, { source: 'rss', kind: 'article', entities: mention }),
          at(3, { source: 'nvd', id: `nvd:${uid('CVE')}`, entities: mention }),
          at(3),
          at(0, { source: 'rss', kind: 'article' }),
          at(24, { entities: mention }),
        ];
        await store.intelDocuments.upsertMany(docs.slice(0, 4));
        await store.intelDocuments.upsertMany(docs.slice(4));
        const [d0, d1, d2, d3, d4, d5, d6] = docs as [
          IntelDocument,
          IntelDocument,
          IntelDocument,
          IntelDocument,
          IntelDocument,
          IntelDocument,
          IntelDocument,
        ];
        const newestFirst = [d6, d2, d0, d4, d3, d1, d5];
        const inWindow = { since: W, until: W + 48 * HOUR };
        const list = async (filter: IntelDocumentFilter) =>
          (await store.intelDocuments.list({ ...inWindow, limit: 500, ...filter })).items;

        const pages = await allPages((cursor) =>
          store.intelDocuments.list({ ...inWindow, limit: 3, ...(cursor ? { cursor } : {}) }),
        );
        expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
        expect(pages.flat()).toStrictEqual(newestFirst);
        // Pages of four end between d4 and d3, which share a publication time.
        const tied = await allPages((cursor) =>
          store.intelDocuments.list({ ...inWindow, limit: 4, ...(cursor ? { cursor } : {}) }),
        );
        expect(tied.map((p) => ids(p))).toEqual([ids([d6, d2, d0, d4]), ids([d3, d1, d5])]);

        expect(ids(await list({ source: ['nvd'] }))).toEqual(ids([d0, d3]));
        expect(ids(await list({ source: ['osv', 'rss'] }))).toEqual(ids([d6, d2, d4, d1, d5]));
        expect(ids(await list({ entity: { kind: 'package', value: pkg } }))).toEqual(ids([d6, d2, d3, d1]));
        // The same value under another kind is another entity.
        expect(await list({ entity: { kind: 'protocol', value: pkg } })).toEqual([]);
        expect(ids(await list({ entity: { kind: 'package', value: pkg }, source: ['nvd', 'rss'] }))).toEqual(
          ids([d2, d3]),
        );
        // since is inclusive, until exclusive.
        expect(ids(await list({ since: W + 3 * HOUR, until: W + 7 * HOUR }))).toEqual(ids([d0, d4, d3]));
        expect(ids(await list({ since: W + 3 * HOUR, until: W + 7 * HOUR + 1 }))).toEqual(
          ids([d2, d0, d4, d3]),
        );

        const osvPages = await allPages((cursor) =>
          store.intelDocuments.list({
            ...inWindow,
            source: ['osv'],
            limit: 2,
            ...(cursor ? { cursor } : {}),
          }),
        );
        expect(osvPages.map((p) => p.length)).toEqual([2, 1]);
        expect(ids(osvPages.flat())).toEqual(ids([d6, d4, d1]));

        expect(await store.intelDocuments.count(inWindow)).toBe(7);
        expect(await store.intelDocuments.count({ ...inWindow, source: ['nvd'] })).toBe(2);
        expect(await store.intelDocuments.count({ entity: { kind: 'package', value: pkg } })).toBe(4);
        expect(await store.intelDocuments.count({ since: W + 3 * HOUR, until: W + 7 * HOUR })).toBe(3);
        const everything = await store.intelDocuments.count();
        expect(everything).toBeGreaterThan(7);
        expect(await store.intelDocuments.count({})).toBe(everything);
        const last = await store.intelDocuments.list({ ...inWindow, limit: 7 });
        expect(last.items).toHaveLength(7);
        expect(last.nextCursor).toBeUndefined();
      });

      it('search ranks a title match above a body match and needs every term', async () => {
        const [term, other] = [word(), word()];
        const inTitle = makeDoc({ title: `Price ${term} in lending pools`, body: 'An oracle problem.' });
        // Newer and written later: were rank ignored, it would come first.
        const inBody = makeDoc({
          title: 'Weekly digest',
          body: `This week: the ${term} of a lending pool, and ${other}.`,
          publishedAt: T0 + 10 * HOUR,
          entities: [{ kind: 'technique', value: 'oracle-manipulation' }],
        });
        const noise = Array.from({ length: 4 }, () => makeDoc({ title: 'Unrelated', body: 'Nothing here.' }));
        await store.intelDocuments.upsertMany([inTitle, ...noise]);
        await store.intelDocuments.upsertMany([inBody]);

        expect(await store.intelDocuments.search(term)).toStrictEqual([inTitle, inBody]);
        expect(await store.intelDocuments.search(term.toUpperCase())).toStrictEqual([inTitle, inBody]);
        expect(ids(await store.intelDocuments.search(`${term} ${other}`))).toEqual([inBody.id]);
        expect(ids(await store.intelDocuments.search(`${other} ${term}`))).toEqual([inBody.id]);
        expect(ids(await store.intelDocuments.search(term, 1))).toEqual([inTitle.id]);
        expect(await store.intelDocuments.search(`${term} ${word()}`)).toEqual([]);
      });

      it('search finds CVE and GHSA ids as written, and no query punctuation breaks it', async () => {
        // Only this test writes these ids.
        const cve = makeDoc({
          id: 'nvd:CVE-2024-12345',
          source: 'nvd',
          title: 'CVE-2024-12345: integer overflow in token bridge',
          body: 'A crafted message overflows the fee computation.',
        });
        const near = makeDoc({
          id: 'nvd:CVE-2024-12346',
          source: 'nvd',
          title: 'CVE-2024-12346: denial of service',
          body: 'Unrelated to CVE-2023-12345 or 2024.',
        });
        const ghsa = makeDoc({
          id: 'osv:GHSA-jfhm-5ghh-2f97',
          title: 'Signature replay in permit',
          body: 'Tracked as GHSA-jfhm-5ghh-2f97 (see also CVE-2024-12345).',
        });
        await store.intelDocuments.upsertMany([cve, near, ghsa]);
        const found = async (q: string) => ids(await store.intelDocuments.search(q));

        expect(await found('CVE-2024-12345')).toEqual([cve.id, ghsa.id]);
        expect(await found('cve-2024-12345')).toEqual([cve.id, ghsa.id]);
        expect(await found('CVE-2024-12346')).toEqual([near.id]);
        expect(await found('GHSA-jfhm-5ghh-2f97')).toEqual([ghsa.id]);
        expect(await found('ghsa-jfhm-5ghh-2f97')).toEqual([ghsa.id]);
        expect(await found('"CVE-2024-12345"')).toEqual([cve.id, ghsa.id]);
        expect(await found('(CVE-2024-12345)')).toEqual([cve.id, ghsa.id]);
        expect(await found('CVE-2024-99999')).toEqual([]);

        const nasty = [
          '"',
          '"unbalanced',
          'title:overflow',
          'overflow AND OR NOT (',
          'NEAR(overflow token)',
          '*',
          'overflow*',
          '^overflow',
          '{title body}: overflow',
          "'; DROP TABLE intel_documents; --",
          '-overflow',
          'overflow & | ! <->',
          '',
          '   ',
          '$1 ? $2',
        ];
        for (const q of nasty) {
          const result = await store.intelDocuments.search(q);
          expect(Array.isArray(result), q).toBe(true);
        }
        expect(await found('"')).toEqual([]);
        expect(await found('   ')).toEqual([]);
        expect(await found('"unbalanced')).toEqual([]);
        expect(await store.intelDocuments.get(cve.id)).toStrictEqual(cve);
      });

      it('mentionCounts buckets by UTC day, Monday week and month, ordered by value then bucket', async () => {
        const kind = uid('kind');
        const doc = (iso: string, ...values: string[]) =>
          makeDoc({ publishedAt: utc(iso), entities: values.map((value) => ({ kind, value })) });
        const moved = doc('2024-03-15T12:00:00', 'reentrancy');
        await store.intelDocuments.upsertMany([
          doc('2023-12-31T12:00:00', 'reentrancy'), // a Sunday: week of Monday 2023-12-25
          doc('2024-01-29T00:00:00', 'reentrancy', 'reentrancy'), // counted once
          doc('2024-01-31T08:00:00', 'reentrancy'),
          doc('2024-01-31T23:59:59.999', 'reentrancy', 'oracle'),
          doc('2024-02-01T00:00:00', 'reentrancy'),
          doc('2024-02-04T23:59:59.999', 'reentrancy'),
          doc('2024-02-05T00:00:00', 'reentrancy'),
          doc('2024-02-10T10:00:00', 'oracle', 'Signature-replay'),
          doc('2024-02-11T10:00:00', 'oracle'),
          moved,
          // The same value under another kind does not count.
          makeDoc({
            publishedAt: utc('2024-02-01T00:00:00'),
            entities: [{ kind: uid('kind'), value: 'oracle' }],
          }),
        ]);
        // Moving a document moves its mentions: this one ends up on the leap day.
        await store.intelDocuments.upsertMany([{ ...moved, publishedAt: utc('2024-02-29T12:00:00') }]);
        const row = (value: string, day: string, count: number) => ({
          value,
          bucketStart: utc(`${day}T00:00:00`),
          count,
        });
        const counts = (
          bucket: 'day' | 'week' | 'month',
          extra: { value?: string; since?: number; until?: number } = {},
        ) => store.intelDocuments.mentionCounts({ kind, bucket, ...extra });

        // Code-point order: upper case before lower case.
        expect(await counts('day')).toEqual([
          row('Signature-replay', '2024-02-10', 1),
          row('oracle', '2024-01-31', 1),
          row('oracle', '2024-02-10', 1),
          row('oracle', '2024-02-11', 1),
          row('reentrancy', '2023-12-31', 1),
          row('reentrancy', '2024-01-29', 1),
          row('reentrancy', '2024-01-31', 2),
          row('reentrancy', '2024-02-01', 1),
          row('reentrancy', '2024-02-04', 1),
          row('reentrancy', '2024-02-05', 1),
          row('reentrancy', '2024-02-29', 1),
        ]);
        expect(await counts('week')).toEqual([
          row('Signature-replay', '2024-02-05', 1),
          row('oracle', '2024-01-29', 1),
          row('oracle', '2024-02-05', 2),
          row('reentrancy', '2023-12-25', 1),
          row('reentrancy', '2024-01-29', 5),
          row('reentrancy', '2024-02-05', 1),
          row('reentrancy', '2024-02-26', 1),
        ]);
        expect(await counts('month')).toEqual([
          row('Signature-replay', '2024-02-01', 1),
          row('oracle', '2024-01-01', 1),
          row('oracle', '2024-02-01', 2),
          row('reentrancy', '2023-12-01', 1),
          row('reentrancy', '2024-01-01', 3),
          row('reentrancy', '2024-02-01', 4),
        ]);
        expect(await counts('month', { value: 'oracle' })).toEqual([
          row('oracle', '2024-01-01', 1),
          row('oracle', '2024-02-01', 2),
        ]);
        // since is inclusive, until exclusive.
        expect(
          await counts('day', {
            value: 'reentrancy',
            since: utc('2024-01-31T00:00:00'),
            until: utc('2024-02-05T00:00:00'),
          }),
        ).toEqual([
          row('reentrancy', '2024-01-31', 2),
          row('reentrancy', '2024-02-01', 1),
          row('reentrancy', '2024-02-04', 1),
        ]);
        expect(await counts('week', { value: 'absent' })).toEqual([]);
        expect(await store.intelDocuments.mentionCounts({ kind: uid('kind'), bucket: 'day' })).toEqual([]);
      });

      it('all() reads every document across its internal pages, optionally of some sources', async () => {
        const origin = uid('corpus');
        // More than one read page (500) and one PostgreSQL write chunk (1,000), in one call.
        const many = Array.from({ length: 1_234 }, (_, i) =>
          makeDoc({
            id: `text:${origin}/notes.md#${i}`,
            source: 'text',
            kind: 'text',
            origin,
            publishedAt: T0 - i,
            entities: i % 100 === 0 ? [{ kind: 'swc', value: 'SWC-107' }] : [],
          }),
        );
        expect(await store.intelDocuments.upsertMany(many)).toEqual({ inserted: 1_234, updated: 0 });
        const read: IntelDocument[] = [];
        for await (const d of store.intelDocuments.all(['text'])) if (d.origin === origin) read.push(d);
        expect(read).toStrictEqual(many);
        let everything = 0;
        const sources = new Set<string>();
        for await (const d of store.intelDocuments.all()) {
          everything++;
          sources.add(d.source);
        }
        expect(everything).toBe(await store.intelDocuments.count());
        expect([...sources].sort()).toEqual(['nvd', 'osv', 'rss', 'text']);
        let osvOrRss = 0;
        for await (const d of store.intelDocuments.all(['osv', 'rss'])) {
          expect(['osv', 'rss']).toContain(d.source);
          osvOrRss++;
        }
        expect(osvOrRss).toBe(await store.intelDocuments.count({ source: ['osv', 'rss'] }));
      });

      it('source cursors read back what was last set, per key', async () => {
        const [nvd, feed] = [uid('nvd'), uid('rss')];
        expect(await store.sourceCursors.get(nvd)).toBeUndefined();
        await store.sourceCursors.set(nvd, '2024-03-01T00:00:00.000', T0);
        await store.sourceCursors.set(feed, 'W/"etag-1"', T0);
        expect(await store.sourceCursors.get(nvd)).toBe('2024-03-01T00:00:00.000');
        await store.sourceCursors.set(nvd, '2024-04-01T00:00:00.000', T0 + HOUR);
        expect(await store.sourceCursors.get(nvd)).toBe('2024-04-01T00:00:00.000');
        expect(await store.sourceCursors.get(feed)).toBe('W/"etag-1"');
      });
    });
    describe('audit reports', () => {
      const makeReport = (overrides: Partial<AuditReportRecord> = {}): AuditReportRecord => ({
        id: uid('aud'),
        createdAt: T0,
        origin: 'upload',
        target: uid('target'),
        files: 3,
        counts: { critical: 0, high: 2, medium: 1, low: 0, info: 4 },
        body: JSON.stringify({
          version: 1,
          findings: [{ detector: 'reentrancy-eth', line: 12 }],
          note: 'é ✓',
        }),
        ...overrides,
      });
      const summaryOf = ({ body: _, ...summary }: AuditReportRecord): AuditReportSummary => summary;

      it('save then get returns the report with its body; an unknown id is undefined', async () => {
        const report = makeReport({
          origin: 'cli',
          files: 0,
          counts: { critical: 1, high: 0, medium: 0, low: 7, info: 0 },
        });
        await store.auditReports.save(report);
        expect(await store.auditReports.get(report.id)).toStrictEqual(report);
        expect(await store.auditReports.get(uid('aud'))).toBeUndefined();
      });

      it('save rejects an id already stored and keeps the first report', async () => {
        const report = makeReport();
        await store.auditReports.save(report);
        await expect(store.auditReports.save({ ...report, files: 99, body: '{}' })).rejects.toBeInstanceOf(
          ConflictError,
        );
        expect(await store.auditReports.get(report.id)).toStrictEqual(report);
      });

      it('list reads summaries newest first (ties: last saved first), by target and origin, in cursor pages', async () => {
        const target = uid('target');
        const at = [T0 + 30, T0 + 10, T0 + 20, T0 + 20, T0 + 50, T0 + 40, T0 + 5];
        const origins = ['upload', 'scan', 'cli', 'demo', 'scan', 'upload', 'scan'] as const;
        const reports = at.map((createdAt, i) => makeReport({ target, createdAt, origin: origins[i] }));
        for (const report of reports) await store.auditReports.save(report);
        await store.auditReports.save(makeReport({ createdAt: T0 + 25 }));
        const newestFirst = [4, 5, 0, 3, 2, 1, 6].map((i) => summaryOf(reports[i] as AuditReportRecord));

        expect(await store.auditReports.list({ target })).toStrictEqual({ items: newestFirst });
        expect((await store.auditReports.list({ target, origin: ['scan'] })).items).toStrictEqual(
          newestFirst.filter((r) => r.origin === 'scan'),
        );
        expect((await store.auditReports.list({ target, origin: ['cli', 'demo'] })).items).toStrictEqual(
          newestFirst.filter((r) => r.origin === 'cli' || r.origin === 'demo'),
        );
        const pages = await allPages((cursor) =>
          store.auditReports.list({ target, limit: 3, ...(cursor ? { cursor } : {}) }),
        );
        expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
        expect(pages.flat()).toStrictEqual(newestFirst);
        const twoAtATime = await allPages((cursor) =>
          store.auditReports.list({
            target,
            origin: ['scan', 'upload'],
            limit: 2,
            ...(cursor ? { cursor } : {}),
          }),
        );
        expect(twoAtATime.flat()).toStrictEqual(
          newestFirst.filter((r) => r.origin === 'scan' || r.origin === 'upload'),
        );
        expect(await store.auditReports.list({ target: uid('target') })).toStrictEqual({ items: [] });

        const everyone = (await store.auditReports.list({ limit: 500 })).items;
        const times = everyone.map((r) => r.createdAt);
        expect(times).toStrictEqual([...times].sort((a, b) => b - a));
        expect(everyone.filter((r) => r.target === target)).toStrictEqual(newestFirst);
      });

      it('a report saved late with an early time is listed once, where its time puts it', async () => {
        const target = uid('target');
        const [late, middle, early] = [T0 + 300, T0 + 200, T0 + 100].map((createdAt) =>
          makeReport({ target, createdAt }),
        ) as [AuditReportRecord, AuditReportRecord, AuditReportRecord];
        await store.auditReports.save(late);
        await store.auditReports.save(early);
        const first = await store.auditReports.list({ target, limit: 1 });
        expect(first.items).toStrictEqual([summaryOf(late)]);
        await store.auditReports.save(middle);
        const rest = await store.auditReports.list({ target, limit: 5, cursor: first.nextCursor as string });
        expect(rest).toStrictEqual({ items: [summaryOf(middle), summaryOf(early)] });
      });

      it('remove deletes one report and says whether there was one', async () => {
        const target = uid('target');
        const [kept, removed] = [makeReport({ target }), makeReport({ target, createdAt: T0 + 1 })];
        await store.auditReports.save(kept);
        await store.auditReports.save(removed);
        expect(await store.auditReports.remove(removed.id)).toBe(true);
        expect(await store.auditReports.remove(removed.id)).toBe(false);
        expect(await store.auditReports.remove(uid('aud'))).toBe(false);
        expect(await store.auditReports.get(removed.id)).toBeUndefined();
        expect(await store.auditReports.list({ target })).toStrictEqual({ items: [summaryOf(kept)] });
      });
    });
  });
}
