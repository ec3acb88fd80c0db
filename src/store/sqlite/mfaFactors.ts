import type { Database } from 'better-sqlite3';
import { NotFoundError } from '../../core/errors.js';
import { mfaFactorFromRow } from '../authRows.js';
import { conflictOnDuplicate } from '../duplicates.js';
import type { MfaFactorRepository } from '../types.js';

type Row = Record<string, unknown>;

export function sqliteMfaFactors(db: Database): MfaFactorRepository {
  const insert = db.prepare(`INSERT INTO mfa_factors
    (id, user_id, kind, label, data, confirmed, created_at, last_used_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  const byId = db.prepare('SELECT * FROM mfa_factors WHERE id = ?');
  const byUser = db.prepare('SELECT * FROM mfa_factors WHERE user_id = ? ORDER BY created_at, id');
  // A NULL parameter leaves its column as it is: the change names only what it sets.
  const update = db.prepare(`UPDATE mfa_factors SET data = COALESCE(?, data),
    confirmed = COALESCE(?, confirmed), last_used_at = COALESCE(?, last_used_at) WHERE id = ? RETURNING *`);
  const remove = db.prepare('DELETE FROM mfa_factors WHERE id = ?');
  return {
    async add(f) {
      await conflictOnDuplicate(`MFA factor ${f.id}`, () =>
        insert.run(
          f.id,
          f.userId,
          f.kind,
          f.label ?? null,
          f.data,
          f.confirmed ? 1 : 0,
          f.createdAt,
          f.lastUsedAt ?? null,
        ),
      );
    },
    async get(id) {
      const row = byId.get(id) as Row | undefined;
      return row ? mfaFactorFromRow(row) : undefined;
    },
    async list(userId) {
      return (byUser.all(userId) as Row[]).map(mfaFactorFromRow);
    },
    async update(id, change) {
      const confirmed = change.confirmed === undefined ? null : change.confirmed ? 1 : 0;
      const row = update.get(change.data ?? null, confirmed, change.lastUsedAt ?? null, id) as
        | Row
        | undefined;
      if (!row) throw new NotFoundError('MFA factor', id);
      return mfaFactorFromRow(row);
    },
    async remove(id) {
      return remove.run(id).changes === 1;
    },
  };
}
