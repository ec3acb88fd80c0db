import type { Database } from 'better-sqlite3';
import { authProfileFromRow, profileConflict } from '../authRows.js';
import type { AuthProfileRecord, AuthProfileRepository } from '../types.js';

type Row = Record<string, unknown>;

export function sqliteAuthProfiles(db: Database): AuthProfileRepository {
  const byUser = db.prepare('SELECT * FROM auth_profiles WHERE user_id = ?');
  const upsert =
    db.prepare(`INSERT INTO auth_profiles (user_id, data, revision, updated_at) VALUES (?, ?, 1, ?)
    ON CONFLICT (user_id) DO UPDATE SET data = excluded.data, revision = auth_profiles.revision + 1,
      updated_at = excluded.updated_at
    RETURNING *`);
  const create =
    db.prepare(`INSERT INTO auth_profiles (user_id, data, revision, updated_at) VALUES (?, ?, 1, ?)
    ON CONFLICT (user_id) DO NOTHING RETURNING *`);
  // The revision check and the write are one statement, so no other write can fall between them.
  const update = db.prepare(`UPDATE auth_profiles SET data = ?, revision = revision + 1, updated_at = ?
    WHERE user_id = ? AND revision = ? RETURNING *`);
  const count = db.prepare('SELECT COUNT(*) AS n FROM auth_profiles');

  const put = (userId: string, data: string, at: number, expected?: number): AuthProfileRecord => {
    const row = (
      expected === undefined
        ? upsert.get(userId, data, at)
        : expected === 0
          ? create.get(userId, data, at)
          : update.get(data, at, userId, expected)
    ) as Row | undefined;
    if (row) return authProfileFromRow(row);
    const stored = byUser.get(userId) as Row | undefined;
    throw profileConflict(userId, expected ?? 0, stored ? authProfileFromRow(stored).revision : undefined);
  };

  return {
    async get(userId) {
      const row = byUser.get(userId) as Row | undefined;
      return row ? authProfileFromRow(row) : undefined;
    },
    async put(userId, data, at, expectedRevision) {
      return put(userId, data, at, expectedRevision);
    },
    async count() {
      return (count.get() as { n: number }).n;
    },
  };
}
