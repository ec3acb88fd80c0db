/**
 * A Map that holds at most `capacity` entries and forgets the least recently used one to make room,
 * so a flood of distinct keys (a botnet's IPs, a spray of usernames) costs bounded memory. "Used"
 * means read with get() or written with set(); has() and peek() do not refresh an entry.
 */
export class CappedMap<K, V> {
  readonly capacity: number;
  private readonly map = new Map<K, V>();
  private evictedCount = 0;

  constructor(capacity: number) {
    if (!(Number.isInteger(capacity) && capacity >= 1)) {
      throw new RangeError(`capacity must be a whole number >= 1, got ${capacity}`);
    }
    this.capacity = capacity;
  }

  get size(): number {
    return this.map.size;
  }

  /** Entries forgotten to make room since creation. */
  get evicted(): number {
    return this.evictedCount;
  }

  get(key: K): V | undefined {
    const value = this.map.get(key);
    if (value === undefined) return undefined;
    // Re-inserting moves the key to the end of Map's insertion order, which is the recency order.
    this.map.delete(key);
    this.map.set(key, value);
    return value;
  }

  peek(key: K): V | undefined {
    return this.map.get(key);
  }

  has(key: K): boolean {
    return this.map.has(key);
  }

  set(key: K, value: V): this {
    if (this.map.has(key)) this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.capacity) {
      const oldest = this.map.keys().next();
      if (!oldest.done) {
        this.map.delete(oldest.value);
        this.evictedCount++;
      }
    }
    return this;
  }

  /** The value for key, created by make() (and possibly evicting another entry) when absent. */
  getOrCreate(key: K, make: () => V): V {
    const found = this.get(key);
    if (found !== undefined) return found;
    const value = make();
    this.set(key, value);
    return value;
  }

  delete(key: K): boolean {
    return this.map.delete(key);
  }

  clear(): void {
    this.map.clear();
  }
}
