import { describe, expect, it } from 'vitest';
import { labelClusters } from './labelClusters.js';
import { UnionFind } from './unionFind.js';

describe('labelClusters', () => {
  const uf = new UnionFind(6);
  uf.union(0, 1);
  uf.union(1, 2);
  uf.union(3, 4);
  const clusters = uf.clusters();
  const labels = new Map<number, string[]>([
    [0, ['ofac:sanctioned']],
    [2, ['exchange:hot', 'ofac:sanctioned']],
    [5, ['phishing']],
  ]);
  const result = labelClusters(clusters, labels);

  it('unions the labels of each cluster', () => {
    expect(result.byCluster.get(clusters.clusterOf[0] as number)).toEqual([
      'exchange:hot',
      'ofac:sanctioned',
    ]);
    expect(result.byCluster.has(clusters.clusterOf[3] as number)).toBe(false);
    expect(result.byCluster.size).toBe(2);
  });

  it('gives every member its cluster labels and names what was inherited', () => {
    expect(result.labelsOf(1)).toEqual(['exchange:hot', 'ofac:sanctioned']);
    expect(result.labelsOf(4)).toEqual([]);
    expect(result.labelsOf(5)).toEqual(['phishing']);
    expect(result.inheritedBy.get(1)).toEqual(['exchange:hot', 'ofac:sanctioned']);
    expect(result.inheritedBy.get(0)).toEqual(['exchange:hot']);
    expect(result.inheritedBy.has(2)).toBe(false);
    expect(result.inheritedBy.has(5)).toBe(false);
  });

  it('refuses labels on nodes outside the clustering', () => {
    expect(() => labelClusters(clusters, new Map([[9, ['x']]]))).toThrow(RangeError);
  });
});
