import { getAddress } from 'viem';
import { decodeSegwit } from '../../core/bech32.js';
import { type Chain, isEvmChain } from '../../core/chain.js';
import { ValidationError } from '../../core/errors.js';
import { base58CheckDecode } from './base58check.js';

export type AddressCheck = { ok: true; address: string } | { ok: false; reason: string };

const EVM_HEX = /^0x[0-9a-fA-F]{40}$/;
const BITCOIN_P2PKH = 0x00;
const BITCOIN_P2SH = 0x05;
const TRON_VERSION = 0x41;

/*
 * EVM: canonical form is lower-case hex. A mixed-case address carries an EIP-55 checksum, and a wrong one
 * means a typo or a tampered copy, so it is refused rather than lower-cased.
 */
function checkEvm(raw: string): AddressCheck {
  if (!EVM_HEX.test(raw)) return { ok: false, reason: 'is not 0x followed by 40 hex digits' };
  const lower = `0x${raw.slice(2).toLowerCase()}`;
  const digits = raw.slice(2);
  if (digits === digits.toLowerCase() || digits === digits.toUpperCase()) return { ok: true, address: lower };
  const checksummed = getAddress(lower);
  if (checksummed !== raw) {
    return { ok: false, reason: `fails its EIP-55 checksum (the checksummed form is ${checksummed})` };
  }
  return { ok: true, address: lower };
}

/** Bitcoin mainnet: base58check P2PKH (1...) and P2SH (3...), kept as written; segwit lower-cased. */
function checkBitcoin(raw: string): AddressCheck {
  if (/^bc1/i.test(raw)) {
    const segwit = decodeSegwit(raw, 'bc');
    return segwit.ok ? { ok: true, address: raw.toLowerCase() } : { ok: false, reason: segwit.reason };
  }
  const decoded = base58CheckDecode(raw);
  if (!decoded.ok) return { ok: false, reason: decoded.reason };
  if (decoded.version !== BITCOIN_P2PKH && decoded.version !== BITCOIN_P2SH) {
    return { ok: false, reason: `has version byte ${decoded.version}, not a mainnet P2PKH (0) or P2SH (5)` };
  }
  if (decoded.payload.length !== 20) return { ok: false, reason: 'does not hold a 20-byte hash' };
  return { ok: true, address: raw };
}

/** Tron: base58check with version byte 0x41, so every address starts with T. */
function checkTron(raw: string): AddressCheck {
  if (!raw.startsWith('T')) return { ok: false, reason: 'does not start with T' };
  const decoded = base58CheckDecode(raw);
  if (!decoded.ok) return { ok: false, reason: decoded.reason };
  if (decoded.version !== TRON_VERSION || decoded.payload.length !== 20) {
    return { ok: false, reason: 'is not a 0x41-prefixed 21-byte Tron address' };
  }
  return { ok: true, address: raw };
}

/** Checks an address for a chain without throwing: importers count the failures and go on. */
export function checkAddress(chain: Chain, raw: string): AddressCheck {
  const text = raw.trim();
  if (text === '') return { ok: false, reason: 'is empty' };
  if (isEvmChain(chain)) return checkEvm(text);
  return chain === 'bitcoin' ? checkBitcoin(text) : checkTron(text);
}

/** The canonical form of an address on a chain, or a ValidationError that says what is wrong. */
export function canonicalAddress(chain: Chain, raw: string): string {
  const result = checkAddress(chain, raw);
  if (result.ok) return result.address;
  throw new ValidationError(
    'INPUT_INVALID',
    `${chain} address`,
    [{ path: 'address', message: `"${raw}" ${result.reason}` }],
    hintFor(chain),
  );
}

function hintFor(chain: Chain): string {
  if (isEvmChain(chain)) {
    return 'an EVM address is 0x and 40 hex digits; copy it again, or write it all lower-case to skip the checksum';
  }
  if (chain === 'bitcoin') return 'a bitcoin mainnet address starts with 1, 3 or bc1; copy it again';
  return 'a tron address is base58 and starts with T; copy it again';
}
