import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ModelHealthCheck } from '../../store/types.js';
import { ModelHealthWriter } from './modelHealthWriter.js';

const row = (at: number): ModelHealthCheck => ({
  model: 'monitor',
  at,
  generation: 1,
  sampleSize: 100,
  psi: 0.01,
  level: 'stable',
  details: { kind: 'check' },
});

afterEach(() => {
  vi.useRealTimers();
});

describe('ModelHealthWriter', () => {
  it('never calls the sink from add(): rows wait for the delay, then go as one batch in order', async () => {
    vi.useFakeTimers();
    const batches: number[][] = [];
    const writer = new ModelHealthWriter(
      async (rows) => {
        batches.push(rows.map((r) => r.at));
      },
      { delayMs: 500 },
    );
    writer.add(row(1));
    writer.add(row(2));
    expect(batches).toEqual([]);
    await vi.advanceTimersByTimeAsync(499);
    expect(batches).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(batches).toEqual([[1, 2]]);
    writer.add(row(3));
    await writer.flush();
    expect(batches).toEqual([[1, 2], [3]]);
  });

  it('writes a full batch on the next turn of the event loop, without waiting for the delay', async () => {
    const batches: number[][] = [];
    const writer = new ModelHealthWriter(
      async (rows) => {
        batches.push(rows.map((r) => r.at));
      },
      { delayMs: 60_000, maxBatch: 3 },
    );
    for (let i = 0; i < 3; i++) writer.add(row(i));
    expect(batches).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    await writer.flush();
    expect(batches).toEqual([[0, 1, 2]]);
  });

  it('writes one batch at a time, and flush() waits for the ones before it', async () => {
    const log: string[] = [];
    let release: () => void = () => {};
    const slow = new Promise<void>((resolve) => {
      release = resolve;
    });
    const writer = new ModelHealthWriter(async (rows) => {
      log.push(`start ${rows[0]?.at}`);
      if (rows[0]?.at === 1) await slow;
      log.push(`end ${rows[0]?.at}`);
    });
    writer.add(row(1));
    const first = writer.flush();
    writer.add(row(2));
    const second = writer.flush();
    await new Promise((resolve) => setImmediate(resolve));
    expect(log).toEqual(['start 1']);
    release();
    await second;
    await first;
    expect(log).toEqual(['start 1', 'end 1', 'start 2', 'end 2']);
  });

  it('reports a failed batch and goes on with the next, whether the sink rejects or throws', async () => {
    const errors: string[] = [];
    const stored: number[] = [];
    const writer = new ModelHealthWriter(
      (rows) => {
        const at = rows[0]?.at;
        if (at === 1) return Promise.reject(new Error('disk full'));
        if (at === 2) throw new Error('closed');
        stored.push(...rows.map((r) => r.at));
        return Promise.resolve();
      },
      { onError: (error, rows) => errors.push(`${error.message} (${rows})`) },
    );
    for (const at of [1, 2, 3]) {
      writer.add(row(at));
      await writer.flush();
    }
    expect(errors).toEqual(['disk full (1)', 'closed (1)']);
    expect(stored).toEqual([3]);
  });

  it('drops the oldest rows beyond maxWaiting and counts them', async () => {
    const stored: number[] = [];
    const writer = new ModelHealthWriter(
      async (rows) => {
        stored.push(...rows.map((r) => r.at));
      },
      { maxWaiting: 3, maxBatch: 100 },
    );
    for (let i = 0; i < 5; i++) writer.add(row(i));
    await writer.flush();
    expect(stored).toEqual([2, 3, 4]);
    expect(writer.dropped).toBe(2);
  });
});
