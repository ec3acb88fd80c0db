import type { Database } from 'better-sqlite3';
import type { SourceCursorRepository } from '../types.js';

export function sqliteSourceCursors(db: Database): SourceCursorRepository {
  const get = db.prepare('SELECT cursor FROM source_cursors WHERE key = ?');
  const set = db.prepare(
    `INSERT INTO source_cursors (key, cursor, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at`,
  );
  return {
    async get(key) {
      const row = get.get(key) as { cursor: string } | undefined;
      return row?.cursor;
    },
    async set(key, cursor, at) {
      set.run(key, cursor, at);
    },
  };
}
