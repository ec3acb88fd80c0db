import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AuthDecisionRecord } from '../store/types.js';
import { AuthDecisionLog } from './authDecisionLog.js';

function record(i: number): AuthDecisionRecord {
  return { id: `authd-${i}`, userId: 'u', score: 0, decision: 'allow', reasons: '[]', at: i };
}

class FlakyRepo {
  readonly batches: string[][] = [];
  failNext = 0;
  async append(records: readonly AuthDecisionRecord[]): Promise<void> {
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error('database is locked');
    }
    this.batches.push(records.map((r) => r.id));
  }
  get ids(): string[] {
    return this.batches.flat();
  }
}

afterEach(() => {
  vi.useRealTimers();
});

describe('AuthDecisionLog', () => {
  it('writes a full batch at once and the rest when the timer fires', async () => {
    vi.useFakeTimers();
    const repo = new FlakyRepo();
    const log = new AuthDecisionLog({ repo, batchSize: 3, flushMs: 500, onError: () => {} });
    for (let i = 0; i < 3; i++) log.add(record(i));
    await vi.advanceTimersByTimeAsync(0);
    expect(repo.batches).toEqual([['authd-0', 'authd-1', 'authd-2']]);
    log.add(record(3));
    expect(log.size).toBe(1);
    await vi.advanceTimersByTimeAsync(499);
    expect(repo.batches).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(repo.batches).toEqual([['authd-0', 'authd-1', 'authd-2'], ['authd-3']]);
    expect(log.written).toBe(4);
  });

  it('keeps a failed batch in order, retries with backoff and loses nothing', async () => {
    vi.useFakeTimers();
    const repo = new FlakyRepo();
    const errors: string[] = [];
    const log = new AuthDecisionLog({
      repo,
      batchSize: 2,
      flushMs: 100,
      onError: (e, during) => errors.push(`${during}: ${(e as Error).message}`),
    });
    repo.failNext = 2;
    log.add(record(0));
    log.add(record(1)); // full batch: written at once, fails
    await vi.advanceTimersByTimeAsync(0);
    expect(repo.ids).toEqual([]);
    expect(errors).toEqual(['writing 2 auth decisions (2 waiting): database is locked']);
    log.add(record(2));
    await vi.advanceTimersByTimeAsync(200); // first retry after 2 × 100 ms: fails again
    expect(errors).toHaveLength(2);
    expect(repo.ids).toEqual([]);
    await vi.advanceTimersByTimeAsync(399);
    expect(repo.ids).toEqual([]);
    await vi.advanceTimersByTimeAsync(1); // second retry after 4 × 100 ms
    expect(repo.ids).toEqual(['authd-0', 'authd-1', 'authd-2']);
    expect(repo.batches).toEqual([['authd-0', 'authd-1'], ['authd-2']]);
    expect(log.size).toBe(0);
  });

  it('writes what is waiting on close and refuses records after it', async () => {
    const repo = new FlakyRepo();
    const errors: string[] = [];
    const log = new AuthDecisionLog({
      repo,
      flushMs: 60_000,
      onError: (e) => errors.push((e as Error).message),
    });
    log.add(record(0));
    log.add(record(1));
    expect(await log.close()).toBe(0);
    expect(repo.ids).toEqual(['authd-0', 'authd-1']);
    expect(log.add(record(2))).toBe(false);
    expect(log.refused).toBe(1);
    expect(errors[0]).toMatch(/after the decision log was closed/);
  });

  it('says how many were lost when the store still fails at close', async () => {
    const repo = new FlakyRepo();
    const errors: string[] = [];
    const log = new AuthDecisionLog({ repo, onError: (e) => errors.push((e as Error).message) });
    repo.failNext = 1;
    log.add(record(0));
    expect(await log.close()).toBe(1);
    expect(errors.at(-1)).toBe('1 auth decisions could not be written before closing: they are lost');
  });

  it('refuses new records past maxPending instead of growing or dropping accepted ones', async () => {
    vi.useFakeTimers();
    const repo = new FlakyRepo();
    const errors: string[] = [];
    const log = new AuthDecisionLog({
      repo,
      batchSize: 2,
      maxPending: 3,
      flushMs: 100,
      onError: (e) => errors.push((e as Error).message),
    });
    repo.failNext = 1;
    expect([0, 1, 2, 3, 4].map((i) => log.add(record(i)))).toEqual([true, true, true, false, false]);
    await vi.advanceTimersByTimeAsync(0);
    expect(log.refused).toBe(2);
    // One message for the episode, not one per refused record.
    expect(errors.filter((m) => m.includes('waiting for the store'))).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(repo.ids).toEqual(['authd-0', 'authd-1', 'authd-2']);
    expect(log.add(record(5))).toBe(true);
  });
});
