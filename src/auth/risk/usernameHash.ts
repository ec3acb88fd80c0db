/** FNV-1a over UTF-16 code units: a well-spread 32-bit hash, cheap enough for every attempt. */
export function hashUsername(userId: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < userId.length; i++) {
    h ^= userId.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
