import { describe, expect, it } from 'vitest';
import { UnionFind } from './unionFind.js';

describe('UnionFind', () => {
  it('joins sets transitively and reports sizes', () => {
    const uf = new UnionFind(6);
    expect(uf.union(0, 1)).toBe(true);
    expect(uf.union(2, 3)).toBe(true);
    expect(uf.union(1, 3)).toBe(true);
    expect(uf.union(0, 2)).toBe(false);
    expect(uf.connected(0, 3)).toBe(true);
    expect(uf.connected(0, 4)).toBe(false);
    expect(uf.sizeOf(2)).toBe(4);
    expect(uf.sizeOf(5)).toBe(1);
  });

  it('numbers clusters densely by lowest member', () => {
    const uf = new UnionFind(5);
    uf.union(4, 1);
    uf.union(3, 2);
    const c = uf.clusters();
    expect(c.count).toBe(3);
    expect(Array.from(c.clusterOf)).toEqual([0, 1, 2, 2, 1]);
    expect(Array.from(c.sizes)).toEqual([1, 2, 2]);
  });

  it('stays shallow on a long chain', () => {
    const n = 100_000;
    const uf = new UnionFind(n);
    for (let i = 1; i < n; i++) uf.union(i - 1, i);
    expect(uf.sizeOf(n - 1)).toBe(n);
    expect(uf.clusters().count).toBe(1);
  });

  it('rejects nodes out of range', () => {
    const uf = new UnionFind(2);
    expect(() => uf.find(2)).toThrow(RangeError);
    expect(() => new UnionFind(-1)).toThrow(RangeError);
  });
});
