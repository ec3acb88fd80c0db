import type { Database } from 'better-sqlite3';
import { trustedDeviceFromRow } from '../authRows.js';
import type { TrustedDeviceRepository } from '../types.js';

type Row = Record<string, unknown>;

export function sqliteTrustedDevices(db: Database): TrustedDeviceRepository {
  const trust = db.prepare(`INSERT INTO trusted_devices (user_id, device_id, trusted_at, expires_at)
    VALUES (?, ?, ?, ?) ON CONFLICT (user_id, device_id) DO UPDATE SET
      trusted_at = excluded.trusted_at, expires_at = excluded.expires_at`);
  const trusted = db.prepare(
    'SELECT 1 FROM trusted_devices WHERE user_id = ? AND device_id = ? AND expires_at > ?',
  );
  const byUser = db.prepare('SELECT * FROM trusted_devices WHERE user_id = ? ORDER BY trusted_at, device_id');
  const revokeOne = db.prepare('DELETE FROM trusted_devices WHERE user_id = ? AND device_id = ?');
  const revokeAll = db.prepare('DELETE FROM trusted_devices WHERE user_id = ?');
  return {
    async trust(d) {
      trust.run(d.userId, d.deviceId, d.trustedAt, d.expiresAt);
    },
    async isTrusted(userId, deviceId, now) {
      return trusted.get(userId, deviceId, now) !== undefined;
    },
    async list(userId) {
      return (byUser.all(userId) as Row[]).map(trustedDeviceFromRow);
    },
    async revoke(userId, deviceId) {
      return (deviceId === undefined ? revokeAll.run(userId) : revokeOne.run(userId, deviceId)).changes;
    },
  };
}
