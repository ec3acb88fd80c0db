import { fnv1a, mix32 } from '../hash32.js';

/**
 * A well-mixed 32-bit hash of an address string (FNV-1a over UTF-16 code units, then the murmur3
 * finaliser). Computed once when an account gets a slot, then kept: the distinct-count sketch needs
 * uniform bits even for short, similar test names such as "acct1", "acct2", which FNV alone lacks.
 */
export function hashAddress(address: string): number {
  return mix32(fnv1a(address));
}
