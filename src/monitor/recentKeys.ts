import { FNV_OFFSET, FNV_PRIME } from './hash32.js';

/**
 * Remembers the last `capacity` event keys, to drop redeliveries (at-least-once sources, replayed
 * files) without a Map of millions of strings. Keys are kept as 64-bit fingerprints (two independent
 * 32-bit hashes) in an open-addressing table, and the oldest is forgotten first, so memory is fixed:
 * 16 bytes per remembered key plus the table. A false "seen" needs two 32-bit hashes to collide at
 * once: about 1 in 10^19 per pair of keys.
 */
export class RecentKeys {
  private readonly slots: Int32Array;
  private readonly hiA: Uint32Array;
  private readonly hiB: Uint32Array;
  /** Ring of slot indices in insertion order, so the oldest key can be found and removed. */
  private readonly order: Int32Array;
  private head = 0;
  private size = 0;
  private readonly mask: number;

  constructor(readonly capacity = 1 << 20) {
    let tableSize = 1;
    while (tableSize < capacity * 2) tableSize <<= 1;
    this.mask = tableSize - 1;
    this.slots = new Int32Array(tableSize).fill(-1);
    this.hiA = new Uint32Array(capacity);
    this.hiB = new Uint32Array(capacity);
    this.order = new Int32Array(capacity);
  }

  /**
   * The remembered fingerprints, oldest first, so a restarted monitor still drops what it processed
   * before the restart (a NATS redelivery, a replayed file).
   */
  save(): Uint8Array {
    const out = new Uint32Array(2 + 2 * this.size);
    out[0] = this.capacity;
    out[1] = this.size;
    const oldest = this.size === this.capacity ? this.head : 0;
    for (let i = 0; i < this.size; i++) {
      const entry = this.order[(oldest + i) % this.capacity] as number;
      out[2 + 2 * i] = this.hiA[entry] as number;
      out[3 + 2 * i] = this.hiB[entry] as number;
    }
    return new Uint8Array(out.buffer);
  }

  static load(bytes: Uint8Array, capacity?: number): RecentKeys {
    if (bytes.byteLength < 8 || bytes.byteLength % 8 !== 0) throw new Error('not a saved key set');
    const words = new Uint32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    const size = words[1] as number;
    if (words.length !== 2 + 2 * size) throw new Error('saved key set is truncated');
    const keys = new RecentKeys(capacity ?? (words[0] as number));
    for (let i = 0; i < size; i++) keys.insert(words[2 + 2 * i] as number, words[3 + 2 * i] as number);
    return keys;
  }

  /** True when the key was already seen (and is still remembered); otherwise remembers it. */
  seenBefore(key: string): boolean {
    // Both fingerprints in one pass over the key, so each character is read once (and the two
    // independent multiply chains can overlap). The values are fnv1a's and murmurish's exactly: saved
    // key sets hold them.
    let a = FNV_OFFSET;
    let b = MURMURISH_SEED ^ key.length;
    for (let i = 0; i < key.length; i++) {
      const c = key.charCodeAt(i);
      a = Math.imul(a ^ c, FNV_PRIME);
      b = Math.imul(b ^ c, MURMURISH_M);
      b ^= b >>> 15;
    }
    a >>>= 0;
    b = Math.imul(b ^ (b >>> 13), MURMURISH_FINAL);
    b = (b ^ (b >>> 16)) >>> 0;
    let slot = a & this.mask;
    for (;;) {
      const entry = this.slots[slot] as number;
      if (entry === -1) break;
      if (entry >= 0 && this.hiA[entry] === a && this.hiB[entry] === b) return true;
      slot = (slot + 1) & this.mask;
    }
    this.insert(a, b);
    return false;
  }

  private insert(a: number, b: number): void {
    let entry: number;
    if (this.size === this.capacity) {
      entry = this.order[this.head] as number;
      this.remove(entry);
    } else {
      entry = this.size++;
    }
    this.hiA[entry] = a;
    this.hiB[entry] = b;
    this.order[this.head] = entry;
    this.head = this.head + 1 === this.capacity ? 0 : this.head + 1;
    let slot = a & this.mask;
    while ((this.slots[slot] as number) >= 0) slot = (slot + 1) & this.mask;
    this.slots[slot] = entry;
  }

  /** Backward-shift deletion keeps probe chains intact without tombstones. */
  private remove(entry: number): void {
    let slot = (this.hiA[entry] as number) & this.mask;
    while (this.slots[slot] !== entry) slot = (slot + 1) & this.mask;
    let hole = slot;
    let next = (hole + 1) & this.mask;
    for (;;) {
      const moved = this.slots[next] as number;
      if (moved === -1) break;
      const home = (this.hiA[moved] as number) & this.mask;
      // Move it back only if its home is not cyclically between the hole and its position.
      const between = hole <= next ? home > hole && home <= next : home > hole || home <= next;
      if (!between) {
        this.slots[hole] = moved;
        hole = next;
      }
      next = (next + 1) & this.mask;
    }
    this.slots[hole] = -1;
  }
}

const MURMURISH_SEED = 0x9747b28c;
const MURMURISH_M = 0x5bd1e995;
const MURMURISH_FINAL = 0xc2b2ae35;

/** The second fingerprint; seenBefore computes it inline, this is the reference. */
export function murmurish(s: string): number {
  let h = MURMURISH_SEED ^ s.length;
  for (let i = 0; i < s.length; i++) {
    h = Math.imul(h ^ s.charCodeAt(i), MURMURISH_M);
    h ^= h >>> 15;
  }
  h = Math.imul(h ^ (h >>> 13), MURMURISH_FINAL);
  return (h ^ (h >>> 16)) >>> 0;
}
