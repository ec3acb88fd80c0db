import { ValidationError } from '../../core/errors.js';

/** What a transfer graph snapshot holds: addresses by node id and the edge columns by edge id. */
export interface GraphSnapshotParts {
  addresses: readonly string[];
  from: Int32Array;
  to: Int32Array;
  value: Float64Array;
  transfers: Uint32Array;
  firstTime: Float64Array;
  lastTime: Float64Array;
}

/** "ARGG" read as a little-endian u32; a snapshot from anything else is refused. */
export const GRAPH_SNAPSHOT_MAGIC = 0x47475241;
export const GRAPH_SNAPSHOT_VERSION = 1;

// magic, version, nodeCount, edgeCount, address bytes, reserved: six u32, then 8-aligned sections.
const HEADER_BYTES = 24;

/**
 * Layout (little-endian): header; per node the address length in UTF-16 units (u32); all addresses as
 * one UTF-8 blob padded to 8 bytes; then value, firstTime, lastTime (f64) and from, to, transfers (u32)
 * per edge. Columns are stored whole so save and load are a few bulk copies rather than per-edge work.
 */
export function encodeGraphSnapshot(parts: GraphSnapshotParts): Uint8Array {
  const nodes = parts.addresses.length;
  const edges = parts.from.length;
  const blob = new TextEncoder().encode(parts.addresses.join(''));
  const lengthsBytes = pad8(nodes * 4);
  const blobBytes = pad8(blob.length);
  const total = HEADER_BYTES + lengthsBytes + blobBytes + edges * (3 * 8 + 3 * 4);
  const bytes = new Uint8Array(pad8(total));
  const view = new DataView(bytes.buffer);
  view.setUint32(0, GRAPH_SNAPSHOT_MAGIC, true);
  view.setUint32(4, GRAPH_SNAPSHOT_VERSION, true);
  view.setUint32(8, nodes, true);
  view.setUint32(12, edges, true);
  view.setUint32(16, blob.length, true);
  let offset = HEADER_BYTES;
  for (let i = 0; i < nodes; i++) view.setUint32(offset + i * 4, (parts.addresses[i] as string).length, true);
  offset += lengthsBytes;
  bytes.set(blob, offset);
  offset += blobBytes;
  for (const column of [
    parts.value,
    parts.firstTime,
    parts.lastTime,
    parts.from,
    parts.to,
    parts.transfers,
  ]) {
    bytes.set(littleEndianBytes(column), offset);
    offset += column.byteLength;
  }
  return bytes;
}

export function decodeGraphSnapshot(bytes: Uint8Array): GraphSnapshotParts {
  if (bytes.length < HEADER_BYTES)
    refuse('header', `only ${bytes.length} bytes, a header needs ${HEADER_BYTES}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== GRAPH_SNAPSHOT_MAGIC) refuse('magic', 'not a transfer graph snapshot');
  const version = view.getUint32(4, true);
  if (version !== GRAPH_SNAPSHOT_VERSION) {
    refuse('version', `version ${version}, this build reads version ${GRAPH_SNAPSHOT_VERSION}`);
  }
  const nodes = view.getUint32(8, true);
  const edges = view.getUint32(12, true);
  const blobLength = view.getUint32(16, true);
  const lengthsBytes = pad8(nodes * 4);
  const needed = HEADER_BYTES + lengthsBytes + pad8(blobLength) + edges * (3 * 8 + 3 * 4);
  if (bytes.length < needed) refuse('length', `${bytes.length} bytes, the header promises ${needed}`);

  let offset = HEADER_BYTES;
  const text = new TextDecoder('utf-8', { fatal: true }).decode(
    bytes.subarray(offset + lengthsBytes, offset + lengthsBytes + blobLength),
  );
  const addresses: string[] = new Array(nodes);
  let at = 0;
  for (let i = 0; i < nodes; i++) {
    const length = view.getUint32(offset + i * 4, true);
    addresses[i] = text.slice(at, at + length);
    at += length;
  }
  if (at !== text.length) refuse('addresses', 'address lengths do not match the address text');
  offset += lengthsBytes + pad8(blobLength);

  const take = <T>(Ctor: new (buffer: ArrayBuffer) => T, width: number): T => {
    const column = new Ctor(copyLittleEndian(bytes, offset, edges, width));
    offset += edges * width;
    return column;
  };
  const value = take(Float64Array, 8);
  const firstTime = take(Float64Array, 8);
  const lastTime = take(Float64Array, 8);
  const from = take(Int32Array, 4);
  const to = take(Int32Array, 4);
  const transfers = take(Uint32Array, 4);
  return { addresses, from, to, value, transfers, firstTime, lastTime };
}

function refuse(path: string, message: string): never {
  throw new ValidationError('INPUT_INVALID', 'transfer graph snapshot', [{ path, message }], 'save it again');
}

function pad8(n: number): number {
  return Math.ceil(n / 8) * 8;
}

const hostIsLittleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function littleEndianBytes(column: Int32Array | Uint32Array | Float64Array): Uint8Array {
  const raw = new Uint8Array(column.buffer, column.byteOffset, column.byteLength);
  return hostIsLittleEndian ? raw : swapped(raw, column.BYTES_PER_ELEMENT);
}

/** A fresh, aligned buffer holding count elements of width bytes from offset, in host byte order. */
function copyLittleEndian(bytes: Uint8Array, offset: number, count: number, width: number): ArrayBuffer {
  const copy = bytes.slice(offset, offset + count * width);
  return (hostIsLittleEndian ? copy : swapped(copy, width)).buffer as ArrayBuffer;
}

function swapped(raw: Uint8Array, width: number): Uint8Array {
  const out = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i += width) {
    for (let j = 0; j < width; j++) out[i + j] = raw[i + width - 1 - j] as number;
  }
  return out;
}
