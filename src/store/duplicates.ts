import { ConflictError } from '../core/errors.js';

/** Unique-key violations as the two drivers report them: PostgreSQL's SQLSTATE and better-sqlite3's code. */
const DUPLICATE_CODES = new Set(['23505', 'SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY']);

/**
 * Runs a write and reports a duplicate id as the caller's conflict rather than a driver error,
 * so both backends fail the same way and the API can answer 409.
 */
export async function conflictOnDuplicate<T>(what: string, write: () => T | Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    const code = (err as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && DUPLICATE_CODES.has(code)) {
      throw new ConflictError(
        `${what} already exists`,
        'ids are stored once; use a new id or read the existing record',
      );
    }
    throw err;
  }
}
