/**
 * Stateless hashing for simulated identifiers. Addresses and transaction hashes are derived from
 * (seed, domain, a, b) rather than drawn from a running generator, so an identifier never depends on
 * how many random numbers were consumed before it, and two domains never hand out the same one.
 */

import { mix32 } from '../hash32.js';

const HEX_BYTES: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const HEX_CODES = Uint8Array.from('0123456789abcdef', (c) => c.charCodeAt(0));

/**
 * One 32-bit word of the identifier (seed, domain, a, b). Each word index starts its own chain, so a
 * 32-bit collision in one word is independent of the others.
 */
export function hashWord(seed: number, domain: number, a: number, b: number, word: number): number {
  let h = mix32(seed ^ Math.imul(word + 1, 0x27d4eb2d));
  h = mix32(h ^ Math.imul(domain + 1, 0x9e3779b1));
  h = mix32(h ^ a);
  return mix32(h ^ Math.imul(b + 1, 0x165667b1));
}

function hexWord(w: number): string {
  return (
    (HEX_BYTES[w >>> 24] as string) +
    (HEX_BYTES[(w >>> 16) & 255] as string) +
    (HEX_BYTES[(w >>> 8) & 255] as string) +
    (HEX_BYTES[w & 255] as string)
  );
}

// One buffer for all hex strings: decoding it gives a flat string in one allocation, where `+=`
// would leave a tree of rope pieces for the collector to walk.
const scratch = Buffer.alloc(2 + 64, '0x');

function writeWord(offset: number, word: number): void {
  let w = word;
  for (let j = 7; j >= 0; j--) {
    scratch[offset + j] = HEX_CODES[w & 15] as number;
    w >>>= 4;
  }
}

/**
 * "0x" + 8·words lowercase hex digits. The first two words are independent hash chains (64 bits of
 * uniqueness, collisions ~n²/2^65); the rest are cheap mixes of those two.
 */
export function hashHex(seed: number, domain: number, a: number, b: number, words: number): string {
  const w0 = hashWord(seed, domain, a, b, 0);
  const w1 = hashWord(seed, domain, a, b, 1);
  writeWord(2, w0);
  writeWord(10, w1);
  for (let i = 2; i < words; i++) writeWord(2 + 8 * i, mix32(w0 ^ Math.imul(w1 + i, 0x9e3779b1)));
  return scratch.toString('latin1', 0, 2 + 8 * words);
}

/** A 20-byte account address, 0x + 40 hex. */
export function hashAddress(seed: number, domain: number, a: number, b: number): string {
  return hashHex(seed, domain, a, b, 5);
}

/**
 * Transaction hashes at the rate events are generated. The last 16 hex digits are a bijection of
 * (day, sequence), so hashes are unique by construction, not by luck; the first 48 come from a pool of
 * random prefixes, because building 64 fresh digits per event would cost more than the rest of it.
 */
export class TxHashes {
  private readonly prefixes: string[];
  private readonly salt0: number;
  private readonly salt1: number;

  constructor(seed: number) {
    this.prefixes = Array.from({ length: 4096 }, (_, i) => hashHex(seed, DOMAIN.txPrefix, i, 0, 6));
    this.salt0 = mix32(seed ^ 0x7a3b);
    this.salt1 = mix32(seed ^ 0x1d55);
  }

  /** `day` may be any 32-bit value; the simulator gives injected incidents a day no stream reaches. */
  of(day: number, sequence: number): string {
    const w0 = mix32(Math.imul(day, 0x9e3779b1) ^ this.salt0);
    const w1 = mix32(sequence ^ mix32((w0 + this.salt1) >>> 0));
    // (w0, w1) is a bijection of (day, sequence); so is (w0 ^ f(w1), w1), which hides the shared day.
    const shown = (w0 ^ mix32(w1 ^ this.salt1)) >>> 0;
    return (this.prefixes[(w1 ^ shown) & 4095] as string) + hexWord(shown) + hexWord(w1);
  }
}

/** Identifier domains; each owns its own space of (a, b). */
export const DOMAIN = {
  customer: 1,
  habitualRecipient: 2,
  fundingSource: 3,
  knownContract: 4,
  exchangeWallet: 5,
  freshBackground: 6,
  freshInjected: 7,
  txPrefix: 8,
  daySchedule: 10,
  dayDetails: 11,
} as const;

/** The "days" of injected transfers and of the quiet accounts' last activity before the stream. */
export const INJECTED_TX_DAY = 0x7fff_ffff;
export const PREHISTORY_DAY = 0x7fff_fffe;
