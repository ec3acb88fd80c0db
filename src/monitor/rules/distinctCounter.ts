import { StringMap } from './stringMap.js';

/**
 * How many times each string was added and not yet removed; `size` is the number of distinct ones.
 * Backed by a StringMap, so the churn of a sliding window does not allocate.
 */
export class DistinctCounter {
  private readonly counts = new StringMap<number>(2);

  get size(): number {
    return this.counts.size;
  }

  get bytes(): number {
    return this.counts.bytes;
  }

  add(key: string): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  remove(key: string): void {
    const n = this.counts.get(key);
    if (n === undefined) return;
    if (n > 1) this.counts.set(key, n - 1);
    else this.counts.delete(key);
  }

  /** The distinct strings, sorted (allocates; for reports, not the hot path). */
  list(): string[] {
    return this.counts.keyList().sort();
  }

  clear(): void {
    this.counts.clear();
  }
}
