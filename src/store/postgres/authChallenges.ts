import type pg from 'pg';
import { authChallengeFromRow } from '../authRows.js';
import { conflictOnDuplicate } from '../duplicates.js';
import type { AuthChallengeRepository } from '../types.js';
import type { Row } from './db.js';

export function postgresAuthChallenges(pool: pg.Pool): AuthChallengeRepository {
  return {
    async put(c) {
      await conflictOnDuplicate(`auth challenge ${c.id}`, () =>
        pool.query(
          `INSERT INTO auth_challenges (id, user_id, purpose, data, created_at, expires_at)
           VALUES ($1, $2, $3, $4, $5, $6)`,
          [c.id, c.userId, c.purpose, c.data, c.createdAt, c.expiresAt],
        ),
      );
    },
    async take(id, now) {
      // Of two concurrent takes, the second waits for the first's row lock and then finds the row gone.
      // An expired challenge is deleted too: it can never be answered.
      const { rows } = await pool.query<Row>('DELETE FROM auth_challenges WHERE id = $1 RETURNING *', [id]);
      if (!rows[0]) return undefined;
      const challenge = authChallengeFromRow(rows[0]);
      return challenge.expiresAt > now ? challenge : undefined;
    },
    async purgeExpired(now) {
      const result = await pool.query('DELETE FROM auth_challenges WHERE expires_at <= $1', [now]);
      return result.rowCount ?? 0;
    },
  };
}
