import { describe, expect, it } from 'vitest';
import { ConflictError } from '../../core/errors.js';
import { emptyProfile, serializeProfile, touchSeen } from './authProfile.js';
import { InMemoryAuthProfiles } from './inMemoryAuthStore.js';
import { ProfileCache } from './profileCache.js';

describe('ProfileCache', () => {
  it('parses once and serves hits from memory, absent users included', async () => {
    const repo = new InMemoryAuthProfiles();
    const p = emptyProfile();
    touchSeen(p.ips, '10.0.0.1', 1, 50);
    await repo.put('alice', serializeProfile(p), 1);
    const cache = new ProfileCache(repo, 10);
    const first = await cache.get('alice');
    expect(first.revision).toBe(1);
    expect(first.profile?.ips.has('10.0.0.1')).toBe(true);
    expect(await cache.get('alice')).toBe(first);
    expect((await cache.get('nobody')).profile).toBeUndefined();
    await cache.get('nobody');
    expect(repo.gets).toBe(2);
    expect(cache.stats()).toMatchObject({ hits: 2, misses: 2, size: 2 });
  });

  it('stays within its capacity', async () => {
    const cache = new ProfileCache(new InMemoryAuthProfiles(), 3);
    for (let i = 0; i < 100; i++) await cache.get(`u${i}`);
    expect(cache.stats()).toMatchObject({ size: 3, evictions: 97 });
  });

  it('writes with the revision it read, and retries a conflict once on a fresh read', async () => {
    const repo = new InMemoryAuthProfiles();
    const cache = new ProfileCache(repo, 10);
    await cache.update('alice', 1, (p) => touchSeen(p.ips, '10.0.0.1', 1, 50));
    expect(repo.revisionOf('alice')).toBe(1);
    // Another process writes behind the cache's back.
    const other = emptyProfile();
    touchSeen(other.ips, '10.0.0.2', 2, 50);
    await repo.put('alice', serializeProfile(other), 2, 1);
    let runs = 0;
    const updated = await cache.update('alice', 3, (p) => {
      runs++;
      touchSeen(p.ips, '10.0.0.3', 3, 50);
    });
    expect(runs).toBe(2);
    expect([...updated.ips.keys()]).toEqual(['10.0.0.2', '10.0.0.3']);
    expect(repo.revisionOf('alice')).toBe(3);
    expect(cache.stats().conflicts).toBe(1);
  });

  it('gives up after a second conflict and does not serve the unwritten change', async () => {
    const repo = new InMemoryAuthProfiles();
    const cache = new ProfileCache(repo, 10);
    await cache.update('alice', 1, (p) => touchSeen(p.ips, '10.0.0.1', 1, 50));
    const racing = {
      ...repo,
      get: (id: string) => repo.get(id),
      count: () => repo.count(),
      put: async () => {
        throw new ConflictError('always behind');
      },
    };
    const unlucky = new ProfileCache(racing, 10);
    await expect(unlucky.update('alice', 2, (p) => touchSeen(p.ips, '10.9.9.9', 2, 50))).rejects.toThrow(
      'always behind',
    );
    expect((await unlucky.get('alice')).profile?.ips.has('10.9.9.9')).toBe(false);
  });

  it('reports an unreadable profile and replaces it on the next write', async () => {
    const repo = new InMemoryAuthProfiles();
    await repo.put('alice', '{"format":"something else"}', 1);
    const cache = new ProfileCache(repo, 10);
    const entry = await cache.get('alice');
    expect(entry.profile).toBeUndefined();
    expect(entry.unreadable).toMatch(/stored auth profile is invalid/);
    await cache.update('alice', 2, (p) => touchSeen(p.ips, '10.0.0.1', 2, 50));
    expect((await cache.get('alice')).profile?.ips.size).toBe(1);
    expect(repo.revisionOf('alice')).toBe(2);
  });
});

describe('ProfileCache concurrency', () => {
  it('serialises concurrent updates of one user in this process: none is lost', async () => {
    const repo = new InMemoryAuthProfiles();
    const cache = new ProfileCache(repo, 10);
    await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        cache.update('alice', i, (p) => touchSeen(p.ips, `10.0.0.${i}`, i, 50)),
      ),
    );
    expect((await cache.get('alice')).profile?.ips.size).toBe(5);
    expect(repo.revisionOf('alice')).toBe(5);
    expect(cache.stats().conflicts).toBe(0);
  });
});
