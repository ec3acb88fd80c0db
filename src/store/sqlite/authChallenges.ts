import type { Database } from 'better-sqlite3';
import { authChallengeFromRow } from '../authRows.js';
import { conflictOnDuplicate } from '../duplicates.js';
import type { AuthChallengeRepository } from '../types.js';

type Row = Record<string, unknown>;

export function sqliteAuthChallenges(db: Database): AuthChallengeRepository {
  const insert = db.prepare(`INSERT INTO auth_challenges (id, user_id, purpose, data, created_at, expires_at)
    VALUES (?, ?, ?, ?, ?, ?)`);
  // One statement reads and deletes, so two requests answering one challenge cannot both get it. An
  // expired challenge is deleted too: it can never be answered.
  const take = db.prepare('DELETE FROM auth_challenges WHERE id = ? RETURNING *');
  const purge = db.prepare('DELETE FROM auth_challenges WHERE expires_at <= ?');
  return {
    async put(c) {
      await conflictOnDuplicate(`auth challenge ${c.id}`, () =>
        insert.run(c.id, c.userId, c.purpose, c.data, c.createdAt, c.expiresAt),
      );
    },
    async take(id, now) {
      const row = take.get(id) as Row | undefined;
      if (!row) return undefined;
      const challenge = authChallengeFromRow(row);
      return challenge.expiresAt > now ? challenge : undefined;
    },
    async purgeExpired(now) {
      return purge.run(now).changes;
    },
  };
}
