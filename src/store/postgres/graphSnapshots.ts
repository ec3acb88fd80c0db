import type pg from 'pg';
import {
  checkChunkBytes,
  chunksOf,
  GRAPH_CHUNK_BYTES,
  GRAPH_META_COLUMNS,
  GRAPH_META_UPSERT,
  graphMetaFromRow,
  snapshotAssembler,
} from '../graphSnapshotRows.js';
import { toDollarParams } from '../sqlFilters.js';
import type { GraphSnapshotRepository } from '../types.js';
import { inTransaction, type Row } from './db.js';

const UPSERT_META = toDollarParams(GRAPH_META_UPSERT);

export function postgresGraphSnapshots(
  pool: pg.Pool,
  chunkBytes = GRAPH_CHUNK_BYTES,
): GraphSnapshotRepository {
  checkChunkBytes(chunkBytes);
  const info = async (db: pg.Pool | pg.PoolClient, name: string) => {
    const { rows } = await db.query<Row>(
      `SELECT ${GRAPH_META_COLUMNS} FROM graph_snapshots WHERE name = $1`,
      [name],
    );
    return rows[0] ? graphMetaFromRow(rows[0]) : undefined;
  };

  return {
    async save(s) {
      return inTransaction(pool, async (client) => {
        const bytes = s.data.byteLength;
        // The upsert locks the name's row, so concurrent saves of one name queue here, and each one's
        // DELETE then sees (and removes) the chunks of the save committed before it.
        const { rows } = await client.query<{ revision: string }>(UPSERT_META, [
          s.name,
          s.at,
          bytes,
          s.nodes,
          s.edges,
        ]);
        await client.query('DELETE FROM graph_snapshot_chunks WHERE name = $1', [s.name]);
        let index = 0;
        for (const chunk of chunksOf(s.data, chunkBytes)) {
          await client.query('INSERT INTO graph_snapshot_chunks (name, chunk, data) VALUES ($1, $2, $3)', [
            s.name,
            index++,
            chunk,
          ]);
        }
        const revision = Number(rows[0]?.revision);
        return { name: s.name, savedAt: s.at, bytes, nodes: s.nodes, edges: s.edges, revision };
      });
    },
    async load(name) {
      // REPEATABLE READ: every query below reads the same snapshot, so a save committing meanwhile is
      // invisible. One chunk per query keeps each result to one chunk rather than the whole snapshot.
      return inTransaction(pool, async (client) => {
        await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
        const meta = await info(client, name);
        if (!meta) return undefined;
        const assembler = snapshotAssembler(meta);
        for (let index = 0; ; index++) {
          const { rows } = await client.query<{ data: Buffer }>(
            'SELECT data FROM graph_snapshot_chunks WHERE name = $1 AND chunk = $2',
            [name, index],
          );
          const row = rows[0];
          if (!row) break;
          assembler.add(index, row.data);
        }
        return { meta, data: assembler.finish() };
      });
    },
    async info(name) {
      return info(pool, name);
    },
    async list() {
      const { rows } = await pool.query<Row>(
        `SELECT ${GRAPH_META_COLUMNS} FROM graph_snapshots ORDER BY name COLLATE "C"`,
      );
      return rows.map(graphMetaFromRow);
    },
  };
}
