import type { EntityClustering } from '../clustering/clusterEntities.js';
import type { LinkabilityIndex } from '../clustering/linkability.js';
import type { TransferGraphView } from '../transferGraphView.js';
import type { AddressCluster } from './addressView.js';

const LISTED = 25;

/** The entity cluster of one node: its size, some other members, and the links that tie it to them. */
export function addressCluster(
  graph: TransferGraphView,
  clustering: EntityClustering,
  linkability: LinkabilityIndex,
  node: number,
): AddressCluster {
  const { clusterOf, sizes } = clustering.clusters;
  const id = clusterOf[node] as number;
  const size = sizes[id] as number;
  const members: string[] = [];
  if (size > 1) {
    for (let other = 0; other < clusterOf.length && members.length < LISTED; other++) {
      if (other !== node && clusterOf[other] === id) members.push(graph.addressOf(other));
    }
  }
  const links = linkability.linkabilityOf(graph.addressOf(node)).links.slice(0, LISTED);
  return { size, members, links };
}
