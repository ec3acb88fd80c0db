/** Cluster id per node (0..count-1, numbered by first member) and the size of every cluster. */
export interface Clusters {
  readonly count: number;
  readonly clusterOf: Int32Array;
  readonly sizes: Int32Array;
}

/**
 * Disjoint sets over dense node ids, on typed arrays so a million-node graph costs 8 MB.
 * Path halving plus union by size keeps every operation near constant time.
 */
export class UnionFind {
  readonly size: number;
  private readonly parent: Int32Array;
  private readonly setSize: Int32Array;

  constructor(size: number) {
    if (!Number.isInteger(size) || size < 0)
      throw new RangeError(`size must be a natural number, got ${size}`);
    this.size = size;
    this.parent = new Int32Array(size);
    this.setSize = new Int32Array(size).fill(1);
    for (let i = 0; i < size; i++) this.parent[i] = i;
  }

  find(node: number): number {
    const parent = this.parent;
    if (node < 0 || node >= this.size) throw new RangeError(`node ${node} outside 0..${this.size - 1}`);
    let x = node;
    let p = parent[x] as number;
    while (p !== x) {
      const grand = parent[p] as number;
      parent[x] = grand;
      x = grand;
      p = parent[x] as number;
    }
    return x;
  }

  /** Merges the sets of a and b; false when they were already one. */
  union(a: number, b: number): boolean {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return false;
    const sizes = this.setSize;
    if ((sizes[ra] as number) < (sizes[rb] as number)) {
      const t = ra;
      ra = rb;
      rb = t;
    }
    this.parent[rb] = ra;
    sizes[ra] = (sizes[ra] as number) + (sizes[rb] as number);
    return true;
  }

  connected(a: number, b: number): boolean {
    return this.find(a) === this.find(b);
  }

  sizeOf(node: number): number {
    return this.setSize[this.find(node)] as number;
  }

  /** Renumbers the sets densely, in order of each set's lowest node, so ids are stable across runs. */
  clusters(): Clusters {
    const clusterOf = new Int32Array(this.size).fill(-1);
    const idOfRoot = new Int32Array(this.size).fill(-1);
    let count = 0;
    for (let node = 0; node < this.size; node++) {
      const root = this.find(node);
      let id = idOfRoot[root] as number;
      if (id < 0) {
        id = count++;
        idOfRoot[root] = id;
      }
      clusterOf[node] = id;
    }
    const sizes = new Int32Array(count);
    for (let node = 0; node < this.size; node++) {
      const id = clusterOf[node] as number;
      sizes[id] = (sizes[id] as number) + 1;
    }
    return { count, clusterOf, sizes };
  }
}
