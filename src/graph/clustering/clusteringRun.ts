import { LinkLog } from './linkLog.js';
import { UnionFind } from './unionFind.js';

/** What the heuristics write into: the sets they join, and why they joined them. */
export interface ClusteringRun {
  readonly unions: UnionFind;
  readonly links: LinkLog;
}

export function newClusteringRun(nodeCount: number): ClusteringRun {
  return { unions: new UnionFind(nodeCount), links: new LinkLog() };
}
