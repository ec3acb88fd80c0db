import { createHash } from 'node:crypto';

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const DIGIT = new Map([...ALPHABET].map((c, i) => [c, i]));

function sha256(bytes: Uint8Array): Uint8Array {
  return createHash('sha256').update(bytes).digest();
}

/** Base58 text to bytes, or undefined when a character is outside the alphabet. */
export function base58Decode(text: string): Uint8Array | undefined {
  let value = 0n;
  for (const c of text) {
    const digit = DIGIT.get(c);
    if (digit === undefined) return undefined;
    value = value * 58n + BigInt(digit);
  }
  const body: number[] = [];
  while (value > 0n) {
    body.push(Number(value & 0xffn));
    value >>= 8n;
  }
  // Each leading '1' stands for a leading zero byte, which the number above cannot carry.
  let zeros = 0;
  while (zeros < text.length && text[zeros] === '1') zeros++;
  return Uint8Array.from([...new Array<number>(zeros).fill(0), ...body.reverse()]);
}

export type Base58CheckResult =
  | { ok: true; version: number; payload: Uint8Array }
  | { ok: false; reason: string };

/** Decodes base58check: a version byte, the payload, and 4 bytes of double SHA-256 checksum. */
export function base58CheckDecode(text: string): Base58CheckResult {
  const bytes = base58Decode(text);
  if (bytes === undefined) return { ok: false, reason: 'has a character outside the base58 alphabet' };
  if (bytes.length < 5) return { ok: false, reason: 'is too short for base58check' };
  const body = bytes.subarray(0, bytes.length - 4);
  const check = sha256(sha256(body));
  for (let i = 0; i < 4; i++) {
    if (check[i] !== bytes[body.length + i]) return { ok: false, reason: 'fails its base58check checksum' };
  }
  return { ok: true, version: body[0] ?? 0, payload: body.subarray(1) };
}
