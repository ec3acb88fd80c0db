/**
 * The dependency chain behind each lockfile entry, found breadth-first from the project's own
 * manifests so each package gets its shortest chain ("why is this installed?").
 */
export interface LockGraph {
  /** Entry ids the project (or one of its workspaces) depends on directly. */
  roots: Iterable<string>;
  /** Entry ids an entry depends on; ids that are not in the lockfile are ignored by the caller. */
  edges(id: string): Iterable<string>;
  /** The package name shown in a chain. */
  name(id: string): string;
}

/** For each reachable entry, the names from a direct dependency down to its parent ([] when direct). */
export function dependencyChains(graph: LockGraph): Map<string, string[]> {
  const chains = new Map<string, string[]>();
  const queue: string[] = [];
  for (const root of graph.roots) {
    if (chains.has(root)) continue;
    chains.set(root, []);
    queue.push(root);
  }
  // An index instead of shift() keeps this linear on lockfiles with thousands of entries.
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i] as string;
    const chain = chains.get(id) as string[];
    const via = [...chain, graph.name(id)];
    for (const child of graph.edges(id)) {
      if (chains.has(child)) continue;
      chains.set(child, via);
      queue.push(child);
    }
  }
  return chains;
}
