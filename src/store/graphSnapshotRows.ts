import { ArgusError } from '../core/errors.js';
import type { GraphSnapshotMeta } from './types.js';

type Row = Record<string, unknown>;

/**
 * Bytes per stored chunk. One value of hundreds of MB strains both drivers (pg builds one Buffer per
 * parameter and reads bytea as hex text; SQLite caps a blob at 1e9 bytes), while 8 MiB keeps a 400 MB
 * snapshot to about 50 statements.
 */
export const GRAPH_CHUNK_BYTES = 8 * 1024 * 1024;

export const GRAPH_META_COLUMNS = 'name, revision, saved_at, bytes, nodes, edges';

/** First save inserts revision 1; later ones raise it under the row lock the upsert takes. */
export const GRAPH_META_UPSERT = `INSERT INTO graph_snapshots (${GRAPH_META_COLUMNS}) VALUES (?, 1, ?, ?, ?, ?)
  ON CONFLICT (name) DO UPDATE SET revision = graph_snapshots.revision + 1, saved_at = excluded.saved_at,
    bytes = excluded.bytes, nodes = excluded.nodes, edges = excluded.edges
  RETURNING revision`;

const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v));

export function graphMetaFromRow(row: Row): GraphSnapshotMeta {
  return {
    name: String(row.name),
    savedAt: num(row.saved_at),
    bytes: num(row.bytes),
    nodes: num(row.nodes),
    edges: num(row.edges),
    revision: num(row.revision),
  };
}

export function checkChunkBytes(chunkBytes: number): number {
  if (!Number.isSafeInteger(chunkBytes) || chunkBytes < 1) {
    throw new ArgusError(
      'CONFIG_INVALID',
      `graph snapshot chunk size ${chunkBytes} is not a positive integer`,
      {
        input: String(chunkBytes),
      },
    );
  }
  return chunkBytes;
}

/** Consecutive views into `data` of at most `chunkBytes` each, as Buffers both drivers accept, without copying. */
export function* chunksOf(data: Uint8Array, chunkBytes: number): Generator<Buffer> {
  for (let start = 0; start < data.byteLength; start += chunkBytes) {
    const length = Math.min(chunkBytes, data.byteLength - start);
    yield Buffer.from(data.buffer, data.byteOffset + start, length);
  }
}

/**
 * Copies chunks, in index order, into one array allocated up front. Chunks that do not add up to the
 * recorded size (a gap, or a tail left by an older save) mean a damaged store, never a partial result.
 */
export function snapshotAssembler(meta: GraphSnapshotMeta) {
  const data = new Uint8Array(meta.bytes);
  let offset = 0;
  let next = 0;
  const damaged = (detail: string) =>
    new ArgusError('STORE_FAILED', `graph snapshot ${meta.name} is damaged: ${detail}`, {
      input: meta.name,
      hint: 'save the snapshot again to replace it',
    });
  return {
    add(index: number, chunk: Uint8Array): void {
      if (index !== next) throw damaged(`chunk ${index} where ${next} was expected`);
      if (offset + chunk.byteLength > data.byteLength) {
        throw damaged(`chunks exceed the recorded ${meta.bytes} bytes`);
      }
      data.set(chunk, offset);
      offset += chunk.byteLength;
      next++;
    },
    finish(): Uint8Array {
      if (offset !== data.byteLength) throw damaged(`${offset} of ${meta.bytes} bytes present`);
      return data;
    },
  };
}
