/**
 * Finds the edge of a (from, to) node pair in O(1) without string keys: open addressing with linear
 * probing over one Int32Array of edge ids. The pair itself is not stored here; the graph's edgeFrom and
 * edgeTo arrays are, so a slot costs 4 bytes. Kept at most half full so probes stay short.
 */
export class EdgePairIndex {
  private slots: Int32Array;
  private mask: number;
  private used = 0;

  constructor(
    private readonly edgeFrom: (edge: number) => number,
    private readonly edgeTo: (edge: number) => number,
    expectedEdges = 1024,
  ) {
    let capacity = 16;
    while (capacity < expectedEdges * 2) capacity *= 2;
    this.slots = new Int32Array(capacity).fill(-1);
    this.mask = capacity - 1;
  }

  /** The edge from -> to, or -1. */
  find(from: number, to: number): number {
    const slots = this.slots;
    let slot = pairHash(from, to) & this.mask;
    for (;;) {
      const edge = slots[slot] as number;
      if (edge < 0) return -1;
      if (this.edgeFrom(edge) === from && this.edgeTo(edge) === to) return edge;
      slot = (slot + 1) & this.mask;
    }
  }

  /**
   * The edge already recorded for from -> to, or, when there is none, records newEdge for the pair
   * and returns -1: one probe sequence for both the lookup and the insert. newEdge's endpoints need not
   * be written to the graph's arrays yet.
   */
  findOrInsert(from: number, to: number, newEdge: number): number {
    if ((this.used + 1) * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    const slots = this.slots;
    let slot = pairHash(from, to) & this.mask;
    for (;;) {
      const edge = slots[slot] as number;
      if (edge < 0) break;
      if (this.edgeFrom(edge) === from && this.edgeTo(edge) === to) return edge;
      slot = (slot + 1) & this.mask;
    }
    slots[slot] = newEdge;
    this.used++;
    return -1;
  }

  private place(from: number, to: number, edge: number): void {
    const slots = this.slots;
    let slot = pairHash(from, to) & this.mask;
    while ((slots[slot] as number) >= 0) slot = (slot + 1) & this.mask;
    slots[slot] = edge;
  }

  private rehash(capacity: number): void {
    const old = this.slots;
    this.slots = new Int32Array(capacity).fill(-1);
    this.mask = capacity - 1;
    for (let i = 0; i < old.length; i++) {
      const edge = old[i] as number;
      if (edge >= 0) this.place(this.edgeFrom(edge), this.edgeTo(edge), edge);
    }
  }
}

/** Mixes both ids so that consecutive ids (how nodes are numbered) spread across the table. */
function pairHash(from: number, to: number): number {
  let h = Math.imul(from, 0x9e3779b1) ^ Math.imul(to + 0x7f4a7c15, 0x85ebca6b);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 13;
  return h >>> 0;
}
