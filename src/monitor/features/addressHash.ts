/**
 * A well-mixed 32-bit hash of an address string (FNV-1a over UTF-16 code units, then the murmur3
 * finaliser). Computed once when an account gets a slot, then kept: the distinct-count sketch needs
 * uniform bits even for short, similar test names such as "acct1", "acct2", which FNV alone lacks.
 */
export function hashAddress(address: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < address.length; i++) {
    h ^= address.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
