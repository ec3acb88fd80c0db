/**
 * Keys to slot numbers in fixed-stride typed-array slabs, at most `capacity` keys, least recently
 * used key evicted (its slot then serves the new key). Per key the JS heap holds one Map entry with a
 * small-integer value and nothing else, so hundreds of thousands of tracked IPs cost the garbage
 * collector almost nothing; the data lives in the caller's typed arrays, grown by doubling up to
 * capacity × stride.
 */
export class SlotMap {
  readonly capacity: number;
  private readonly slots = new Map<string, number>();
  private next = 0;
  private evictedCount = 0;

  constructor(capacity: number) {
    if (!(Number.isInteger(capacity) && capacity >= 1)) {
      throw new RangeError(`capacity must be a whole number >= 1, got ${capacity}`);
    }
    this.capacity = capacity;
  }

  get size(): number {
    return this.slots.size;
  }

  get evicted(): number {
    return this.evictedCount;
  }

  /** Slots handed out so far (the slab must hold this many). */
  get used(): number {
    return this.next;
  }

  /** The key's slot without touching its recency, or -1. */
  peek(key: string): number {
    return this.slots.get(key) ?? -1;
  }

  /**
   * The key's slot, made most recent. A key seen for the first time gets a fresh slot, or the least
   * recently used key's slot; `fresh` is then true and the caller must clear the slot's data.
   */
  acquire(key: string): { slot: number; fresh: boolean } {
    const found = this.slots.get(key);
    if (found !== undefined) {
      this.slots.delete(key);
      this.slots.set(key, found);
      return { slot: found, fresh: false };
    }
    let slot: number;
    if (this.next < this.capacity) {
      slot = this.next++;
    } else {
      const oldest = this.slots.entries().next().value as [string, number];
      this.slots.delete(oldest[0]);
      this.evictedCount++;
      slot = oldest[1];
    }
    this.slots.set(key, slot);
    return { slot, fresh: true };
  }
}

/** A Float64Array of `slots × stride` grown by doubling as slots are used (bounded by the SlotMap). */
export class Slab {
  data: Float64Array;

  constructor(
    readonly stride: number,
    initialSlots = 256,
  ) {
    this.data = new Float64Array(stride * initialSlots);
  }

  /** Makes room for slot `slot`; returns its offset. */
  ensure(slot: number): number {
    const need = (slot + 1) * this.stride;
    if (need > this.data.length) {
      const grown = new Float64Array(Math.max(need, this.data.length * 2));
      grown.set(this.data);
      this.data = grown;
    }
    return slot * this.stride;
  }
}
