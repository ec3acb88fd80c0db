import { ConflictError } from '../core/errors.js';
import { num, optNum, optStr, withoutUndefined } from './rows.js';
import type {
  AuthChallenge,
  AuthDecisionKind,
  AuthDecisionRecord,
  AuthProfileRecord,
  MfaFactor,
  MfaFactorKind,
  TrustedDevice,
} from './types.js';

/*
 * Row <-> domain mapping of the auth tables, shared by both stores. The auth area's JSON lives in TEXT
 * columns in both backends: the store hands back the exact string it was given, which JSONB would not
 * (it reorders keys and drops whitespace).
 */
type Row = Record<string, unknown>;

export function authProfileFromRow(row: Row): AuthProfileRecord {
  return {
    userId: String(row.user_id),
    data: String(row.data),
    revision: num(row.revision),
    updatedAt: num(row.updated_at),
  };
}

/** The optimistic-concurrency failure of AuthProfileRepository.put, alike for both backends. */
export function profileConflict(userId: string, expected: number, stored: number | undefined): ConflictError {
  const found = stored === undefined ? 'does not exist' : `is at revision ${stored}`;
  const wanted = expected === 0 ? 'expected it not to exist yet' : `expected revision ${expected}`;
  return new ConflictError(
    `auth profile of ${userId} ${found}; the write ${wanted}`,
    'another write came first: read the profile again, reapply the change and retry',
  );
}

export function mfaFactorFromRow(row: Row): MfaFactor {
  return withoutUndefined<MfaFactor>({
    id: String(row.id),
    userId: String(row.user_id),
    kind: row.kind as MfaFactorKind,
    label: optStr(row.label),
    data: String(row.data),
    // SQLite stores 0/1, PostgreSQL a BOOLEAN.
    confirmed: row.confirmed === true || num(row.confirmed) === 1,
    createdAt: num(row.created_at),
    lastUsedAt: optNum(row.last_used_at),
  });
}

export function trustedDeviceFromRow(row: Row): TrustedDevice {
  return {
    userId: String(row.user_id),
    deviceId: String(row.device_id),
    trustedAt: num(row.trusted_at),
    expiresAt: num(row.expires_at),
  };
}

export function authChallengeFromRow(row: Row): AuthChallenge {
  return {
    id: String(row.id),
    userId: String(row.user_id),
    purpose: String(row.purpose),
    data: String(row.data),
    createdAt: num(row.created_at),
    expiresAt: num(row.expires_at),
  };
}

/** Columns of auth_decisions that a record fills, in the order of authDecisionValues. */
export const AUTH_DECISION_COLUMNS = 'id, user_id, ip, score, decision, factor, reasons, at';

export function authDecisionValues(d: AuthDecisionRecord): unknown[] {
  return [d.id, d.userId, d.ip ?? null, d.score, d.decision, d.factor ?? null, d.reasons, d.at];
}

export function authDecisionFromRow(row: Row): AuthDecisionRecord {
  return withoutUndefined<AuthDecisionRecord>({
    id: String(row.id),
    userId: String(row.user_id),
    ip: optStr(row.ip),
    score: num(row.score),
    decision: row.decision as AuthDecisionKind,
    factor: optStr(row.factor) as AuthDecisionRecord['factor'],
    reasons: String(row.reasons),
    at: num(row.at),
  });
}
