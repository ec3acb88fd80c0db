/*
 * Segwit address decoding (BIP-173 bech32 for witness v0, BIP-350 bech32m for v1 and later),
 * written out because no bech32 library is a direct dependency of Argus. The address checks and the
 * intel entity extractor (is a bc1… word really an address?) both decode with it.
 */
const CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const BECH32_CONST = 1;
const BECH32M_CONST = 0x2bc830a3;
const GENERATOR = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];

function polymod(values: readonly number[]): number {
  let chk = 1;
  for (const v of values) {
    const top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk ^= GENERATOR[i] ?? 0;
  }
  return chk >>> 0;
}

function expandHrp(hrp: string): number[] {
  const high = [...hrp].map((c) => c.charCodeAt(0) >> 5);
  const low = [...hrp].map((c) => c.charCodeAt(0) & 31);
  return [...high, 0, ...low];
}

/** Regroups 5-bit words into bytes; undefined when the padding is not zero or too long. */
function fiveToEight(words: readonly number[]): number[] | undefined {
  let acc = 0;
  let bits = 0;
  const out: number[] = [];
  for (const w of words) {
    acc = (acc << 5) | w;
    bits += 5;
    while (bits >= 8) {
      bits -= 8;
      out.push((acc >> bits) & 0xff);
    }
  }
  if (bits >= 5 || ((acc << (8 - bits)) & 0xff) !== 0) return undefined;
  return out;
}

export type SegwitResult =
  | { ok: true; hrp: string; version: number; program: Uint8Array }
  | { ok: false; reason: string };

/** Decodes a segwit address with the expected human-readable part ('bc' for bitcoin mainnet). */
export function decodeSegwit(address: string, expectedHrp: string): SegwitResult {
  if (address.length > 90) return { ok: false, reason: 'is longer than 90 characters' };
  if (address !== address.toLowerCase() && address !== address.toUpperCase()) {
    return { ok: false, reason: 'mixes upper and lower case, which bech32 forbids' };
  }
  const text = address.toLowerCase();
  const sep = text.lastIndexOf('1');
  if (sep < 1 || sep + 7 > text.length) return { ok: false, reason: 'has no valid bech32 separator' };
  const hrp = text.slice(0, sep);
  if (hrp !== expectedHrp) return { ok: false, reason: `has prefix "${hrp}", expected "${expectedHrp}"` };
  const data: number[] = [];
  for (const c of text.slice(sep + 1)) {
    const v = CHARSET.indexOf(c);
    if (v < 0) return { ok: false, reason: `has "${c}", which is outside the bech32 alphabet` };
    data.push(v);
  }
  const version = data[0] ?? -1;
  const check = polymod([...expandHrp(hrp), ...data]);
  const expected = version === 0 ? BECH32_CONST : BECH32M_CONST;
  if (check !== expected) {
    return { ok: false, reason: `fails its ${version === 0 ? 'bech32' : 'bech32m'} checksum` };
  }
  if (version > 16) return { ok: false, reason: `has witness version ${version}, above 16` };
  const program = fiveToEight(data.slice(1, data.length - 6));
  if (program === undefined) return { ok: false, reason: 'has invalid padding' };
  if (program.length < 2 || program.length > 40) {
    return { ok: false, reason: `has a ${program.length}-byte witness program (2 to 40 allowed)` };
  }
  if (version === 0 && program.length !== 20 && program.length !== 32) {
    return { ok: false, reason: 'has a witness v0 program that is neither 20 nor 32 bytes' };
  }
  return { ok: true, hrp, version, program: Uint8Array.from(program) };
}
