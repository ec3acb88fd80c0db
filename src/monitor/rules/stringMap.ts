const EMPTY = -1;

/** FNV-1a over UTF-16 code units, as a non-negative int. */
export function stringHash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h & 0x7fffffff;
}

/**
 * A string-keyed map for keys that come and go all the time (a sliding window's accounts). A JS Map
 * under such churn leaves deleted entries behind and reallocates its table every few thousand
 * operations; this one probes linearly and closes the gap on delete (backward shift), so it only
 * allocates when it grows past its largest size so far. It never shrinks.
 */
export class StringMap<T> {
  private keys: (string | undefined)[];
  private values: (T | undefined)[];
  private hashes: Int32Array;
  private mask: number;
  private count = 0;

  constructor(initialCapacity = 16) {
    let capacity = 8;
    while (capacity < initialCapacity * 2) capacity *= 2;
    this.keys = new Array<string | undefined>(capacity).fill(undefined);
    this.values = new Array<T | undefined>(capacity).fill(undefined);
    this.hashes = new Int32Array(capacity).fill(EMPTY);
    this.mask = capacity - 1;
  }

  get size(): number {
    return this.count;
  }

  /** Bytes of the table (key and value references, hashes); the key strings are not counted. */
  get bytes(): number {
    return (this.mask + 1) * (8 + 8 + 4);
  }

  get(key: string): T | undefined {
    const i = this.find(key, stringHash(key));
    return i < 0 ? undefined : this.values[i];
  }

  set(key: string, value: T): void {
    const hash = stringHash(key);
    let i = hash & this.mask;
    while (this.hashes[i] !== EMPTY) {
      if (this.hashes[i] === hash && this.keys[i] === key) {
        this.values[i] = value;
        return;
      }
      i = (i + 1) & this.mask;
    }
    this.keys[i] = key;
    this.values[i] = value;
    this.hashes[i] = hash;
    this.count += 1;
    if (this.count * 2 > this.mask + 1) this.grow();
  }

  delete(key: string): boolean {
    let i = this.find(key, stringHash(key));
    if (i < 0) return false;
    this.count -= 1;
    // Backward-shift deletion: pull later entries of the probe run into the gap, so no tombstones.
    let j = i;
    for (;;) {
      j = (j + 1) & this.mask;
      const h = this.hashes[j] as number;
      if (h === EMPTY) break;
      const home = h & this.mask;
      // Move j into the gap at i unless its home lies cyclically in (i, j].
      const stays = i <= j ? i < home && home <= j : i < home || home <= j;
      if (stays) continue;
      this.keys[i] = this.keys[j];
      this.values[i] = this.values[j];
      this.hashes[i] = h;
      i = j;
    }
    this.keys[i] = undefined;
    this.values[i] = undefined;
    this.hashes[i] = EMPTY;
    return true;
  }

  clear(): void {
    if (this.count === 0) return;
    this.keys.fill(undefined);
    this.values.fill(undefined);
    this.hashes.fill(EMPTY);
    this.count = 0;
  }

  /** The keys, in table order (allocates; for reports, not the hot path). */
  keyList(): string[] {
    const out: string[] = [];
    for (let i = 0; i <= this.mask; i++) if (this.hashes[i] !== EMPTY) out.push(this.keys[i] as string);
    return out;
  }

  /** Visits every entry (for occasional sweeps). */
  forEach(visit: (value: T, key: string) => void): void {
    for (let i = 0; i <= this.mask; i++) {
      if (this.hashes[i] !== EMPTY) visit(this.values[i] as T, this.keys[i] as string);
    }
  }

  private find(key: string, hash: number): number {
    let i = hash & this.mask;
    for (;;) {
      const h = this.hashes[i];
      if (h === EMPTY) return -1;
      if (h === hash && this.keys[i] === key) return i;
      i = (i + 1) & this.mask;
    }
  }

  private grow(): void {
    const keys = this.keys;
    const values = this.values;
    const hashes = this.hashes;
    const capacity = (this.mask + 1) * 2;
    this.keys = new Array<string | undefined>(capacity).fill(undefined);
    this.values = new Array<T | undefined>(capacity).fill(undefined);
    this.hashes = new Int32Array(capacity).fill(EMPTY);
    this.mask = capacity - 1;
    for (let k = 0; k < hashes.length; k++) {
      const h = hashes[k] as number;
      if (h === EMPTY) continue;
      let i = h & this.mask;
      while (this.hashes[i] !== EMPTY) i = (i + 1) & this.mask;
      this.keys[i] = keys[k];
      this.values[i] = values[k];
      this.hashes[i] = h;
    }
  }
}
