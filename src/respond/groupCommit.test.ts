import { describe, expect, it } from 'vitest';
import { GroupCommit } from './groupCommit.js';

describe('GroupCommit', () => {
  it('writes units submitted in one turn as one batch and answers each after the write', async () => {
    const batches: number[][] = [];
    const commit = new GroupCommit<number, string>(async (units) => {
      batches.push([...units]);
      return `batch of ${units.length}`;
    });
    const results = await Promise.all([1, 2, 3].map((n) => commit.submit(n)));
    expect(batches).toEqual([[1, 2, 3]]);
    expect(results).toEqual(['batch of 3', 'batch of 3', 'batch of 3']);
    await commit.submit(4);
    expect(batches).toEqual([[1, 2, 3], [4]]);
  });

  it('caps the batch size', async () => {
    const sizes: number[] = [];
    const commit = new GroupCommit<number, void>(async (units) => {
      sizes.push(units.length);
    }, 4);
    await Promise.all(Array.from({ length: 10 }, (_, i) => commit.submit(i)));
    expect(sizes).toEqual([4, 4, 2]);
  });

  it('when a batch fails, retries its units one by one so only the bad one fails', async () => {
    const written: number[] = [];
    const commit = new GroupCommit<number, void>(async (units) => {
      if (units.includes(13)) throw new Error('unlucky');
      written.push(...units);
    });
    const outcomes = await Promise.allSettled([12, 13, 14].map((n) => commit.submit(n)));
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason.message).toBe('unlucky');
    expect(written).toEqual([12, 14]);
  });
});
