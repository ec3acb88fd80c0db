import type { Clusters } from './unionFind.js';

export interface ClusterLabels {
  /** Labels of every cluster that has any, sorted and without repeats. */
  readonly byCluster: ReadonlyMap<number, readonly string[]>;
  /** Labels a node inherits from its cluster (its own among them); empty when none. */
  labelsOf(node: number): readonly string[];
  /** The members that inherit labels they did not carry themselves. */
  readonly inheritedBy: ReadonlyMap<number, readonly string[]>;
}

const NONE: readonly string[] = Object.freeze([]);

/**
 * Clusters inherit their members' labels: if one address of an entity is a sanctioned wallet, the
 * entity and so all its addresses carry that label. Work is proportional to the labelled nodes plus
 * one pass over the nodes of labelled clusters, not to the graph.
 */
export function labelClusters(
  clusters: Clusters,
  labelsByNode: ReadonlyMap<number, readonly string[]>,
): ClusterLabels {
  const sets = new Map<number, Set<string>>();
  for (const [node, labels] of labelsByNode) {
    if (labels.length === 0) continue;
    const cluster = clusters.clusterOf[node];
    if (cluster === undefined) throw new RangeError(`labelled node ${node} is not in the clustering`);
    let set = sets.get(cluster);
    if (!set) {
      set = new Set();
      sets.set(cluster, set);
    }
    for (const label of labels) set.add(label);
  }
  const byCluster = new Map<number, readonly string[]>();
  for (const [cluster, set] of sets) byCluster.set(cluster, Object.freeze([...set].sort()));

  const inheritedBy = new Map<number, readonly string[]>();
  if (byCluster.size > 0) {
    const { clusterOf } = clusters;
    for (let node = 0; node < clusterOf.length; node++) {
      const labels = byCluster.get(clusterOf[node] as number);
      if (!labels) continue;
      const own = labelsByNode.get(node) ?? NONE;
      const gained = labels.filter((l) => !own.includes(l));
      if (gained.length > 0) inheritedBy.set(node, gained);
    }
  }
  return {
    byCluster,
    inheritedBy,
    labelsOf: (node) => {
      const cluster = clusters.clusterOf[node];
      return cluster === undefined ? NONE : (byCluster.get(cluster) ?? NONE);
    },
  };
}
