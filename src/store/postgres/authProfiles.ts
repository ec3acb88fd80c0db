import type pg from 'pg';
import { authProfileFromRow, profileConflict } from '../authRows.js';
import type { AuthProfileRepository } from '../types.js';
import type { Row } from './db.js';

const UPSERT = `INSERT INTO auth_profiles (user_id, data, revision, updated_at) VALUES ($1, $2, 1, $3)
  ON CONFLICT (user_id) DO UPDATE SET data = excluded.data, revision = auth_profiles.revision + 1,
    updated_at = excluded.updated_at
  RETURNING *`;
const CREATE = `INSERT INTO auth_profiles (user_id, data, revision, updated_at) VALUES ($1, $2, 1, $3)
  ON CONFLICT (user_id) DO NOTHING RETURNING *`;
/*
 * The revision check and the write are one statement: a concurrent writer of the same row waits for the
 * row lock, and PostgreSQL then checks the WHERE again against the committed revision, so only one of
 * two writers expecting the same revision succeeds.
 */
const UPDATE = `UPDATE auth_profiles SET data = $1, revision = revision + 1, updated_at = $2
  WHERE user_id = $3 AND revision = $4 RETURNING *`;

export function postgresAuthProfiles(pool: pg.Pool): AuthProfileRepository {
  const get = async (userId: string) => {
    const { rows } = await pool.query<Row>('SELECT * FROM auth_profiles WHERE user_id = $1', [userId]);
    return rows[0] ? authProfileFromRow(rows[0]) : undefined;
  };
  return {
    get,
    async put(userId, data, at, expected) {
      const { rows } =
        expected === undefined
          ? await pool.query<Row>(UPSERT, [userId, data, at])
          : expected === 0
            ? await pool.query<Row>(CREATE, [userId, data, at])
            : await pool.query<Row>(UPDATE, [data, at, userId, expected]);
      if (rows[0]) return authProfileFromRow(rows[0]);
      throw profileConflict(userId, expected ?? 0, (await get(userId))?.revision);
    },
    async count() {
      const { rows } = await pool.query<{ n: string }>('SELECT COUNT(*) AS n FROM auth_profiles');
      return Number(rows[0]?.n ?? 0);
    },
  };
}
