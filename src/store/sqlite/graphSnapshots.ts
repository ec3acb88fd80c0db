import type { Database } from 'better-sqlite3';
import {
  checkChunkBytes,
  chunksOf,
  GRAPH_CHUNK_BYTES,
  GRAPH_META_COLUMNS,
  GRAPH_META_UPSERT,
  graphMetaFromRow,
  snapshotAssembler,
} from '../graphSnapshotRows.js';
import type { GraphSnapshotMeta, GraphSnapshotRepository } from '../types.js';

type Row = Record<string, unknown>;

export function sqliteGraphSnapshots(db: Database, chunkBytes = GRAPH_CHUNK_BYTES): GraphSnapshotRepository {
  checkChunkBytes(chunkBytes);
  const upsertMeta = db.prepare(GRAPH_META_UPSERT);
  const dropChunks = db.prepare('DELETE FROM graph_snapshot_chunks WHERE name = ?');
  const insertChunk = db.prepare('INSERT INTO graph_snapshot_chunks (name, chunk, data) VALUES (?, ?, ?)');
  const info = db.prepare(`SELECT ${GRAPH_META_COLUMNS} FROM graph_snapshots WHERE name = ?`);
  const chunks = db.prepare('SELECT chunk, data FROM graph_snapshot_chunks WHERE name = ? ORDER BY chunk');
  const list = db.prepare(`SELECT ${GRAPH_META_COLUMNS} FROM graph_snapshots ORDER BY name`);

  const save = db.transaction((s: Parameters<GraphSnapshotRepository['save']>[0]): GraphSnapshotMeta => {
    const bytes = s.data.byteLength;
    const { revision } = upsertMeta.get(s.name, s.at, bytes, s.nodes, s.edges) as { revision: number };
    dropChunks.run(s.name);
    let index = 0;
    for (const chunk of chunksOf(s.data, chunkBytes)) insertChunk.run(s.name, index++, chunk);
    return { name: s.name, savedAt: s.at, bytes, nodes: s.nodes, edges: s.edges, revision };
  });

  // One read transaction, so the metadata and the chunks come from the same commit. iterate() hands over
  // one chunk at a time: all() would hold every chunk alongside the assembled copy.
  const load = db.transaction((name: string) => {
    const row = info.get(name) as Row | undefined;
    if (!row) return undefined;
    const meta = graphMetaFromRow(row);
    const assembler = snapshotAssembler(meta);
    for (const chunk of chunks.iterate(name) as Iterable<{ chunk: number; data: Buffer }>) {
      assembler.add(chunk.chunk, chunk.data);
    }
    return { meta, data: assembler.finish() };
  });

  return {
    async save(snapshot) {
      // IMMEDIATE takes the write lock before the upsert reads the old revision.
      return save.immediate(snapshot);
    },
    async load(name) {
      return load(name);
    },
    async info(name) {
      const row = info.get(name) as Row | undefined;
      return row ? graphMetaFromRow(row) : undefined;
    },
    async list() {
      return (list.all() as Row[]).map(graphMetaFromRow);
    },
  };
}
