import type pg from 'pg';
import { NotFoundError } from '../../core/errors.js';
import { mfaFactorFromRow } from '../authRows.js';
import { conflictOnDuplicate } from '../duplicates.js';
import type { MfaFactorRepository } from '../types.js';
import type { Row } from './db.js';

export function postgresMfaFactors(pool: pg.Pool): MfaFactorRepository {
  return {
    async add(f) {
      await conflictOnDuplicate(`MFA factor ${f.id}`, () =>
        pool.query(
          `INSERT INTO mfa_factors (id, user_id, kind, label, data, confirmed, created_at, last_used_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [f.id, f.userId, f.kind, f.label ?? null, f.data, f.confirmed, f.createdAt, f.lastUsedAt ?? null],
        ),
      );
    },
    async get(id) {
      const { rows } = await pool.query<Row>('SELECT * FROM mfa_factors WHERE id = $1', [id]);
      return rows[0] ? mfaFactorFromRow(rows[0]) : undefined;
    },
    async list(userId) {
      const { rows } = await pool.query<Row>(
        'SELECT * FROM mfa_factors WHERE user_id = $1 ORDER BY created_at, id COLLATE "C"',
        [userId],
      );
      return rows.map(mfaFactorFromRow);
    },
    async update(id, change) {
      // A NULL parameter leaves its column as it is: the change names only what it sets.
      const { rows } = await pool.query<Row>(
        `UPDATE mfa_factors SET data = COALESCE($1, data), confirmed = COALESCE($2, confirmed),
           last_used_at = COALESCE($3, last_used_at) WHERE id = $4 RETURNING *`,
        [change.data ?? null, change.confirmed ?? null, change.lastUsedAt ?? null, id],
      );
      if (!rows[0]) throw new NotFoundError('MFA factor', id);
      return mfaFactorFromRow(rows[0]);
    },
    async remove(id) {
      const result = await pool.query('DELETE FROM mfa_factors WHERE id = $1', [id]);
      return result.rowCount === 1;
    },
  };
}
