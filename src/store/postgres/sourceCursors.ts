import type pg from 'pg';
import type { SourceCursorRepository } from '../types.js';

export function postgresSourceCursors(pool: pg.Pool): SourceCursorRepository {
  return {
    async get(key) {
      const { rows } = await pool.query<{ cursor: string }>(
        'SELECT cursor FROM source_cursors WHERE key = $1',
        [key],
      );
      return rows[0]?.cursor;
    },
    async set(key, cursor, at) {
      await pool.query(
        `INSERT INTO source_cursors (key, cursor, updated_at) VALUES ($1, $2, $3)
         ON CONFLICT (key) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at`,
        [key, cursor, at],
      );
    },
  };
}
