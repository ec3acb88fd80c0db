/**
 * BIP-173 / BIP-350 checksum verification, so that the entity extractor only reports a `bc1…` string
 * as a Bitcoin address when it is one (a random word that happens to start with bc1 is not).
 */
const CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const BECH32 = 1;
const BECH32M = 0x2bc830a3;
const GENERATORS = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];

function polymod(values: readonly number[]): number {
  let checksum = 1;
  for (const value of values) {
    const top = checksum >>> 25;
    checksum = ((checksum & 0x1ffffff) << 5) ^ value;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) checksum ^= GENERATORS[i] as number;
  }
  return checksum >>> 0;
}

/**
 * True when `address` is a well-formed bech32 (witness v0) or bech32m (v1+) string with human-readable
 * part `hrp` and a valid checksum. Mixed case is refused, as BIP-173 requires.
 */
export function isValidBech32Address(address: string, hrp = 'bc'): boolean {
  if (address.length < 14 || address.length > 90) return false;
  if (address !== address.toLowerCase() && address !== address.toUpperCase()) return false;
  const lower = address.toLowerCase();
  const separator = lower.lastIndexOf('1');
  if (lower.slice(0, separator) !== hrp) return false;
  const data: number[] = [];
  for (const c of lower.slice(separator + 1)) {
    const v = CHARSET.indexOf(c);
    if (v < 0) return false;
    data.push(v);
  }
  if (data.length < 7) return false;
  const expanded = [...hrp].map((c) => c.charCodeAt(0) >> 5);
  expanded.push(0, ...[...hrp].map((c) => c.charCodeAt(0) & 31));
  const check = polymod([...expanded, ...data]);
  const version = data[0] as number;
  if (version > 16) return false;
  return version === 0 ? check === BECH32 : check === BECH32M;
}
