import { describe, expect, it } from 'vitest';
import { ConflictError } from '../../core/errors.js';
import { InMemoryAuthProfiles } from './inMemoryAuthStore.js';

describe('InMemoryAuthProfiles', () => {
  it('stores, rewrites in place or moves, and enforces revisions', async () => {
    const repo = new InMemoryAuthProfiles();
    expect(await repo.get('a')).toBeUndefined();
    await repo.put('a', 'x'.repeat(100), 1, 0);
    await repo.put('b', 'é'.repeat(10), 2);
    expect(await repo.get('b')).toEqual({ userId: 'b', data: 'é'.repeat(10), revision: 1, updatedAt: 2 });
    await repo.put('a', 'y'.repeat(110), 3, 1); // fits the slack
    await repo.put('a', 'z'.repeat(5000), 4, 2); // moves
    expect(await repo.get('a')).toEqual({ userId: 'a', data: 'z'.repeat(5000), revision: 3, updatedAt: 4 });
    expect((await repo.get('b'))?.data).toBe('é'.repeat(10));
    await expect(repo.put('a', '{}', 5, 2)).rejects.toBeInstanceOf(ConflictError);
    await expect(repo.put('c', '{}', 5, 1)).rejects.toBeInstanceOf(ConflictError);
    expect(await repo.count()).toBe(2);
    expect(repo.revisionOf('a')).toBe(3);
    for (let i = 0; i < 3000; i++) await repo.put(`u${i}`, `{"n":${i}}`, i);
    expect((await repo.get('u2999'))?.data).toBe('{"n":2999}');
  });
});
