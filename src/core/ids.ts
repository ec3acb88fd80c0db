import { randomBytes } from 'node:crypto';

/**
 * Time-ordered ids (48-bit ms timestamp then 80 random bits, base32 like ULID),
 * so that ids sort by creation and pages are stable.
 */
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const RANDOM_BYTES = 10;
/** One randomBytes call per 409 ids: the syscall, not the encoding, dominated id creation. */
const POOL_SIZE = RANDOM_BYTES * 409;
let pool = randomBytes(POOL_SIZE);
let offset = 0;

function nextRandom(): Buffer {
  if (offset + RANDOM_BYTES > POOL_SIZE) {
    pool = randomBytes(POOL_SIZE);
    offset = 0;
  }
  const bytes = pool.subarray(offset, offset + RANDOM_BYTES);
  offset += RANDOM_BYTES;
  return bytes;
}

export function newId(prefix: string, now = Date.now()): string {
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const bytes = nextRandom();
  let rand = '';
  for (let i = 0; i < 16; i++) {
    const bit = i * 5;
    const byte = bit >> 3;
    const value = (((bytes[byte] ?? 0) << 8) | (bytes[byte + 1] ?? 0)) >> (11 - (bit & 7));
    rand += ALPHABET[value & 31];
  }
  return `${prefix}_${time}${rand}`;
}
