import { endianness } from 'node:os';
import { ArgusError } from '../../core/errors.js';
import { AccountColumns } from './accountColumns.js';
import { MAX_ACCOUNT_SLOTS, STATE_LAYOUT_VERSION } from './accountLayout.js';
import { FEATURE_COUNT, FEATURE_LAYOUT_VERSION } from './featureNames.js';

/** Everything a store needs to resume where it stopped. */
export interface StoreSnapshot {
  /** Slots 0 .. addresses.length - 1 are in use, slot i belonging to addresses[i]. */
  columns: AccountColumns;
  addresses: readonly string[];
  maxAccounts: number;
  /** Position of the CLOCK eviction hand. */
  hand: number;
  evictions: number;
}

const MAGIC = 'ARGUSAFS';
const HEADER_BYTES = 48;

function corrupt(message: string): ArgusError {
  return new ArgusError('INPUT_INVALID', `account feature snapshot ${message}`, {
    hint: 'the file is damaged or was written by another Argus version; start the monitor without it to rebuild history',
  });
}

function requireLittleEndian(): void {
  // The arrays are copied byte for byte, which is only portable between little-endian machines.
  if (endianness() !== 'LE') throw new Error('account feature snapshots need a little-endian machine');
}

const align8 = (n: number): number => (n + 7) & ~7;

/**
 * Binary layout: a 48-byte header (magic "ARGUSAFS", feature layout version, state layout version,
 * feature count, account count, max accounts, eviction hand, evictions as float64,
 * address block length), then each state array's used part padded to 8 bytes, then every address as a
 * uint16 UTF-8 byte length followed by its bytes, in slot order. All numbers little-endian.
 */
export function encodeSnapshot(snapshot: StoreSnapshot): Uint8Array {
  requireLittleEndian();
  const count = snapshot.addresses.length;
  const sections = snapshot.columns.used(count);
  const encoder = new TextEncoder();
  const encodedAddresses = snapshot.addresses.map((a) => encoder.encode(a));
  let addressBytes = 0;
  for (const a of encodedAddresses) addressBytes += 2 + a.length;
  let total = HEADER_BYTES;
  for (const s of sections) total += align8(s.byteLength);
  total += addressBytes;

  const bytes = new Uint8Array(total);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < MAGIC.length; i++) bytes[i] = MAGIC.charCodeAt(i);
  view.setUint32(8, FEATURE_LAYOUT_VERSION, true);
  view.setUint32(12, STATE_LAYOUT_VERSION, true);
  view.setUint32(16, FEATURE_COUNT, true);
  view.setUint32(20, count, true);
  view.setUint32(24, snapshot.maxAccounts, true);
  view.setUint32(28, snapshot.hand, true);
  view.setFloat64(32, snapshot.evictions, true);
  view.setUint32(40, addressBytes, true);

  let at = HEADER_BYTES;
  for (const s of sections) {
    bytes.set(new Uint8Array(s.buffer, s.byteOffset, s.byteLength), at);
    at += align8(s.byteLength);
  }
  for (const a of encodedAddresses) {
    view.setUint16(at, a.length, true);
    bytes.set(a, at + 2);
    at += 2 + a.length;
  }
  return bytes;
}

export function decodeSnapshot(bytes: Uint8Array): StoreSnapshot {
  requireLittleEndian();
  if (bytes.length < HEADER_BYTES) throw corrupt(`is ${bytes.length} bytes, shorter than its header`);
  for (let i = 0; i < MAGIC.length; i++) {
    if (bytes[i] !== MAGIC.charCodeAt(i)) throw corrupt('does not start with ARGUSAFS');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const featureVersion = view.getUint32(8, true);
  const stateVersion = view.getUint32(12, true);
  if (featureVersion !== FEATURE_LAYOUT_VERSION || stateVersion !== STATE_LAYOUT_VERSION) {
    throw corrupt(
      `has feature layout ${featureVersion} / state layout ${stateVersion}; this build reads ${FEATURE_LAYOUT_VERSION} / ${STATE_LAYOUT_VERSION}`,
    );
  }
  if (view.getUint32(16, true) !== FEATURE_COUNT) throw corrupt('has a different feature count');
  const count = view.getUint32(20, true);
  const maxAccounts = view.getUint32(24, true);
  const hand = view.getUint32(28, true);
  const evictions = view.getFloat64(32, true);
  const addressBytes = view.getUint32(40, true);
  if (maxAccounts < 2 || maxAccounts > MAX_ACCOUNT_SLOTS)
    throw corrupt(`has a bound of ${maxAccounts} accounts`);
  if (count > maxAccounts) throw corrupt(`holds ${count} accounts, above its bound of ${maxAccounts}`);
  if (hand > 0 && hand >= count) throw corrupt('has its eviction hand outside the accounts');
  if (!(evictions >= 0)) throw corrupt('has a negative eviction count');

  const columns = new AccountColumns(Math.max(count, 1));
  const sections = columns.used(count);
  let expected = HEADER_BYTES + addressBytes;
  for (const s of sections) expected += align8(s.byteLength);
  if (bytes.length !== expected) throw corrupt(`is ${bytes.length} bytes; its header implies ${expected}`);

  let at = HEADER_BYTES;
  for (const s of sections) {
    new Uint8Array(s.buffer, s.byteOffset, s.byteLength).set(bytes.subarray(at, at + s.byteLength));
    at += align8(s.byteLength);
  }
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const addresses: string[] = new Array(count);
  for (let i = 0; i < count; i++) {
    if (at + 2 > bytes.length) throw corrupt('ends inside its address list');
    const length = view.getUint16(at, true);
    if (length === 0 || at + 2 + length > bytes.length) throw corrupt(`has a bad address length at ${at}`);
    try {
      addresses[i] = decoder.decode(bytes.subarray(at + 2, at + 2 + length));
    } catch (cause) {
      throw corrupt(`has an address that is not UTF-8 at ${at}: ${String(cause)}`);
    }
    at += 2 + length;
  }
  if (at !== bytes.length) throw corrupt('has bytes after its address list');
  return { columns, addresses, maxAccounts, hand, evictions };
}
